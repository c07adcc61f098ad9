import { dmlError, SfApiError } from '../errors/sf-error';
import { normalizeId } from '../ids/sf-id';
import type { FieldDef, FieldValue } from '../metadata/field';
import { formatDateTime, parseDate, parseDateTime } from '../values/dates';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

const JAVA_TYPES: Record<string, string> = {
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

function jsonToken(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'object') return 'START_OBJECT';
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
}

/** Salesforce's deserialiser message when a JSON value does not fit the field's type. */
function cannotDeserialize(f: FieldDef, value: unknown): SfApiError {
  const shown = typeof value === 'object' ? (Array.isArray(value) ? '[' : '{') : String(value);
  return new SfApiError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${JAVA_TYPES[f.type] ?? 'string'} from ${jsonToken(value)} value ${shown} ` +
      'or request may be missing a required field',
  );
}

function coerceText(f: FieldDef, value: unknown): FieldValue {
  if (typeof value === 'object') throw cannotDeserialize(f, value);
  const text = String(value);
  if (text === '') return null;
  if (text.length > f.length) {
    throw dmlError(
      'STRING_TOO_LONG',
      `${f.label}: data value too large: ${text.slice(0, 100)} (max length=${f.length})`,
      [f.name],
    );
  }
  if (f.type === 'email' && !EMAIL.test(text)) {
    throw dmlError('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${text}`, [f.name]);
  }
  if (f.restrictedPicklist && !f.picklistValues.includes(text)) {
    throw dmlError(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `${f.label}: bad value for restricted picklist field: ${text}`,
      [f.name],
    );
  }
  return text;
}

function coerceNumber(f: FieldDef, value: unknown): FieldValue {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n)) throw cannotDeserialize(f, value);
  if (f.type === 'int' && !Number.isInteger(n)) throw cannotDeserialize(f, value);
  const scale = f.type === 'int' ? 0 : f.scale;
  const factor = 10 ** scale;
  const rounded = Math.round(n * factor) / factor;
  const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
  const allowed = f.type === 'int' ? f.precision : f.precision - f.scale;
  if (integerDigits > allowed) {
    throw dmlError(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `${f.label}: value outside of valid range on numeric field: ${n}`,
      [f.name],
    );
  }
  return rounded;
}

/**
 * A client's JSON value for a field, checked and converted to how the org
 * stores it, or the error Salesforce reports for it. References are checked
 * for shape only here; whether they point at a live record is the DML's job.
 */
export function coerceValue(f: FieldDef, value: unknown): FieldValue {
  if (value === null || value === undefined) return f.type === 'boolean' ? false : null;
  switch (f.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw cannotDeserialize(f, value);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(f, value);
    case 'date': {
      const date = typeof value === 'string' ? parseDate(value) : null;
      if (date === null) throw cannotDeserialize(f, value);
      return date;
    }
    case 'datetime': {
      const text = typeof value === 'string' ? value : '';
      const ms = parseDate(text) !== null ? Date.parse(`${text}T00:00:00Z`) : parseDateTime(text);
      if (ms === null) throw cannotDeserialize(f, value);
      return formatDateTime(ms);
    }
    case 'id':
    case 'reference': {
      if (value === '') return null;
      const id = normalizeId(value);
      if (id === null) {
        throw dmlError('MALFORMED_ID', `${f.label}: id value of incorrect type: ${String(value)}`, [f.name]);
      }
      return id;
    }
    default:
      return coerceText(f, value);
  }
}
