import type { FieldDef, FieldValue } from '../metadata/field';
import { isTextType } from '../metadata/field';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import { parseDateTime } from '../values/dates';
import type { ComparisonOperator, Condition, Literal, SoqlQuery } from './ast';
import { queryErrors } from './errors';
import { type Operand, textKey, toOperand } from './literals';
import { resolvePath } from './paths';
import type { QueryEnv } from './query-env';

export type Predicate = (record: SObjectRecord) => boolean;
type Comparable = string | number | boolean;

/** Runs a semi-join's inner query and returns the ids it selects. */
export type SemiJoinRunner = (query: SoqlQuery) => Set<string>;

/** A stored value as filters compare it: lower-case text, dateTimes as instants, '' as null. */
export function comparableOf(f: FieldDef, value: FieldValue): Comparable | null {
  if (value === null || value === undefined || value === '') return null;
  if (isTextType(f.type)) return textKey(f, String(value));
  if (f.type === 'datetime') return parseDateTime(String(value));
  return value;
}

function compare(op: ComparisonOperator, stored: Comparable | null, operand: Operand): boolean {
  if (operand.kind === 'null') return op === '=' ? stored === null : op === '!=' ? stored !== null : false;
  // SOQL, unlike SQL, counts a null as "not equal" to any value.
  if (stored === null) return op === '!=';
  if (operand.kind === 'range') {
    const inside = stored >= operand.start && stored < operand.end;
    switch (op) {
      case '=':
        return inside;
      case '!=':
        return !inside;
      case '<':
        return stored < operand.start;
      case '<=':
        return stored < operand.end;
      case '>':
        return stored >= operand.end;
      default:
        return stored >= operand.start;
    }
  }
  const v = operand.value;
  switch (op) {
    case '=':
      return stored === v;
    case '!=':
      return stored !== v;
    case '<':
      return stored < v;
    case '<=':
      return stored <= v;
    case '>':
      return stored > v;
    default:
      return stored >= v;
  }
}

/** LIKE pattern → RegExp: % any run, _ one character, \% and \_ literal; case-insensitive, whole value. */
export function likeToRegExp(raw: string): RegExp {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i];
      const literal = next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
      source += literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

export function compileCondition(
  env: QueryEnv,
  query: SoqlQuery,
  type: SObjectType,
  condition: Condition,
  semiJoin: SemiJoinRunner,
): Predicate {
  const text = query.text;
  const alias = query.from.alias;
  const compileOne = (c: Condition): Predicate => {
    switch (c.kind) {
      case 'and': {
        const items = c.items.map(compileOne);
        return (r) => items.every((p) => p(r));
      }
      case 'or': {
        const items = c.items.map(compileOne);
        return (r) => items.some((p) => p(r));
      }
      case 'not': {
        const item = compileOne(c.item);
        return (r) => !item(r);
      }
      default:
        break;
    }
    const path = resolvePath(env, text, type, c.path, alias);
    const f = path.field;
    if (!f.filterable)
      throw queryErrors.invalidField(text, c.path.pos, `field '${f.name}' can not be filtered in query call`);
    const read = (r: SObjectRecord) => comparableOf(f, path.get(r));
    if (c.kind === 'compare') return compileCompare(env, text, f, c.op, c.value, read, c.pos);
    if (c.kind === 'in') {
      const operands = c.values.map((v) => toOperand(env, text, f, v));
      if (f.type === 'boolean') throw queryErrors.filter(text, c.pos, 'invalid operator on boolean field');
      const matches = (r: SObjectRecord) => {
        const stored = read(r);
        return operands.some((o) => compare('=', stored, o));
      };
      return c.negated ? (r) => !matches(r) : matches;
    }
    if (f.type !== 'id' && f.type !== 'reference') {
      throw queryErrors.malformed(
        text,
        c.pos,
        `semi join sub-selects can only filter on an id or reference field, not ${f.name}`,
      );
    }
    const ids = semiJoin(c.query);
    return c.negated ? (r) => !ids.has(read(r) as string) : (r) => ids.has(read(r) as string);
  };
  return compileOne(condition);
}

function compileCompare(
  env: QueryEnv,
  text: string,
  f: FieldDef,
  op: ComparisonOperator,
  value: Literal,
  read: (r: SObjectRecord) => Comparable | null,
  pos: number,
): Predicate {
  if (op === 'LIKE') {
    if (!isTextType(f.type)) throw queryErrors.filter(text, pos, `invalid operator on ${f.type} field`);
    if (value.kind === 'null') return () => false;
    if (value.kind !== 'string')
      throw queryErrors.filter(text, value.pos, `LIKE needs a quoted string, not ${value.kind}`);
    const pattern = likeToRegExp(value.raw);
    return (r) => {
      const stored = read(r);
      return typeof stored === 'string' && pattern.test(stored);
    };
  }
  if (f.type === 'boolean' && op !== '=' && op !== '!=') {
    throw queryErrors.filter(text, pos, 'invalid operator on boolean field');
  }
  const operand = toOperand(env, text, f, value);
  return (r) => compare(op, read(r), operand);
}
