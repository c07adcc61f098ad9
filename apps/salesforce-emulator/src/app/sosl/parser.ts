import { SfApiError } from '../errors/sf-error';
import type { Condition, OrderItem, SelectItem } from '../soql/ast';
import { tokenize } from '../soql/lexer';
import { parseCondition, parsePath, parseLiteral, parseSelectList } from '../soql/parser';
import { TokenStream } from '../soql/token-stream';
import { malformedSearch, parseSearchTerm, type SearchExpr } from './search-term';

export type SearchGroup = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE' | 'SIDEBAR';

export interface ReturningSpec {
  object: string;
  pos: number;
  select: SelectItem[];
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}

export interface SoslQuery {
  term: SearchExpr;
  group: SearchGroup;
  /** null: no RETURNING clause, every searchable object with Id only. */
  returning: ReturningSpec[] | null;
  limit: number | null;
  text: string;
}

const GROUPS: readonly SearchGroup[] = ['ALL', 'NAME', 'EMAIL', 'PHONE', 'SIDEBAR'];

/** The search term ends at the first unescaped closing brace. */
function extractTerm(text: string): { term: string; end: number } {
  const start = /^\s*FIND\s*/i.exec(text);
  if (!start)
    throw malformedSearch(
      `unexpected token: '${text.trim().split(/\s+/)[0] ?? ''}'. A search starts with FIND {term}.`,
    );
  let i = start[0].length;
  if (text[i] !== '{')
    throw malformedSearch('No search term found. The search term must be enclosed in braces.');
  let term = '';
  for (i = i + 1; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      term += text.slice(i, i + 2);
      i++;
    } else if (text[i] === '}') return { term, end: i + 1 };
    else term += text[i];
  }
  throw malformedSearch('No search term found. The search term must be enclosed in braces.');
}

function count(s: TokenStream): number {
  const t = s.next();
  if (t.kind !== 'number' || !/^\d+$/.test(t.text)) throw s.unexpected(t);
  return Number(t.text);
}

function parseReturning(s: TokenStream): ReturningSpec {
  const name = s.expectIdent();
  const spec: ReturningSpec = {
    object: name.text,
    pos: name.pos,
    select: [],
    where: null,
    orderBy: [],
    limit: null,
    offset: null,
  };
  if (!s.acceptPunct('(')) return spec;
  if (
    s.peek().kind === 'ident' &&
    !['WHERE', 'ORDER', 'LIMIT', 'OFFSET'].includes(s.peek().text.toUpperCase())
  ) {
    spec.select = parseSelectList(s);
  }
  if (s.acceptKeyword('WHERE')) spec.where = parseCondition(s);
  if (s.acceptKeyword('ORDER')) {
    s.expectKeyword('BY');
    do {
      const path = parsePath(s);
      const descending = s.acceptKeyword('DESC');
      if (!descending) s.acceptKeyword('ASC');
      let nullsFirst: boolean | null = null;
      if (s.acceptKeyword('NULLS'))
        nullsFirst = s.acceptKeyword('FIRST') ? true : (s.expectKeyword('LAST'), false);
      spec.orderBy.push({ path, descending, nullsFirst });
    } while (s.acceptPunct(','));
  }
  if (s.acceptKeyword('LIMIT')) spec.limit = count(s);
  if (s.acceptKeyword('OFFSET')) spec.offset = count(s);
  s.expectPunct(')');
  return spec;
}

/** WITH SNIPPET, WITH METADATA='LABELS', WITH SPELL_CORRECTION = false, …: accepted and ignored. */
function skipWith(s: TokenStream): void {
  s.expectIdent();
  if (s.peek().kind === 'op' && s.peek().text === '=') {
    s.next();
    parseLiteral(s);
  } else if (s.acceptPunct('(')) {
    let depth = 1;
    while (depth > 0 && s.peek().kind !== 'eof') {
      const t = s.next();
      if (t.kind === 'punct' && t.text === '(') depth++;
      if (t.kind === 'punct' && t.text === ')') depth--;
    }
  }
}

/** Parses FIND {term} [IN … FIELDS] [RETURNING Obj(fields WHERE … ORDER BY … LIMIT n), …] [WITH …] [LIMIT n]. */
export function parseSosl(text: string): SoslQuery {
  const { term, end } = extractTerm(text);
  const query: SoslQuery = { term: parseSearchTerm(term), group: 'ALL', returning: null, limit: null, text };
  try {
    const s = new TokenStream(tokenize(text, end), text);
    if (s.acceptKeyword('IN')) {
      const group = s.expectIdent();
      const upper = group.text.toUpperCase() as SearchGroup;
      if (!GROUPS.includes(upper)) throw s.unexpected(group);
      query.group = upper;
      s.expectKeyword('FIELDS');
    }
    if (s.acceptKeyword('RETURNING')) {
      query.returning = [parseReturning(s)];
      while (s.acceptPunct(',')) query.returning.push(parseReturning(s));
    }
    while (s.acceptKeyword('WITH')) skipWith(s);
    if (s.acceptKeyword('LIMIT')) query.limit = count(s);
    if (s.acceptKeyword('UPDATE')) s.expectIdent();
    if (s.peek().kind !== 'eof') throw s.unexpected();
    return query;
  } catch (error) {
    if (error instanceof SfApiError && error.errorCode === 'MALFORMED_QUERY') {
      throw new SfApiError(400, 'MALFORMED_SEARCH', error.message);
    }
    throw error;
  }
}
