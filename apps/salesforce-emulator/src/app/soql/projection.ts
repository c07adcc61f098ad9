import type { FieldValue } from '../metadata/field';
import type { SObjectRecord } from '../metadata/object';
import type { OrderItem, SoqlQuery } from './ast';
import { comparableOf } from './conditions';
import { queryErrors } from './errors';
import { type ResolvedPath, resolvePath } from './paths';
import type { QueryEnv } from './query-env';
import type { SObjectType } from '../metadata/object';

export type OutputRecord = Record<string, unknown>;

export function recordUrl(version: string, typeName: string, id: string): string {
  return `/services/data/v${version}/sobjects/${typeName}/${id}`;
}

export function attributesOf(env: QueryEnv, typeName: string, id: string): { type: string; url: string } {
  return { type: typeName, url: recordUrl(env.version, typeName, id) };
}

/**
 * Writes one selected path into the output record the way the REST API
 * nests it: `Account: {attributes, Name}` for Account.Name, `Account: null`
 * when the lookup is empty, `attributes.type` "Name" for polymorphic links.
 */
export function writePath(env: QueryEnv, out: OutputRecord, record: SObjectRecord, path: ResolvedPath): void {
  let target: OutputRecord = out;
  let source: SObjectRecord = record;
  for (const step of path.steps) {
    const existing = target[step.name];
    if (existing === null) return;
    const parentId = source[step.via.name];
    const parent = typeof parentId === 'string' ? env.store.findLive(parentId) : undefined;
    if (!parent) {
      target[step.name] = null;
      return;
    }
    if (existing === undefined) {
      const actual = env.catalogue.typeOfId(parentId as string)?.name ?? 'Name';
      target[step.name] = {
        attributes: {
          type: step.target ? step.target.name : 'Name',
          url: recordUrl(env.version, actual, parentId as string),
        },
      };
    }
    target = target[step.name] as OutputRecord;
    source = parent;
  }
  target[path.field.name] = path.steps.length === 0 ? (record[path.field.name] ?? null) : path.get(record);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: false });

/** Text sorts without regard to case or accents; ids and case-sensitive fields by their characters (base-62 order). */
function compareValues(binary: boolean, a: string | number | boolean, b: string | number | boolean): number {
  if (!binary && typeof a === 'string' && typeof b === 'string') return collator.compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SortKey {
  path: ResolvedPath;
  item: OrderItem;
}

export function resolveOrder(env: QueryEnv, query: SoqlQuery, type: SObjectType): SortKey[] {
  return query.orderBy.map((item) => {
    const path = resolvePath(env, query.text, type, item.path, query.from.alias);
    if (!path.field.sortable) {
      throw queryErrors.invalidField(
        query.text,
        item.path.pos,
        `field '${path.field.name}' can not be sorted in a query call`,
      );
    }
    return { path, item };
  });
}

/** ORDER BY: text without regard to case, nulls first ascending and last descending unless told; Id breaks ties. */
export function sortRecords(records: SObjectRecord[], keys: readonly SortKey[]): SObjectRecord[] {
  if (keys.length === 0) return records;
  const decorated = records.map((r) => ({
    r,
    values: keys.map((k) => {
      const v: FieldValue = k.path.get(r);
      return k.path.field.type === 'datetime' || k.path.field.type === 'date'
        ? v
        : comparableOf(k.path.field, v);
    }),
  }));
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const { descending, nullsFirst } = keys[i].item;
      const a = x.values[i];
      const b = y.values[i];
      const nullFirst = nullsFirst ?? !descending;
      if (a === null || a === undefined || b === null || b === undefined) {
        if (a === b || ((a === null || a === undefined) && (b === null || b === undefined))) continue;
        return (a === null || a === undefined) === nullFirst ? -1 : 1;
      }
      const f = keys[i].path.field;
      const c = compareValues(f.type === 'id' || f.type === 'reference' || f.caseSensitive, a, b);
      if (c !== 0) return descending ? -c : c;
    }
    return String(x.r['Id']) < String(y.r['Id']) ? -1 : 1;
  });
  return decorated.map((d) => d.r);
}
