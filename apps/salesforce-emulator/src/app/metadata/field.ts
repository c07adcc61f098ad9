/** The field types this org models, named as `describe` names them. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'phone'
  | 'email'
  | 'url'
  | 'picklist'
  | 'combobox'
  | 'reference'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime';

export type FieldValue = string | number | boolean | null;

/** One field of an object: everything describe, validation, SOQL and SOSL need to know. */
export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Characters for text types. */
  length: number;
  /** Total digits and digits after the point for number types. */
  precision: number;
  scale: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Required on create: not nillable, createable and without a default. */
  required: boolean;
  unique: boolean;
  externalId: boolean;
  caseSensitive: boolean;
  custom: boolean;
  /** Computed by the org (Name of a person, IsClosed, …); never written by clients. */
  calculated: boolean;
  autoNumber: boolean;
  /** The object's record name (Name, Subject, CaseNumber, …). */
  nameField: boolean;
  filterable: boolean;
  sortable: boolean;
  defaultValue: FieldValue;
  picklistValues: readonly string[];
  restrictedPicklist: boolean;
  referenceTo: readonly string[];
  relationshipName: string | null;
  /** Name of the list on the parent (Account.Contacts), for describe and parent-to-child subqueries. */
  childRelationshipName: string | null;
  /** Part of SOSL's IN NAME FIELDS group. */
  searchName: boolean;
}

export type FieldOptions = Partial<Omit<FieldDef, 'name' | 'type'>>;

const TEXT_TYPES: ReadonlySet<FieldType> = new Set([
  'string',
  'textarea',
  'phone',
  'email',
  'url',
  'picklist',
  'combobox',
]);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'double', 'currency', 'percent']);

export function isTextType(type: FieldType): boolean {
  return TEXT_TYPES.has(type);
}

export function isNumberType(type: FieldType): boolean {
  return NUMBER_TYPES.has(type);
}

export function isIdType(type: FieldType): boolean {
  return type === 'id' || type === 'reference';
}

/** Builds a field with Salesforce's defaults for its type; options override them. */
export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  const longText = type === 'textarea' && (options.length ?? 255) > 255;
  const nillable = options.nillable ?? type !== 'boolean';
  const createable = options.createable ?? true;
  const defaultValue = options.defaultValue ?? (type === 'boolean' ? false : null);
  return {
    name,
    type,
    label: options.label ?? labelOf(name),
    length: options.length ?? defaultLength(type),
    precision: options.precision ?? (type === 'int' ? 9 : isNumberType(type) ? 18 : 0),
    scale: options.scale ?? (type === 'currency' ? 2 : 0),
    nillable,
    createable,
    updateable: options.updateable ?? createable,
    required: options.required ?? (!nillable && createable && defaultValue === null && type !== 'boolean'),
    unique: options.unique ?? false,
    externalId: options.externalId ?? false,
    caseSensitive: options.caseSensitive ?? false,
    custom: options.custom ?? name.endsWith('__c'),
    calculated: options.calculated ?? false,
    autoNumber: options.autoNumber ?? false,
    nameField: options.nameField ?? false,
    filterable: options.filterable ?? !longText,
    sortable: options.sortable ?? !longText,
    defaultValue,
    picklistValues: options.picklistValues ?? [],
    restrictedPicklist: options.restrictedPicklist ?? false,
    referenceTo: options.referenceTo ?? [],
    relationshipName: options.relationshipName ?? null,
    childRelationshipName: options.childRelationshipName ?? null,
    searchName: options.searchName ?? false,
  };
}

function defaultLength(type: FieldType): number {
  switch (type) {
    case 'id':
    case 'reference':
      return 18;
    case 'phone':
      return 40;
    case 'email':
    case 'url':
    case 'string':
    case 'picklist':
    case 'combobox':
    case 'textarea':
      return 255;
    default:
      return 0;
  }
}

/** "AnnualRevenue" → "Annual Revenue", "neoSyncId__c" → "neoSyncId". */
function labelOf(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/Id$/, ' ID')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
}
