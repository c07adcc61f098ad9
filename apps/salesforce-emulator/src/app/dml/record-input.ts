import { dmlError, SfApiError, sfErrors } from '../errors/sf-error';
import type { FieldDef } from '../metadata/field';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import { coerceValue } from './coerce';

/** `upsert` reads fields either operation may write; the operation chosen re-checks its own. */
export type DmlMode = 'create' | 'update' | 'upsert';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function noSuchColumn(type: SObjectType, name: string): SfApiError {
  return new SfApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${type.name}`);
}

/**
 * Reads a client's record body into canonical field names and stored
 * values, with Salesforce's errors for unknown fields, fields the client may
 * not write, and values that do not fit. `attributes` and, on update, `Id`
 * are left to the caller.
 */
export function readRecordInput(type: SObjectType, input: unknown, mode: DmlMode): SObjectRecord {
  if (!isPlainObject(input)) {
    throw sfErrors.jsonParser(
      `Cannot deserialize instance of ${type.name} from ${Array.isArray(input) ? 'START_ARRAY' : 'VALUE_STRING'}`,
    );
  }
  const values: SObjectRecord = {};
  const readOnly: FieldDef[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const f = type.field(key);
    if (!f) throw noSuchColumn(type, key);
    if (f.name === 'Id') {
      if (mode === 'create')
        throw dmlError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
      continue;
    }
    const writable =
      mode === 'create' ? f.createable : mode === 'update' ? f.updateable : f.createable || f.updateable;
    if (!writable) {
      readOnly.push(f);
      continue;
    }
    values[f.name] = coerceValue(f, raw);
  }
  if (readOnly.length > 0) {
    const names = readOnly.map((f) => f.name);
    throw dmlError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${names.join(', ')}. Please check the security settings of this field ` +
        'and verify that it is read/write for your profile or permission set.',
      names,
    );
  }
  return values;
}

/** Drops nulls: the store keeps only fields that have a value. */
export function compact(record: SObjectRecord): SObjectRecord {
  const out: SObjectRecord = {};
  for (const [k, v] of Object.entries(record)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
