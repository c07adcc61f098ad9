import { isPlainObject } from '../dml/record-input';
import { dmlError, type SaveError, SfApiError } from '../errors/sf-error';
import { normalizeId } from '../ids/sf-id';
import type { SObjectType } from '../metadata/object';
import { runSoql } from '../soql/executor';
import { fieldList, typeFromUrl } from './record-access';
import { ok, type RestContext, type RestRequest, type RestResponse, type Route } from './rest-types';

const MAX_RECORDS = 200;
const ROLLBACK = Symbol('rollback');

type Result = { id?: string; success: boolean; errors: SaveError[]; created?: boolean };

const rolledBack: SaveError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function readRecords(body: unknown): { allOrNone: boolean; records: Record<string, unknown>[] } {
  if (!isPlainObject(body) || !Array.isArray(body['records'])) {
    throw new SfApiError(
      400,
      'JSON_PARSER_ERROR',
      'The request body must be {"allOrNone": …, "records": [ … ]}',
    );
  }
  const records = body['records'] as Record<string, unknown>[];
  if (records.length > MAX_RECORDS) {
    throw new SfApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
    );
  }
  return { allOrNone: body['allOrNone'] === true, records };
}

/**
 * Runs one operation per item, each in its own savepoint. With allOrNone,
 * one failure rolls everything back and the others report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
function each<T>(
  ctx: RestContext,
  items: readonly T[],
  allOrNone: boolean,
  op: (item: T) => Result,
  idOf: (item: T) => string | undefined,
): Result[] {
  let results: Result[] = [];
  const runAll = () => {
    results = items.map((item) => {
      try {
        return ctx.org.store.transaction(() => op(item));
      } catch (error) {
        if (!(error instanceof SfApiError)) throw error;
        const id = idOf(item);
        return { ...(id ? { id } : {}), success: false, errors: [error.toSaveError()] };
      }
    });
    if (allOrNone && results.some((r) => !r.success)) throw ROLLBACK;
  };
  try {
    ctx.org.store.transaction(runAll);
  } catch (error) {
    if (error !== ROLLBACK) throw error;
    results = results.map((r) =>
      r.success ? { ...(r.id ? { id: r.id } : {}), success: false, errors: [rolledBack] } : r,
    );
  }
  return results;
}

function typeOfRecord(ctx: RestContext, record: Record<string, unknown>): SObjectType {
  const attributes = record['attributes'];
  const name = isPlainObject(attributes) ? attributes['type'] : undefined;
  if (typeof name !== 'string') throw dmlError('INVALID_TYPE', 'Must specify a type in attributes');
  const type = ctx.org.catalogue.find(name);
  if (!type) throw dmlError('INVALID_TYPE', `sObject type '${name}' is not supported.`);
  return type;
}

function create(req: RestRequest, ctx: RestContext): RestResponse {
  const { allOrNone, records } = readRecords(req.body);
  const dmlCtx = ctx.org.dmlContext(ctx.session.userId);
  return ok(
    each(
      ctx,
      records,
      allOrNone,
      (r) => {
        const created = ctx.org.dml.create(typeOfRecord(ctx, r), r, dmlCtx);
        return { id: created['Id'] as string, success: true, errors: [] };
      },
      () => undefined,
    ),
  );
}

function update(req: RestRequest, ctx: RestContext): RestResponse {
  const { allOrNone, records } = readRecords(req.body);
  const dmlCtx = ctx.org.dmlContext(ctx.session.userId);
  const idOf = (r: Record<string, unknown>) =>
    typeof r['id'] === 'string' ? r['id'] : typeof r['Id'] === 'string' ? r['Id'] : undefined;
  return ok(
    each(
      ctx,
      records,
      allOrNone,
      (r) => {
        const raw = idOf(r);
        if (!raw) throw dmlError('MISSING_ARGUMENT', 'Id not specified in an update call');
        const type = typeOfRecord(ctx, r);
        const id = normalizeId(raw);
        if (!id || id.slice(0, 3) !== type.keyPrefix)
          throw dmlError('MALFORMED_ID', `${type.def.label} ID: id value of incorrect type: ${raw}`, ['Id']);
        const { id: _lower, Id: _upper, ...values } = r;
        ctx.org.dml.update(type, id, values, dmlCtx);
        return { id, success: true, errors: [] };
      },
      idOf,
    ),
  );
}

function destroy(req: RestRequest, ctx: RestContext): RestResponse {
  const ids = (req.query.get('ids') ?? '').split(',').filter((s) => s.length > 0);
  if (ids.length === 0) throw new SfApiError(400, 'MISSING_ARGUMENT', 'ids parameter is required');
  if (ids.length > MAX_RECORDS)
    throw new SfApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `cannot delete more than ${MAX_RECORDS} records in one call`,
    );
  const dmlCtx = ctx.org.dmlContext(ctx.session.userId);
  return ok(
    each(
      ctx,
      ids,
      req.query.get('allOrNone') === 'true',
      (raw) => {
        const id = normalizeId(raw);
        const type = id ? ctx.org.catalogue.typeOfId(id) : undefined;
        if (!id || !type) throw dmlError('MALFORMED_ID', `malformed id ${raw}`, ['Id']);
        ctx.org.dml.delete(type, id, dmlCtx);
        return { id, success: true, errors: [] };
      },
      (raw) => raw,
    ),
  );
}

/** GET or POST /composite/sobjects/{type}: several records by id, null where one is missing. */
function retrieveMany(req: RestRequest, ctx: RestContext, typeName: string): RestResponse {
  const type = typeFromUrl(ctx, typeName);
  const body = isPlainObject(req.body) ? req.body : {};
  const ids = Array.isArray(body['ids'])
    ? body['ids'].map(String)
    : (req.query.get('ids') ?? '').split(',').filter(Boolean);
  const fields = Array.isArray(body['fields'])
    ? body['fields'].map(String).join(',')
    : req.query.get('fields');
  if (ids.length === 0 || !fields)
    throw new SfApiError(400, 'MISSING_ARGUMENT', 'ids and fields are required');
  const valid = ids
    .map((raw) => normalizeId(raw))
    .filter((id): id is string => id !== null && id.slice(0, 3) === type.keyPrefix);
  const env = ctx.org.queryEnv(ctx.session.userId, req.version);
  const found =
    valid.length === 0
      ? []
      : runSoql(
          env,
          `SELECT ${fieldList(type, fields)} FROM ${type.name} WHERE Id IN ('${valid.join("','")}')`,
        ).records;
  const byId = new Map(
    found.map((r) => [String((r['attributes'] as { url: string }).url.split('/').pop()), r]),
  );
  return ok(ids.map((raw) => byId.get(normalizeId(raw) ?? '') ?? null));
}

