import { parseDateTime } from '../values/dates';
import type {
  AggregateFunction,
  ComparisonOperator,
  Condition,
  FieldPath,
  Literal,
  OrderItem,
  SelectItem,
  SoqlQuery,
} from './ast';
import { isDateLiteralName, takesParameter } from './date-literals';
import { queryErrors } from './errors';
import { tokenize } from './lexer';
import { TokenStream } from './token-stream';

const AGGREGATES: readonly AggregateFunction[] = ['COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM', 'AVG'];
const RESERVED = new Set(
  'AND ASC DESC EXCLUDES FIRST FROM GROUP HAVING IN INCLUDES LAST LIKE LIMIT NOT NULL NULLS OR SELECT WHERE WITH ORDER OFFSET FOR USING ALL UPDATE TYPEOF END'.split(
    ' ',
  ),
);

/** Parses one SOQL query into its syntax tree, or throws MALFORMED_QUERY pointing at the culprit. */
export function parseSoql(text: string): SoqlQuery {
  const stream = new TokenStream(tokenize(text), text);
  const query = parseQuery(stream, false);
  if (stream.peek().kind !== 'eof') throw stream.unexpected();
  return query;
}

/** SELECT … FROM … [WHERE] [GROUP BY] [ORDER BY] [LIMIT] [OFFSET] [FOR …] [ALL ROWS]; `nested` inside ( ). */
export function parseQuery(s: TokenStream, nested: boolean): SoqlQuery {
  s.expectKeyword('SELECT');
  const select = parseSelectList(s);
  s.expectKeyword('FROM');
  const fromToken = s.expectIdent();
  const alias =
    s.peek().kind === 'ident' && !RESERVED.has(s.peek().text.toUpperCase()) ? s.next().text : null;
  const query: SoqlQuery = {
    select,
    from: { name: fromToken.text, alias, pos: fromToken.pos },
    scope: null,
    where: null,
    groupBy: [],
    orderBy: [],
    limit: null,
    offset: null,
    allRows: false,
    text: s.text,
  };
  if (s.acceptKeyword('USING')) {
    s.expectKeyword('SCOPE');
    query.scope = s.expectIdent().text.toLowerCase();
  }
  if (s.acceptKeyword('WHERE')) query.where = parseCondition(s);
  if (s.acceptKeyword('WITH')) parseWith(s);
  if (s.isKeyword('GROUP')) {
    s.next();
    s.expectKeyword('BY');
    query.groupBy = parseList(s, () => parsePath(s));
    if (s.isKeyword('HAVING'))
      throw queryErrors.malformed(s.text, s.peek().pos, 'HAVING is not supported by this org');
  }
  if (s.isKeyword('ORDER')) {
    s.next();
    s.expectKeyword('BY');
    query.orderBy = parseList(s, () => parseOrderItem(s));
  }
  if (s.acceptKeyword('LIMIT')) query.limit = parseCount(s);
  if (s.acceptKeyword('OFFSET')) query.offset = parseCount(s);
  if (!nested) parseTrailingClauses(s, query);
  return query;
}

function parseTrailingClauses(s: TokenStream, query: SoqlQuery): void {
  if (s.acceptKeyword('FOR')) {
    parseList(s, () => {
      const t = s.expectIdent();
      if (!['VIEW', 'REFERENCE', 'UPDATE'].includes(t.text.toUpperCase())) throw s.unexpected(t);
    });
  }
  if (s.acceptKeyword('UPDATE')) {
    const t = s.expectIdent();
    if (!['TRACKING', 'VIEWSTAT'].includes(t.text.toUpperCase())) throw s.unexpected(t);
  }
  if (s.acceptKeyword('ALL')) {
    s.expectKeyword('ROWS');
    query.allRows = true;
  }
}

/** WITH SECURITY_ENFORCED / USER_MODE / SYSTEM_MODE: accepted, and meaningless for an org without sharing rules. */
function parseWith(s: TokenStream): void {
  const t = s.expectIdent();
  if (!['SECURITY_ENFORCED', 'USER_MODE', 'SYSTEM_MODE'].includes(t.text.toUpperCase()))
    throw s.unexpected(t);
}

function parseList<T>(s: TokenStream, item: () => T): T[] {
  const items = [item()];
  while (s.acceptPunct(',')) items.push(item());
  return items;
}

function parseCount(s: TokenStream): number {
  const t = s.next();
  if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw s.unexpected(t);
  return Number(t.text);
}

export function parseSelectList(s: TokenStream): SelectItem[] {
  return parseList(s, () => parseSelectItem(s));
}

function parseSelectItem(s: TokenStream): SelectItem {
  const t = s.peek();
  if (s.isPunct('(')) {
    s.next();
    const query = parseQuery(s, true);
    s.expectPunct(')');
    return { kind: 'subquery', query, pos: t.pos };
  }
  const upper = t.kind === 'ident' ? t.text.toUpperCase() : '';
  if (upper === 'TYPEOF') throw queryErrors.malformed(s.text, t.pos, 'TYPEOF is not supported by this org');
  if (s.isPunct('(', 1) && upper === 'FIELDS') {
    s.next();
    s.next();
    const which = s.expectIdent();
    const w = which.text.toUpperCase();
    if (w !== 'ALL' && w !== 'STANDARD' && w !== 'CUSTOM') throw s.unexpected(which);
    s.expectPunct(')');
    return { kind: 'fields', which: w, pos: t.pos };
  }
  if (s.isPunct('(', 1) && (AGGREGATES as readonly string[]).includes(upper)) {
    s.next();
    s.next();
    if (upper === 'COUNT' && s.acceptPunct(')')) return { kind: 'count', pos: t.pos };
    const path = parsePath(s);
    s.expectPunct(')');
    const alias =
      s.peek().kind === 'ident' && !RESERVED.has(s.peek().text.toUpperCase()) ? s.next().text : null;
    return { kind: 'aggregate', fn: upper as AggregateFunction, path, alias, pos: t.pos };
  }
  return { kind: 'field', path: parsePath(s) };
}

