import { SfApiError } from '../errors/sf-error';
import type { FieldDef } from '../metadata/field';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import type { SoqlQuery } from '../soql/ast';
import { compileCondition } from '../soql/conditions';
import { queryErrors } from '../soql/errors';
import { resolvePath } from '../soql/paths';
import { attributesOf, type OutputRecord, resolveOrder, sortRecords, writePath } from '../soql/projection';
import type { QueryEnv } from '../soql/query-env';
import { matchesExpr, searchedValues } from './matcher';
import { parseSosl, type ReturningSpec, type SearchGroup, type SoslQuery } from './parser';
import type { SearchIndex } from './search-index';

export interface SoslResult {
  searchRecords: OutputRecord[];
}

const MAX_RESULTS = 2000;
const SEARCHABLE_TYPES = new Set(['string', 'textarea', 'phone', 'email', 'url', 'combobox']);

/** The fields an IN … FIELDS group covers on an object. */
export function groupFields(type: SObjectType, group: SearchGroup): FieldDef[] {
  switch (group) {
    case 'NAME':
      return type.fields.filter((f) => f.searchName);
    case 'EMAIL':
      return type.fields.filter((f) => f.type === 'email');
    case 'PHONE':
      return type.fields.filter((f) => f.type === 'phone');
    default:
      return type.fields.filter((f) => SEARCHABLE_TYPES.has(f.type));
  }
}

/** A RETURNING clause seen as the SOQL query it amounts to, so the SOQL machinery can check and run it. */
function asSoql(spec: ReturningSpec, text: string): SoqlQuery {
  return {
    select:
      spec.select.length > 0 ? spec.select : [{ kind: 'field', path: { parts: ['Id'], pos: spec.pos } }],
    from: { name: spec.object, alias: null, pos: spec.pos },
    scope: null,
    where: spec.where,
    groupBy: [],
    orderBy: spec.orderBy,
    limit: spec.limit,
    offset: spec.offset,
    allRows: false,
    text,
  };
}

function defaultReturning(env: QueryEnv): ReturningSpec[] {
  return env.catalogue.objects
    .filter((t) => t.def.searchable)
    .map((t) => ({
      object: t.name,
      pos: 0,
      select: [],
      where: null,
      orderBy: [],
      limit: null,
      offset: null,
    }));
}

function searchObject(
  env: QueryEnv,
  index: SearchIndex,
  query: SoslQuery,
  spec: ReturningSpec,
): OutputRecord[] {
  const soql = asSoql(spec, query.text);
  const type = env.catalogue.find(spec.object);
  if (!type) throw queryErrors.invalidType(query.text, spec.pos, spec.object);
  if (!type.def.searchable)
    throw new SfApiError(400, 'INVALID_TYPE', `entity type ${type.name} does not support search`);
  const paths = soql.select.map((item) => {
    if (item.kind !== 'field')
      throw queryErrors.malformed(query.text, spec.pos, 'only fields can be returned by a search');
    return resolvePath(env, query.text, type, item.path);
  });
  const where = spec.where ? compileCondition(env, soql, type, spec.where, () => new Set()) : () => true;
  const fields = groupFields(type, query.group);
  const hits: SObjectRecord[] = [];
  for (const snapshot of index.snapshots(type.name)) {
    if (!matchesExpr(searchedValues(snapshot, fields), query.term)) continue;
    const live = env.store.findLive(snapshot['Id'] as string);
    if (live && where(live)) hits.push(live);
  }
  const start = spec.offset ?? 0;
  const sorted = sortRecords(hits, resolveOrder(env, soql, type));
  const page = sorted.slice(start, spec.limit === null ? undefined : start + spec.limit);
  return page.map((r) => {
    const out: OutputRecord = { attributes: attributesOf(env, type.name, r['Id'] as string) };
    for (const p of paths) writePath(env, out, r, p);
    return out;
  });
}

/** Runs a SOSL search against what the (lagging) search index holds. */
export function runSosl(env: QueryEnv, index: SearchIndex, text: string): SoslResult {
  const query = parseSosl(text);
  const limit = Math.min(query.limit ?? MAX_RESULTS, MAX_RESULTS);
  const searchRecords: OutputRecord[] = [];
  for (const spec of query.returning ?? defaultReturning(env)) {
    if (searchRecords.length >= limit) break;
    searchRecords.push(...searchObject(env, index, query, spec).slice(0, limit - searchRecords.length));
  }
  return { searchRecords };
}
