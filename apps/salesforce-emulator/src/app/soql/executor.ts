import { SfApiError } from '../errors/sf-error';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import { aggregateQuery } from './aggregate';
import type { SelectItem, SoqlQuery } from './ast';
import { compileCondition, type Predicate } from './conditions';
import { queryErrors } from './errors';
import { parseSoql } from './parser';
import { type ResolvedPath, resolvePath } from './paths';
import { attributesOf, type OutputRecord, resolveOrder, sortRecords, writePath } from './projection';
import type { QueryEnv } from './query-env';

export interface SoqlResult {
  totalSize: number;
  records: OutputRecord[];
}

type Column =
  { kind: 'path'; path: ResolvedPath } | { kind: 'child'; name: string; via: string; query: SoqlQuery };

const MAX_OFFSET = 2000;
const FIELDS_LIMIT = 200;

/** Parses and runs a SOQL query; `includeDeleted` for queryAll. */
export function runSoql(env: QueryEnv, text: string, includeDeleted = false): SoqlResult {
  const query = parseSoql(text);
  return execute(env, query, includeDeleted || query.allRows);
}

function checkBounds(query: SoqlQuery): void {
  if (query.offset !== null && query.offset > MAX_OFFSET) {
    throw new SfApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  const unbounded = query.select.some((s) => s.kind === 'fields' && s.which !== 'STANDARD');
  if (unbounded && (query.limit === null || query.limit > FIELDS_LIMIT)) {
    throw queryErrors.malformed(
      query.text,
      query.from.pos,
      `The SOQL FIELDS function must have a LIMIT of at most ${FIELDS_LIMIT}`,
    );
  }
}

function planColumns(env: QueryEnv, query: SoqlQuery, type: SObjectType): Column[] {
  const columns: Column[] = [];
  const seen = new Set<string>();
  const add = (path: ResolvedPath) => {
    const key = path.keys.join('.').toLowerCase();
    if (seen.has(key))
      throw queryErrors.malformed(query.text, path.pos, `duplicate field selected: ${path.keys.join('.')}`);
    seen.add(key);
    columns.push({ kind: 'path', path });
  };
  for (const item of query.select) {
    if (item.kind === 'field') add(resolvePath(env, query.text, type, item.path, query.from.alias));
    else if (item.kind === 'fields') {
      for (const f of type.fields) {
        if (item.which === 'ALL' || (item.which === 'CUSTOM') === f.custom) {
          add(resolvePath(env, query.text, type, { parts: [f.name], pos: item.pos }));
        }
      }
    } else if (item.kind === 'subquery') columns.push(planChild(type, item));
    else
      throw queryErrors.malformed(
        query.text,
        item.pos,
        'COUNT() must be the only element in the SELECT list',
      );
  }
  return columns;
}

function planChild(type: SObjectType, item: Extract<SelectItem, { kind: 'subquery' }>): Column {
  const { query } = item;
  const rel = type.childRelationships.find(
    (c) => c.relationshipName.toLowerCase() === query.from.name.toLowerCase(),
  );
  if (!rel) {
    throw new SfApiError(
      400,
      'INVALID_TYPE',
      `Didn't understand relationship '${query.from.name}' in FROM part of query call. If you are attempting to use a ` +
        "custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your " +
        'WSDL or the describe call for the appropriate names.',
    );
  }
  return {
    kind: 'child',
    name: rel.relationshipName,
    via: rel.field,
    query: { ...query, from: { ...query.from, name: rel.childSObject } },
  };
}

function selectRows(
  env: QueryEnv,
  query: SoqlQuery,
  type: SObjectType,
  includeDeleted: boolean,
  rows: Iterable<SObjectRecord>,
): SObjectRecord[] {
  const where: Predicate = query.where
    ? compileCondition(env, query, type, query.where, (inner) => semiJoin(env, inner, query.text))
    : () => true;
  const mine = query.scope === 'mine';
  const selected: SObjectRecord[] = [];
  for (const r of rows) {
    if (!includeDeleted && r['IsDeleted'] === true) continue;
    if (mine && r['OwnerId'] !== env.userId) continue;
    if (where(r)) selected.push(r);
  }
  return selected;
}

function page<T>(rows: T[], query: SoqlQuery): T[] {
  const start = query.offset ?? 0;
  return rows.slice(start, query.limit === null ? undefined : start + query.limit);
}

function execute(env: QueryEnv, query: SoqlQuery, includeDeleted: boolean): SoqlResult {
  const type = env.catalogue.find(query.from.name);
  if (!type) throw queryErrors.invalidType(query.text, query.from.pos, query.from.name);
  checkBounds(query);
  const rows = selectRows(env, query, type, includeDeleted, env.store.all(type.name));
  if (query.select.some((s) => s.kind === 'count')) {
    if (query.select.length > 1) {
      throw queryErrors.malformed(
        query.text,
        query.from.pos,
        'COUNT() must be the only element in the SELECT list',
      );
    }
    return { totalSize: page(rows, query).length, records: [] };
  }
  if (query.groupBy.length > 0 || query.select.some((s) => s.kind === 'aggregate')) {
    const records = page(aggregateQuery(env, query, type, rows), query);
    return { totalSize: records.length, records };
  }
  const columns = planColumns(env, query, type);
  const sorted = page(sortRecords(rows, resolveOrder(env, query, type)), query);
  const children = columns
    .filter((c): c is Extract<Column, { kind: 'child' }> => c.kind === 'child')
    .map((c) => ({
      column: c,
      byParent: childRows(env, c, new Set(sorted.map((r) => r['Id'] as string)), includeDeleted),
    }));
  const records = sorted.map((r) => {
    const out: OutputRecord = { attributes: attributesOf(env, type.name, r['Id'] as string) };
    for (const c of columns) {
      if (c.kind === 'path') writePath(env, out, r, c.path);
      else {
        const list = children.find((x) => x.column === c)?.byParent.get(r['Id'] as string) ?? [];
        out[c.name] = list.length === 0 ? null : { totalSize: list.length, done: true, records: list };
      }
    }
    return out;
  });
  return { totalSize: records.length, records };
}

/** Parent-to-child subquery rows, grouped by parent id, each group filtered, sorted and limited. */
function childRows(
  env: QueryEnv,
  column: Extract<Column, { kind: 'child' }>,
  parentIds: Set<string>,
  includeDeleted: boolean,
): Map<string, OutputRecord[]> {
  const child = env.catalogue.find(column.query.from.name) as SObjectType;
  const candidates = [...env.store.all(child.name)].filter((r) => parentIds.has(r[column.via] as string));
  const matched = selectRows(env, column.query, child, includeDeleted, candidates);
  const grouped = new Map<string, SObjectRecord[]>();
  for (const r of sortRecords(matched, resolveOrder(env, column.query, child))) {
    const key = r[column.via] as string;
    grouped.set(key, [...(grouped.get(key) ?? []), r]);
  }
  const columns = planColumns(env, column.query, child);
  const out = new Map<string, OutputRecord[]>();
  for (const [parentId, rows] of grouped) {
    out.set(
      parentId,
      page(rows, column.query).map((r) => {
        const rec: OutputRecord = { attributes: attributesOf(env, child.name, r['Id'] as string) };
        for (const c of columns) if (c.kind === 'path') writePath(env, rec, r, c.path);
        return rec;
      }),
    );
  }
  return out;
}

/** WHERE x IN (SELECT y FROM …): the inner query must select exactly one id or reference field. */
function semiJoin(env: QueryEnv, q: SoqlQuery, text: string): Set<string> {
  const type = env.catalogue.find(q.from.name);
  if (!type) throw queryErrors.invalidType(text, q.from.pos, q.from.name);
  const [item] = q.select;
  if (q.select.length !== 1 || item.kind !== 'field') {
    throw queryErrors.malformed(
      text,
      q.from.pos,
      'semi join sub-selects must select exactly one id or reference field',
    );
  }
  const path = resolvePath(env, text, type, item.path, q.from.alias);
  if (path.field.type !== 'id' && path.field.type !== 'reference') {
    throw queryErrors.malformed(
      text,
      item.path.pos,
      `semi join sub-selects can only select an id or reference field, not ${path.field.name}`,
    );
  }
  const rows = page(selectRows(env, q, type, false, env.store.all(type.name)), q);
  return new Set(rows.map((r) => path.get(r)).filter((v): v is string => typeof v === 'string'));
}