export function parsePath(s: TokenStream): FieldPath {
  const first = s.expectIdent();
  const parts = [first.text];
  while (s.isPunct('.')) {
    s.next();
    parts.push(s.expectIdent().text);
  }
  return { parts, pos: first.pos };
}

function parseOrderItem(s: TokenStream): OrderItem {
  const path = parsePath(s);
  let descending = false;
  if (s.acceptKeyword('DESC')) descending = true;
  else s.acceptKeyword('ASC');
  let nullsFirst: boolean | null = null;
  if (s.acceptKeyword('NULLS')) {
    if (s.acceptKeyword('FIRST')) nullsFirst = true;
    else {
      s.expectKeyword('LAST');
      nullsFirst = false;
    }
  }
  return { path, descending, nullsFirst };
}

/**
 * condition := term (AND term)* | term (OR term)*. As on Salesforce, AND and
 * OR cannot be mixed at one level without parentheses; NOT applies to the
 * term that follows it.
 */
export function parseCondition(s: TokenStream): Condition {
  const first = parseTerm(s);
  const joiner = s.isKeyword('AND') ? 'AND' : s.isKeyword('OR') ? 'OR' : null;
  if (!joiner) return first;
  const items = [first];
  while (s.acceptKeyword(joiner)) items.push(parseTerm(s));
  const other = joiner === 'AND' ? 'OR' : 'AND';
  if (s.isKeyword(other)) throw s.unexpected();
  return joiner === 'AND' ? { kind: 'and', items } : { kind: 'or', items };
}

function parseTerm(s: TokenStream): Condition {
  if (s.acceptKeyword('NOT')) return { kind: 'not', item: parseTerm(s) };
  if (s.acceptPunct('(')) {
    const inner = parseCondition(s);
    s.expectPunct(')');
    return inner;
  }
  return parseSimpleCondition(s);
}

function parseSimpleCondition(s: TokenStream): Condition {
  const path = parsePath(s);
  const opToken = s.peek();
  if (opToken.kind === 'op') {
    s.next();
    const op = (opToken.text === '<>' ? '!=' : opToken.text) as ComparisonOperator;
    return { kind: 'compare', path, op, value: parseLiteral(s), pos: opToken.pos };
  }
  if (s.acceptKeyword('LIKE'))
    return { kind: 'compare', path, op: 'LIKE', value: parseLiteral(s), pos: opToken.pos };
  const negated = s.acceptKeyword('NOT');
  if (s.acceptKeyword('IN')) {
    s.expectPunct('(');
    if (s.isKeyword('SELECT')) {
      const query = parseQuery(s, true);
      s.expectPunct(')');
      return { kind: 'semiJoin', path, negated, query, pos: opToken.pos };
    }
    const values = parseList(s, () => parseLiteral(s));
    s.expectPunct(')');
    return { kind: 'in', path, negated, values, pos: opToken.pos };
  }
  if (s.isKeyword('INCLUDES') || s.isKeyword('EXCLUDES')) {
    throw queryErrors.malformed(
      s.text,
      opToken.pos,
      'INCLUDES and EXCLUDES apply to multi-select picklists, which this org has none of',
    );
  }
  throw s.unexpected();
}

export function parseLiteral(s: TokenStream): Literal {
  const t = s.next();
  switch (t.kind) {
    case 'string':
      return { kind: 'string', value: t.value, raw: t.text, pos: t.pos };
    case 'number':
      return { kind: 'number', value: Number(t.text), pos: t.pos };
    case 'date':
      return { kind: 'date', value: t.text, pos: t.pos };
    case 'datetime': {
      const ms = parseDateTime(t.text);
      if (ms === null) throw queryErrors.malformed(s.text, t.pos, `invalid dateTime: ${t.text}`);
      return { kind: 'datetime', value: ms, text: t.text, pos: t.pos };
    }
    case 'ident': {
      const upper = t.text.toUpperCase();
      if (upper === 'NULL') return { kind: 'null', pos: t.pos };
      if (upper === 'TRUE' || upper === 'FALSE')
        return { kind: 'boolean', value: upper === 'TRUE', pos: t.pos };
      if (isDateLiteralName(upper)) return parseDateLiteral(s, upper, t.pos);
      throw s.unexpected(t);
    }
    default:
      throw s.unexpected(t);
  }
}

function parseDateLiteral(s: TokenStream, name: string, pos: number): Literal {
  if (!takesParameter(name)) return { kind: 'dateLiteral', name, n: null, pos };
  if (!s.acceptPunct(':'))
    throw queryErrors.malformed(s.text, s.peek().pos, `Invalid date literal: ${name} expects :n`);
  const n = s.next();
  if (n.kind !== 'number' || !/^\d+$/.test(n.text)) throw s.unexpected(n);
  return { kind: 'dateLiteral', name, n: Number(n.text), pos };
}