/** PATCH /composite/sobjects/{type}/{externalIdField}: upsert up to 200 records. */
function upsertMany(req: RestRequest, ctx: RestContext, typeName: string, field: string): RestResponse {
  const type = typeFromUrl(ctx, typeName);
  const { allOrNone, records } = readRecords(req.body);
  const dmlCtx = ctx.org.dmlContext(ctx.session.userId);
  return ok(
    each(
      ctx,
      records,
      allOrNone,
      (r) => {
        if (typeOfRecord(ctx, r).name !== type.name)
          throw dmlError('INVALID_TYPE', `Every record must be of type ${type.name}`);
        const key = Object.keys(r).find((k) => k.toLowerCase() === field.toLowerCase());
        const value = key ? r[key] : undefined;
        if (value === undefined || value === null || value === '') {
          throw dmlError('MISSING_ARGUMENT', `${field} not specified`, [field]);
        }
        const { record, created } = ctx.org.dml.upsert(type, field, String(value), r, dmlCtx);
        return { id: record['Id'] as string, success: true, errors: [], created };
      },
      () => undefined,
    ),
  );
}

/** sObject Collections: create, update, delete, retrieve and upsert up to 200 records per call. */
export function collectionRoutes(): Route[] {
  return [
    { method: 'POST', pattern: '/composite/sobjects', handler: create },
    { method: 'PATCH', pattern: '/composite/sobjects', handler: update },
    { method: 'DELETE', pattern: '/composite/sobjects', handler: destroy },
    {
      method: 'GET',
      pattern: '/composite/sobjects/:type',
      handler: (req, ctx, p) => retrieveMany(req, ctx, p['type']),
    },
    {
      method: 'POST',
      pattern: '/composite/sobjects/:type',
      handler: (req, ctx, p) => retrieveMany(req, ctx, p['type']),
    },
    {
      method: 'PATCH',
      pattern: '/composite/sobjects/:type/:field',
      handler: (req, ctx, p) => upsertMany(req, ctx, p['type'], p['field']),
    },
  ];
}
