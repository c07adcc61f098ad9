import type { FieldDef } from './field';
import { type ObjectDef, SObjectType } from './object';
import { ACCOUNT } from './objects/account';
import { CONTACT } from './objects/contact';
import { LEAD } from './objects/lead';
import { OPPORTUNITY } from './objects/opportunity';
import { TASK } from './objects/task';
import { USER } from './objects/user';
import { customObject } from './package/custom-object';
import { findPackageDir } from './package/package-dir';
import { type PackageSchema, readPackageSchema } from './package/package-schema';

/** The objects every org has, with their standard fields only: custom fields come from the package. */
export const STANDARD_OBJECTS: readonly ObjectDef[] = [ACCOUNT, CONTACT, LEAD, OPPORTUNITY, TASK, USER];

export interface OrgSchemaOptions {
  /** False: an org where PhoneIndex__c was never deployed (the gateway must fall back to SOSL). */
  phoneIndex?: boolean;
}

/**
 * The org's objects: the standard ones with the package's custom fields
 * added, and the package's custom objects (PhoneIndex__c). One source of
 * truth with salesforce/force-app, the package an administrator deploys.
 */
export function orgObjects(schema: PackageSchema, options: OrgSchemaOptions = {}): ObjectDef[] {
  const extra = (name: string): readonly FieldDef[] => schema.fields.get(name) ?? [];
  const standard = STANDARD_OBJECTS.map((def) => ({ ...def, fields: [...def.fields, ...extra(def.name)] }));
  const custom = schema.objects
    .filter((o) => options.phoneIndex !== false || o.name !== 'PhoneIndex__c')
    .map((o, i) => customObject(o, extra(o.name), i));
  for (const name of schema.fields.keys()) {
    if (!STANDARD_OBJECTS.some((d) => d.name === name) && !schema.objects.some((o) => o.name === name))
      throw new Error(`${schema.dir}: fields for ${name}, an object the emulator does not model`);
  }
  return [...standard, ...custom];
}

let defaultSchema: PackageSchema | undefined;

/** The package found beside the emulator or in the repository, read once per process. */
export function packageSchema(dir = 'auto'): PackageSchema {
  if (dir !== 'auto') return readPackageSchema(findPackageDir(dir));
  defaultSchema ??= readPackageSchema(findPackageDir());
  return defaultSchema;
}

/**
 * The org's schema: one definition per object, read by describe, DML
 * validation, SOQL and SOSL alike, so they can never disagree.
 */
export class Catalogue {
  private readonly byName = new Map<string, SObjectType>();
  private readonly byPrefix = new Map<string, SObjectType>();

  constructor(defs: readonly ObjectDef[] = orgObjects(packageSchema())) {
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
