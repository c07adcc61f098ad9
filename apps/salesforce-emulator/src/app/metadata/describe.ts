import type { Catalogue } from './catalogue';
import type { FieldDef, FieldType } from './field';
import type { SObjectType } from './object';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  phone: 'xsd:string',
  email: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  combobox: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

const TEXTUAL: ReadonlySet<FieldType> = new Set([
  'string',
  'textarea',
  'phone',
  'email',
  'url',
  'picklist',
  'combobox',
]);

function defaultedOnCreate(f: FieldDef): boolean {
  return (
    f.type === 'id' ||
    f.type === 'boolean' ||
    f.name === 'OwnerId' ||
    f.autoNumber ||
    f.calculated ||
    (!f.createable && !f.updateable) ||
    f.defaultValue !== null
  );
}

/** A field as `describe` lists it (the properties jsforce and Salesforce tooling read). */
export function describeField(f: FieldDef): Record<string, unknown> {
  const textual = TEXTUAL.has(f.type) || f.type === 'id' || f.type === 'reference';
  const longText = f.type === 'textarea' && f.length > 255;
  return {
    aggregatable: !longText,
    aiPredictionField: false,
    autoNumber: f.autoNumber,
    byteLength: textual ? f.length * 3 : 0,
    calculated: f.calculated,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: f.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.type === 'boolean' ? f.defaultValue : null,
    defaultValueFormula: null,
    defaultedOnCreate: defaultedOnCreate(f),
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.type === 'int' ? f.precision : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: f.externalId,
    extraTypeInfo: f.type === 'textarea' ? 'plaintextarea' : null,
    filterable: f.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: f.sortable && f.type !== 'double' && f.type !== 'currency' && f.type !== 'percent',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.type === 'id' || f.externalId || f.name === 'Username' || (f.nameField && !f.calculated),
    inlineHelpText: null,
    label: f.label,
    length: TEXTUAL.has(f.type) || f.type === 'id' || f.type === 'reference' ? f.length : 0,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField,
    namePointing: f.referenceTo.length > 1,
    nillable: f.nillable,
    permissionable: f.nillable && !f.calculated && f.createable,
    picklistValues: f.picklistValues.map((value) => ({
      active: true,
      defaultValue: value === f.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: f.type === 'int' ? 0 : f.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: [...f.referenceTo],
    relationshipName: f.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.type === 'int' ? 0 : f.scale,
    searchPrefilterable: false,
    soapType: SOAP_TYPES[f.type],
    sortable: f.sortable,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

export function sobjectUrls(name: string, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    describe: `${base}/describe`,
    layouts: `${base}/describe/layouts`,
    listviews: `${base}/listviews`,
    quickActions: `${base}/quickActions`,
    sobject: base,
  };
}

/** The object-level properties shared by describe and describeGlobal. */
export function objectSummary(type: SObjectType, version: string): Record<string, unknown> {
  const { def } = type;
  const deletable = def.deletable ?? true;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: true,
    custom: def.custom,
    customSetting: false,
    deepCloneable: false,
    deletable,
    deprecatedAndHidden: false,
    feedEnabled: !def.custom,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: ['Account', 'Contact', 'Lead'].includes(def.name),
    mruEnabled: true,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: def.searchable,
    triggerable: true,
    undeletable: deletable,
    updateable: true,
    urls: sobjectUrls(def.name, version),
  };
}

export function describeSObject(type: SObjectType, version: string): Record<string, unknown> {
  return {
    ...objectSummary(type, version),
    actionOverrides: [],
    childRelationships: type.childRelationships.map((c) => ({
      cascadeDelete: false,
      childSObject: c.childSObject,
      deprecatedAndHidden: false,
      field: c.field,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: c.relationshipName,
      restrictedDelete: false,
    })),
    compactLayoutable: true,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: type.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: {
          layout: `/services/data/v${version}/sobjects/${type.name}/describe/layouts/012000000000000AAA`,
        },
      },
    ],
    searchLayoutable: type.def.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [
      { label: `All ${type.def.labelPlural.toLowerCase()}`, name: 'everything' },
      ...(type.hasOwner() ? [{ label: `My ${type.def.labelPlural.toLowerCase()}`, name: 'mine' }] : []),
    ],
  };
}

export function describeGlobal(catalogue: Catalogue, version: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: catalogue.objects.map((t) => objectSummary(t, version)),
  };
}
