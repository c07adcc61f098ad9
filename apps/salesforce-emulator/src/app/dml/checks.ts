import { dmlError, SfApiError } from '../errors/sf-error';
import type { Catalogue } from '../metadata/catalogue';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import { type RecordStore } from '../store/record-store';

/** REQUIRED_FIELD_MISSING for required fields without a value (all of them at once, as Salesforce lists them). */
export function checkRequired(type: SObjectType, record: SObjectRecord, touched?: ReadonlySet<string>): void {
  const missing = type.fields
    .filter((f) => f.required && (touched === undefined || touched.has(f.name)))
    .filter((f) => record[f.name] === null || record[f.name] === undefined)
    .map((f) => f.name);
  if (missing.length > 0) {
    throw dmlError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }
}

/** Lookups must point at a live record of one of the field's target objects. */
export function checkReferences(
  catalogue: Catalogue,
  store: RecordStore,
  type: SObjectType,
  values: SObjectRecord,
): void {
  for (const [name, value] of Object.entries(values)) {
    const f = type.field(name);
    if (!f || f.type !== 'reference' || typeof value !== 'string') continue;
    const target = catalogue.typeOfId(value);
    if (!target || !f.referenceTo.includes(target.name)) {
      throw dmlError('FIELD_INTEGRITY_EXCEPTION', `${f.label}: id value of incorrect type: ${value}`, [
        f.name,
      ]);
    }
    if (!store.findLive(value)) {
      throw dmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]);
    }
  }
}

/** DUPLICATE_VALUE when a unique field's value is already used by another live record. */
export function checkUnique(store: RecordStore, type: SObjectType, record: SObjectRecord): void {
  for (const f of type.fields) {
    if (!f.unique) continue;
    const value = record[f.name] ?? null;
    const others = store.lookup(type.name, f, value).filter((id) => id !== record['Id']);
    if (others.length === 0) continue;
    if (f.name === 'Username') {
      throw dmlError(
        'DUPLICATE_USERNAME',
        'Duplicate Username.<br>The username already exists in this or another Salesforce organization. ' +
          'Usernames must be unique across all Salesforce organizations.',
        ['Username'],
      );
    }
    throw dmlError(
      'DUPLICATE_VALUE',
      `duplicate value found: ${f.name} duplicates value on record with id: ${others[0]}`,
    );
  }
}

/** The live record, or the errors Salesforce gives for a deleted or unknown one. */
export function liveRecord(store: RecordStore, type: SObjectType, id: string): SObjectRecord {
  const record = store.get(type.name, id);
  if (!record) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (record['IsDeleted'] === true) throw dmlError('ENTITY_IS_DELETED', 'entity is deleted');
  return record;
}
