import { SfApiError } from '../errors/sf-error';
import { isPlainObject } from '../dml/record-input';
import { ReferenceResolver } from './composite-references';
import { errorResponse, isFailure } from './errors';
import type { Router } from './router';
import { ok, type RestContext, type RestRequest, type RestResponse, type Route } from './rest-types';

const MAX_SUBREQUESTS = 25;
const ROLLBACK = Symbol('rollback');
const ROLLED_BACK = [
  {
    errorCode: 'PROCESSING_HALTED',
    message: 'The transaction was rolled back since another operation in the same transaction failed.',
  },
];

const invalid = (message: string) => new SfApiError(400, 'INVALID_INPUT', message);

/** Splits "/services/data/v62.0/sobjects/Account?x=1" (or "v62.0/…" in batches) into a data API call. */
function subrequest(
  parent: RestRequest,
  method: unknown,
  url: unknown,
  body: unknown,
  headers: unknown,
): RestRequest {
  const m =
    typeof url === 'string' ? /^(?:\/services\/data\/)?v(\d{2,3}\.\d)(\/[^?]*)?(?:\?(.*))?$/.exec(url) : null;
  if (!m || typeof method !== 'string')
    throw invalid(
      `Invalid subrequest: method and a /services/data/vNN.N URL are required (got ${String(url)})`,
    );
  const path = m[2] ?? '/';
  if (/^\/composite(\/batch)?\/?$/i.test(path)) throw invalid(`${path} cannot be a subrequest`);
  const extra = isPlainObject(headers)
    ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]))
    : {};
  return {
    method: method.toUpperCase(),
    path,
    query: new URLSearchParams(m[3] ?? ''),
    body,
    headers: { ...parent.headers, ...extra },
    version: m[1],
  };
}

function run(router: Router, req: RestRequest, ctx: RestContext): RestResponse {
  try {
    return router.dispatch(req, ctx);
  } catch (error) {
    return errorResponse(error, req.version);
  }
}

interface CompositeItem {
  method: unknown;
  url: unknown;
  referenceId: string;
  body?: unknown;
  httpHeaders?: unknown;
}

function readComposite(body: unknown): { allOrNone: boolean; items: CompositeItem[] } {
  if (
    !isPlainObject(body) ||
    !Array.isArray(body['compositeRequest']) ||
    body['compositeRequest'].length === 0
  ) {
    throw invalid('compositeRequest must be a non-empty array of subrequests');
  }
  const items = body['compositeRequest'] as CompositeItem[];
  if (items.length > MAX_SUBREQUESTS)
    throw invalid(`The number of subrequests exceeded the limit of ${MAX_SUBREQUESTS}`);
  const seen = new Set<string>();
  for (const item of items) {
    if (
      !isPlainObject(item) ||
      typeof item.referenceId !== 'string' ||
      !/^[A-Za-z][A-Za-z0-9_]*$/.test(item.referenceId)
    ) {
      throw invalid(
        'Every subrequest needs a referenceId of letters, digits and underscores, starting with a letter',
      );
    }
    if (seen.has(item.referenceId))
      throw invalid(`Duplicate ReferenceId provided in the request: ${item.referenceId}`);
    seen.add(item.referenceId);
  }
  return { allOrNone: body['allOrNone'] === true, items };
}

/** POST /composite: up to 25 dependent subrequests, optionally all or none. */
function composite(router: Router, req: RestRequest, ctx: RestContext): RestResponse {
  const { allOrNone, items } = readComposite(req.body);
  const refs = new ReferenceResolver();
  const responses: {
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
  }[] = [];
  const execute = () => {
    for (const item of items) {
      let res: RestResponse;
      try {
        res = run(
          router,
          subrequest(
            req,
            item.method,
            refs.resolveUrl(String(item.url)),
            refs.resolve(item.body),
            item.httpHeaders,
          ),
          ctx,
        );
      } catch (error) {
        res = errorResponse(error, req.version);
      }
      responses.push({
        body: res.body ?? null,
        httpHeaders: res.headers ?? {},
        httpStatusCode: res.status,
        referenceId: item.referenceId,
      });
      if (isFailure(res)) {
        refs.fail(item.referenceId);
        if (allOrNone) throw ROLLBACK;
      } else refs.succeeded(item.referenceId, res.body);
    }
  };
  if (!allOrNone) execute();
  else {
    try {
      ctx.org.store.transaction(execute);
    } catch (error) {
      if (error !== ROLLBACK) throw error;
      const failed = responses.length - 1;
      for (let i = 0; i < items.length; i++) {
        if (i === failed) continue;
        responses[i] = {
          body: ROLLED_BACK,
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: items[i].referenceId,
        };
      }
    }
  }
  return ok({ compositeResponse: responses });
}

/** POST /composite/batch: up to 25 independent subrequests. */
function batch(router: Router, req: RestRequest, ctx: RestContext): RestResponse {
  const body = req.body;
  if (!isPlainObject(body) || !Array.isArray(body['batchRequests']) || body['batchRequests'].length === 0) {
    throw invalid('batchRequests must be a non-empty array of subrequests');
  }
  const items = body['batchRequests'] as Record<string, unknown>[];
  if (items.length > MAX_SUBREQUESTS)
    throw invalid(`The number of batch requests exceeded the limit of ${MAX_SUBREQUESTS}`);
  let halted = false;
  let hasErrors = false;
  const results = items.map((item) => {
    if (halted) {
      return {
        statusCode: 412,
        result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }],
      };
    }
    let res: RestResponse;
    try {
      res = run(router, subrequest(req, item['method'], item['url'], item['richInput'], undefined), ctx);
    } catch (error) {
      res = errorResponse(error, req.version);
    }
    if (isFailure(res)) {
      hasErrors = true;
      halted = body['haltOnError'] === true;
    }
    return { statusCode: res.status, result: res.body ?? null };
  });
  return ok({ hasErrors, results });
}

export function compositeRoutes(router: () => Router): Route[] {
  return [
    { method: 'POST', pattern: '/composite', handler: (req, ctx) => composite(router(), req, ctx) },
    { method: 'POST', pattern: '/composite/batch', handler: (req, ctx) => batch(router(), req, ctx) },
  ];
}
