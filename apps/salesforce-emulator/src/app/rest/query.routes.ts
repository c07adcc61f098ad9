import { SfApiError } from '../errors/sf-error';
import { runSoql } from '../soql/executor';
import { runSosl } from '../sosl/executor';
import { batchSizeOf } from './query-cursors';
import { ok, type RestContext, type RestRequest, type RestResponse, type Route } from './rest-types';

function query(req: RestRequest, ctx: RestContext, all: boolean): RestResponse {
  const soql = req.query.get('q');
  if (soql === null || soql.trim() === '') {
    throw new SfApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  }
  const env = ctx.org.queryEnv(ctx.session.userId, req.version);
  const result = runSoql(env, soql, all);
  if (result.records.length === 0) return ok({ totalSize: result.totalSize, done: true, records: [] });
  const urlBase = `/services/data/v${req.version}/${all ? 'queryAll' : 'query'}`;
  return ok(ctx.org.cursors.open(result.records, batchSizeOf(req.headers['sforce-query-options']), urlBase));
}

function more(req: RestRequest, ctx: RestContext, locator: string, all: boolean): RestResponse {
  return ok(ctx.org.cursors.next(locator, `/services/data/v${req.version}/${all ? 'queryAll' : 'query'}`));
}

function search(req: RestRequest, ctx: RestContext): RestResponse {
  const sosl = req.query.get('q');
  if (sosl === null || sosl.trim() === '') {
    throw new SfApiError(
      400,
      'MALFORMED_SEARCH',
      'No search term found. The search term must be enclosed in braces.',
    );
  }
  return ok(runSosl(ctx.org.queryEnv(ctx.session.userId, req.version), ctx.org.search, sosl));
}

/** query, queryAll (with queryMore through their locators) and search. */
export function queryRoutes(): Route[] {
  return [
    { method: 'GET', pattern: '/query', handler: (req, ctx) => query(req, ctx, false) },
    { method: 'GET', pattern: '/queryAll', handler: (req, ctx) => query(req, ctx, true) },
    {
      method: 'GET',
      pattern: '/query/:locator',
      handler: (req, ctx, p) => more(req, ctx, p['locator'], false),
    },
    {
      method: 'GET',
      pattern: '/queryAll/:locator',
      handler: (req, ctx, p) => more(req, ctx, p['locator'], true),
    },
    { method: 'GET', pattern: '/search', handler: search },
  ];
}
