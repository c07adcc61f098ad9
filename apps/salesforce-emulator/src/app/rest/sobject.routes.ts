import { describeGlobal, describeSObject, objectSummary } from '../metadata/describe';
import { MultipleMatchesError } from '../dml/dml.service';
import { sfErrors } from '../errors/sf-error';
import { idFromUrl, retrieve, saveResult, typeFromUrl, urlOf } from './record-access';
import {
  noContent,
  ok,
  type RestContext,
  type RestRequest,
  type RestResponse,
  type Route,
} from './rest-types';

function create(req: RestRequest, ctx: RestContext, typeName: string): RestResponse {
  const type = typeFromUrl(ctx, typeName);
  const record = ctx.org.dml.create(type, req.body, ctx.org.dmlContext(ctx.session.userId));
  const id = record['Id'] as string;
  return ok(saveResult(id), 201, { Location: urlOf(req, type.name, id) });
}

/** The one live record an external id names (GET/DELETE by external id). */
function byExternalId(ctx: RestContext, typeName: string, field: string, value: string) {
  const type = typeFromUrl(ctx, typeName);
  const { ids } = ctx.org.dml.matchExternalId(type, field, value);
  if (ids.length === 0) throw sfErrors.notFound();
  if (ids.length > 1) throw new MultipleMatchesError(type.name, ids);
  return { type, id: ids[0] };
}

function upsert(req: RestRequest, ctx: RestContext, p: Record<string, string>): RestResponse {
  const type = typeFromUrl(ctx, p['type']);
  if (
    req.query.get('updateOnly') === 'true' &&
    ctx.org.dml.matchExternalId(type, p['field'], p['value']).ids.length === 0
  ) {
    throw sfErrors.notFound();
  }
  const { record, created } = ctx.org.dml.upsert(
    type,
    p['field'],
    p['value'],
    req.body,
    ctx.org.dmlContext(ctx.session.userId),
  );
  const id = record['Id'] as string;
  if (created) return ok({ ...saveResult(id), created: true }, 201, { Location: urlOf(req, type.name, id) });
  // API 46.0 and later answer an update by upsert with 200 and a body; earlier versions with 204.
  return Number(req.version) >= 46 ? ok({ ...saveResult(id), created: false }) : noContent();
}

/** /sobjects: describeGlobal, describe, and the record URLs (by id and by external id). */
export function sobjectRoutes(): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/sobjects',
      handler: (req, ctx) => ok(describeGlobal(ctx.org.catalogue, req.version)),
    },
    {
      method: 'GET',
      pattern: '/sobjects/:type',
      handler: (req, ctx, p) =>
        ok({ objectDescribe: objectSummary(typeFromUrl(ctx, p['type']), req.version), recentItems: [] }),
    },
    { method: 'POST', pattern: '/sobjects/:type', handler: (req, ctx, p) => create(req, ctx, p['type']) },
    {
      method: 'GET',
      pattern: '/sobjects/:type/describe',
      handler: (req, ctx, p) => ok(describeSObject(typeFromUrl(ctx, p['type']), req.version)),
    },
    {
      method: 'GET',
      pattern: '/sobjects/:type/:id',
      handler: (req, ctx, p) => {
        const type = typeFromUrl(ctx, p['type']);
        return ok(retrieve(req, ctx, type, idFromUrl(type, p['id']), req.query.get('fields')));
      },
    },
    {
      method: 'PATCH',
      pattern: '/sobjects/:type/:id',
      handler: (req, ctx, p) => {
        const type = typeFromUrl(ctx, p['type']);
        ctx.org.dml.update(type, idFromUrl(type, p['id']), req.body, ctx.org.dmlContext(ctx.session.userId));
        return noContent();
      },
    },
    {
      method: 'DELETE',
      pattern: '/sobjects/:type/:id',
      handler: (req, ctx, p) => {
        const type = typeFromUrl(ctx, p['type']);
        ctx.org.dml.delete(type, idFromUrl(type, p['id']), ctx.org.dmlContext(ctx.session.userId));
        return noContent();
      },
    },
    {
      // POST /sobjects/Account/Id: "Id as the external id, with no value" creates a record (API 37.0+).
      method: 'POST',
      pattern: '/sobjects/:type/:field',
      handler: (req, ctx, p) => {
        if (p['field'].toLowerCase() !== 'id')
          throw sfErrors.methodNotAllowed('POST', ['GET', 'PATCH', 'DELETE']);
        return create(req, ctx, p['type']);
      },
    },
    {
      method: 'GET',
      pattern: '/sobjects/:type/:field/:value',
      handler: (req, ctx, p) => {
        const { type, id } = byExternalId(ctx, p['type'], p['field'], p['value']);
        return ok(retrieve(req, ctx, type, id, req.query.get('fields')));
      },
    },
    { method: 'PATCH', pattern: '/sobjects/:type/:field/:value', handler: upsert },
    {
      method: 'DELETE',
      pattern: '/sobjects/:type/:field/:value',
      handler: (_req, ctx, p) => {
        const { type, id } = byExternalId(ctx, p['type'], p['field'], p['value']);
        ctx.org.dml.delete(type, id, ctx.org.dmlContext(ctx.session.userId));
        return noContent();
      },
    },
  ];
}

/** A 300 answer lists the URLs of the records an external id matched. */
export function multipleChoices(req: RestRequest, error: MultipleMatchesError): RestResponse {
  return ok(
    error.ids.map((id) => urlOf(req, error.typeName, id)),
    300,
  );
}

export function isMultipleChoices(error: unknown): error is MultipleMatchesError {
  return error instanceof MultipleMatchesError;
}
