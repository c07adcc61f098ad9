import type { FieldDef } from './field';
import { type ObjectDef, SObjectType } from './object';
import { ACCOUNT } from './objects/account';
import { CONTACT } from './objects/contact';
import { LEAD } from './objects/lead';
import { OPPORTUNITY } from './objects/opportunity';
import { PHONE_INDEX } from './objects/phone-index';
import { TASK } from './objects/task';
import { USER } from './objects/user';

export const STANDARD_OBJECTS: readonly ObjectDef[] = [
  ACCOUNT,
  CONTACT,
  LEAD,
  OPPORTUNITY,
  TASK,
  USER,
  PHONE_INDEX,
];

/**
 * The org's schema: one definition per object, read by describe, DML
 * validation, SOQL and SOSL alike, so they can never disagree.
 */
export class Catalogue {
  private readonly byName = new Map<string, SObjectType>();
  private readonly byPrefix = new Map<string, SObjectType>();

  constructor(defs: readonly ObjectDef[] = STANDARD_OBJECTS) {
    for (const def of defs) {
      const type = new SObjectType(def);
      this.byName.set(def.name.toLowerCase(), type);
      this.byPrefix.set(def.keyPrefix, type);
    }
    for (const child of this.byName.values()) {
      for (const f of child.fields) this.linkChild(child, f);
    }
  }

  get objects(): SObjectType[] {
    return [...this.byName.values()];
  }

  /** Case-insensitive, as object names are everywhere in the API. */
  find(name: string): SObjectType | undefined {
    return this.byName.get(name.toLowerCase());
  }

  byKeyPrefix(prefix: string): SObjectType | undefined {
    return this.byPrefix.get(prefix);
  }

  /** The object an id belongs to, from its key prefix. */
  typeOfId(id: string): SObjectType | undefined {
    return this.byPrefix.get(id.slice(0, 3));
  }

  private linkChild(child: SObjectType, f: FieldDef): void {
    if (f.type !== 'reference' || !f.childRelationshipName) return;
    for (const parentName of f.referenceTo) {
      this.find(parentName)?.childRelationships.push({
        childSObject: child.name,
        field: f.name,
        relationshipName: f.childRelationshipName,
      });
    }
  }
}
