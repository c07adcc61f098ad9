import type { FieldValue } from '../metadata/field';
import { isNumberType } from '../metadata/field';
import type { SObjectRecord, SObjectType } from '../metadata/object';
import type { AggregateFunction, SoqlQuery } from './ast';
import { comparableOf } from './conditions';
import { queryErrors } from './errors';
import { type OutputRecord, resolveOrder, sortRecords } from './projection';
import { type ResolvedPath, resolvePath } from './paths';
import type { QueryEnv } from './query-env';

interface AggregateColumn {
  fn: AggregateFunction;
  path: ResolvedPath;
  key: string;
}

function reduce(fn: AggregateFunction, path: ResolvedPath, rows: readonly SObjectRecord[]): FieldValue {
  const values = rows
    .map((r) => path.get(r))
    .filter((v): v is string | number | boolean => v !== null && v !== '');
  switch (fn) {
    case 'COUNT':
      return values.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map((v) => comparableOf(path.field, v))).size;
    case 'SUM':
      return values.length === 0 ? null : values.reduce<number>((s, v) => s + Number(v), 0);
    case 'AVG':
      return values.length === 0 ? null : values.reduce<number>((s, v) => s + Number(v), 0) / values.length;
    case 'MIN':
    case 'MAX': {
      if (values.length === 0) return null;
      // Nulls were filtered out above, so every value has a comparable form; ?? '' only satisfies the types.
      const key = (v: (typeof values)[number]) => comparableOf(path.field, v) ?? '';
      const sorted = [...values].sort((a, b) => (key(a) < key(b) ? -1 : 1));
      return fn === 'MIN' ? sorted[0] : sorted[sorted.length - 1];
    }
  }
}

/** SELECT with aggregate functions, with or without GROUP BY: rows of type AggregateResult. */
export function aggregateQuery(
  env: QueryEnv,
  query: SoqlQuery,
  type: SObjectType,
  rows: SObjectRecord[],
): OutputRecord[] {
  const { text } = query;
  const alias = query.from.alias;
  const groups = query.groupBy.map((p) => resolvePath(env, text, type, p, alias));
  const aggregates: AggregateColumn[] = [];
  const fields: ResolvedPath[] = [];
  let unnamed = 0;
  for (const item of query.select) {
    if (item.kind === 'aggregate') {
      const path = resolvePath(env, text, type, item.path, alias);
      if ((item.fn === 'SUM' || item.fn === 'AVG') && !isNumberType(path.field.type)) {
        throw queryErrors.malformed(
          text,
          item.pos,
          `field ${path.field.name} does not support aggregate operator ${item.fn}`,
        );
      }
      aggregates.push({ fn: item.fn, path, key: item.alias ?? `expr${unnamed++}` });
    } else if (item.kind === 'field') {
      const path = resolvePath(env, text, type, item.path, alias);
      const grouped = groups.some(
        (g) => g.keys.join('.').toLowerCase() === path.keys.join('.').toLowerCase(),
      );
      if (!grouped)
        throw queryErrors.malformed(
          text,
          item.path.pos,
          `Field must be grouped or aggregated: ${path.field.name}`,
        );
      fields.push(path);
    } else {
      throw queryErrors.malformed(
        text,
        query.from.pos,
        'Only fields and aggregate functions can be selected with GROUP BY',
      );
    }
  }
  const buckets = new Map<string, SObjectRecord[]>();
  for (const r of rows) {
    const key = JSON.stringify(groups.map((g) => comparableOf(g.field, g.get(r))));
    const bucket = buckets.get(key) ?? [];
    bucket.push(r);
    buckets.set(key, bucket);
  }
  if (groups.length === 0 && buckets.size === 0) buckets.set('[]', []);
  const order = resolveOrder(env, query, type);
  const representatives = sortRecords(
    [...buckets.values()].filter((b) => b.length > 0).map((b) => b[0]),
    order,
  );
  const ordered =
    groups.length === 0
      ? [...buckets.values()]
      : representatives.map(
          (r) =>
            buckets.get(
              JSON.stringify(groups.map((g) => comparableOf(g.field, g.get(r)))),
            ) as SObjectRecord[],
        );
  return ordered.map((bucket) => {
    const out: OutputRecord = { attributes: { type: 'AggregateResult' } };
    for (const f of fields) out[f.field.name] = bucket.length > 0 ? f.get(bucket[0]) : null;
    for (const a of aggregates) out[a.key] = reduce(a.fn, a.path, bucket);
    return out;
  });
}
