import type { FieldDef, FieldValue } from './field';

export type SObjectRecord = Record<string, FieldValue>;

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
}

/** One object of the org: its fields and the values the org derives on every save. */
export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  /** Visible to SOSL (RETURNING and the default object list). */
  searchable: boolean;
  /** Format of the auto-number Name, e.g. "PI-{0000000}". */
  autoNumberFormat?: string;
  /** False where the org refuses deletes (User). */
  deletable?: boolean;
  fields: readonly FieldDef[];
  /** Values computed from the others on every insert and update (Name of a person, IsClosed, …). */
  derive?: (record: SObjectRecord) => SObjectRecord;
}

/** An object with its fields indexed by lower-case name. */
export class SObjectType {
  readonly name: string;
  private readonly byName = new Map<string, FieldDef>();
  private readonly byRelationship = new Map<string, FieldDef>();
  childRelationships: ChildRelationship[] = [];

  constructor(readonly def: ObjectDef) {
    this.name = def.name;
    for (const f of def.fields) {
      this.byName.set(f.name.toLowerCase(), f);
      if (f.relationshipName) this.byRelationship.set(f.relationshipName.toLowerCase(), f);
    }
  }

  get fields(): readonly FieldDef[] {
    return this.def.fields;
  }

  get keyPrefix(): string {
    return this.def.keyPrefix;
  }

  field(name: string): FieldDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The reference field behind a relationship name (Account → AccountId). */
  relationship(name: string): FieldDef | undefined {
    return this.byRelationship.get(name.toLowerCase());
  }

  get phoneFields(): FieldDef[] {
    return this.def.fields.filter((f) => f.type === 'phone');
  }

  get nameField(): FieldDef | undefined {
    return this.def.fields.find((f) => f.nameField);
  }

  hasOwner(): boolean {
    return this.byName.has('ownerid');
  }
}
