import { normalizeId } from '../ids/sf-id';
import type { FieldDef } from '../metadata/field';
import { isNumberType, isTextType } from '../metadata/field';
import type { Literal } from './ast';
import { dateLiteralRange, localMidnight } from './date-literals';
import { queryErrors } from './errors';
import type { QueryEnv } from './query-env';

/** A filter value ready to compare with a field's stored values. */
export type Operand =
  | { kind: 'null' }
  | { kind: 'value'; value: string | number | boolean }
  | { kind: 'range'; start: string | number; end: string | number };

const TYPE_NAMES: Record<string, string> = {
  int: 'int',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
  id: 'id',
  reference: 'id',
};

function wrongType(env: QueryEnv, text: string, f: FieldDef, lit: Literal) {
  const typeName = TYPE_NAMES[f.type] ?? 'string';
  const quoted = typeName === 'string' || typeName === 'id';
  return queryErrors.filter(
    text,
    lit.pos,
    `value of filter criterion for field '${f.name}' must be of type ${typeName} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}

/** Stored text is compared case-insensitively unless the field is case-sensitive. */
export function textKey(f: FieldDef, value: string): string {
  return f.caseSensitive ? value : value.toLowerCase();
}

/**
 * Checks a literal against the field's type, as Salesforce does before
 * running anything, and converts it to the stored representation.
 */
export function toOperand(env: QueryEnv, text: string, f: FieldDef, lit: Literal): Operand {
  if (lit.kind === 'null') return { kind: 'null' };
  if (f.type === 'id' || f.type === 'reference') {
    if (lit.kind !== 'string') throw wrongType(env, text, f, lit);
    const id = normalizeId(lit.value);
    if (id === null) throw queryErrors.filter(text, lit.pos, `invalid ID field: ${lit.value}`);
    return { kind: 'value', value: id };
  }
  if (isTextType(f.type)) {
    if (lit.kind !== 'string') throw wrongType(env, text, f, lit);
    return { kind: 'value', value: textKey(f, lit.value) };
  }
  if (isNumberType(f.type)) {
    if (lit.kind !== 'number') throw wrongType(env, text, f, lit);
    return { kind: 'value', value: lit.value };
  }
  if (f.type === 'boolean') {
    if (lit.kind !== 'boolean') throw wrongType(env, text, f, lit);
    return { kind: 'value', value: lit.value };
  }
  if (lit.kind === 'dateLiteral') {
    const range = dateLiteralRange(lit.name, lit.n, env.now, env.timeZone);
    if (f.type === 'date') return { kind: 'range', start: range.start, end: range.end };
    return {
      kind: 'range',
      start: localMidnight(range.start, env.timeZone),
      end: localMidnight(range.end, env.timeZone),
    };
  }
  if (f.type === 'date' && lit.kind === 'date') return { kind: 'value', value: lit.value };
  if (f.type === 'datetime' && lit.kind === 'datetime') return { kind: 'value', value: lit.value };
  throw wrongType(env, text, f, lit);
}
