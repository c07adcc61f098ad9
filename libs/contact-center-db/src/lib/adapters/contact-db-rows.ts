import {
  ContactDbError,
  type CallHistoryRecord,
  type CategoryRecord,
  type ContactRecord,
  type InsertContactInput,
  type InsertContactResult,
} from '../port/contact-db';
import { toFields, toId, toIso, toNumber, type Row } from '../sql/sql-client';

/**
 * What both adapters share: input checks before any round trip, and the
 * mapping of result rows (the procedures return the same columns in both
 * dialects), so "two adapters, one behaviour" holds by construction.
 */

/** The column sizes: contacts.clave_1 varchar(255), contacts.phone varchar(64). */
export const DATA_MAX_LENGTH = 255;
export const ANI_MAX_LENGTH = 64;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const ID = /^[0-9]{1,18}$/;

/** Identifiers are decimal strings of a bigint; anything else names nothing. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n;
}

/**
 * The same refusals as the procedure, before the round trip: SQL Server would
 * silently truncate an over-long parameter, and PostgreSQL refuses NUL bytes
 * with a driver error rather than a clean code.
 */
export function checkInsertInput(input: InsertContactInput): { data: string; ani: string } {
  if (typeof input.data !== 'string' || typeof input.ani !== 'string')
    throw new ContactDbError('INVALID_INPUT', 'data and ani must be strings');
  const data = input.data.trim();
  const ani = input.ani.trim();
  if (data.length > DATA_MAX_LENGTH)
    throw new ContactDbError('INVALID_INPUT', `DATA is longer than ${DATA_MAX_LENGTH} characters`);
  if (ani.length > ANI_MAX_LENGTH)
    throw new ContactDbError('INVALID_INPUT', `ANI is longer than ${ANI_MAX_LENGTH} characters`);
  if (CONTROL_CHARACTERS.test(data) || CONTROL_CHARACTERS.test(ani))
    throw new ContactDbError('INVALID_INPUT', 'DATA and ANI must not contain control characters');
  if (!isId(input.databaseId))
    throw new ContactDbError(
      'DATABASE_NOT_FOUND',
      `contact database ${JSON.stringify(input.databaseId)} does not exist`,
    );
  return { data, ani };
}

export function checkMaxRows(maxRows: number): number {
  if (!Number.isInteger(maxRows) || maxRows < 1)
    throw new ContactDbError('INVALID_INPUT', `maxRows must be a positive integer, got ${maxRows}`);
  return Math.min(maxRows, 500);
}

export function toInsertResult(row: Row | undefined): InsertContactResult {
  if (!row) throw new Error('CONTACTO_INSERT_SALESFORCE returned no row');
  return {
    clavesf: String(row['clavesf']),
    contactId: toId(row['id_contacto']),
    data: String(row['data'] ?? ''),
    created: row['created'] === true || row['created'] === 1,
  };
}

export function toContactRecord(row: Row): ContactRecord {
  const phones = [row['phone'], row['phone2']]
    .map((phone) => (typeof phone === 'string' ? phone.trim() : ''))
    .filter((phone) => phone !== '');
  return {
    contactId: toId(row['id']),
    databaseId: toId(row['database_id']),
    crmId: toId(row['crm_id']),
    key: String(row['clave_1'] ?? ''),
    phones,
    fields: toFields(row['data']),
  };
}

/** CRM_CATEGORIES returns one row per subcategory (a category without any: one row, nulls). */
export function groupCategories(rows: readonly Row[]): CategoryRecord[] {
  const byId = new Map<string, CategoryRecord>();
  for (const row of rows) {
    const id = toId(row['category_id']);
    let category = byId.get(id);
    if (!category) {
      category = {
        id,
        name: String(row['category_name']),
        schedules: row['schedules'] === true || row['schedules'] === 1,
        subcategories: [],
      };
      byId.set(id, category);
    }
    if (row['subcategory_id'] !== null && row['subcategory_id'] !== undefined)
      category.subcategories.push({
        id: toId(row['subcategory_id']),
        name: String(row['subcategory_name']),
      });
  }
  return [...byId.values()];
}

export function toHistoryRecord(row: Row): CallHistoryRecord {
  const nullable = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    callId: String(row['call_id']),
    direction: row['direction'] === 'inbound' ? 'inbound' : 'outbound',
    number: String(row['number'] ?? ''),
    userId: nullable(row['user_id']),
    startedAt: toIso(row['started_at']) ?? '',
    endedAt: toIso(row['ended_at']),
    talkSeconds: toNumber(row['talk_seconds']),
    cause: nullable(row['cause']),
    category: nullable(row['category_name']),
    subcategory: nullable(row['subcategory_name']),
  };
}
