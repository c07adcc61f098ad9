import type { Logger } from 'pino';
import { SfApiError, sfErrors } from '../errors/sf-error';
import type { SalesforceOrg } from '../org/salesforce-org';
import { collectionRoutes } from './collections.routes';
import { compositeRoutes } from './composite.routes';
import { errorResponse } from './errors';
import { orgRoutes } from './org.routes';
import { queryRoutes } from './query.routes';
import type { RestContext, RestRequest, RestResponse } from './rest-types';
import { Router } from './router';
import { sobjectRoutes } from './sobject.routes';

/** An HTTP call to /services/data/…, as the HTTP layer received it. */
export interface DataApiCall {
  method: string;
  /** The path after /services/data/, e.g. "v62.0/sobjects/Contact". */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** Set when the body could not be read as JSON. */
  bodyError: string | null;
  headers: Record<string, string | undefined>;
  /** "http://127.0.0.1:7002": where the client reached the org. */
  origin: string;
}

const VERSIONED = /^v(\d{2,3}\.\d)(\/.*)?$/;

/** The token of "Authorization: Bearer …" (or the older "OAuth …"). */
function bearer(header: string | undefined): string | null {
  const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1] : null;
}

/**
 * The REST data API, in the order a real org applies things: unknown
 * version → 404; session → 401 INVALID_SESSION_ID; limits and injected
 * faults → 403 / 500; then the resource. Every authenticated answer carries
 * Sforce-Limit-Info.
 */
export class DataApi {
  private readonly router: Router = new Router([
    ...orgRoutes(),
    ...sobjectRoutes(),
    ...queryRoutes(),
    ...compositeRoutes(() => this.router),
    ...collectionRoutes(),
  ]);

  constructor(
    private readonly org: SalesforceOrg,
    private readonly logger: Logger,
  ) {}

  async handle(call: DataApiCall): Promise<RestResponse> {
    const version = VERSIONED.exec(call.path);
    if (!version) return errorResponse(sfErrors.notFound(), '62.0');
    await this.org.faults.delay();
    const token = bearer(call.headers['authorization']);
    const session = token ? this.org.oauth.session(token) : undefined;
    const user = session ? this.org.user(session.userId) : undefined;
    if (!session || !user || user['IsActive'] !== true)
      return errorResponse(sfErrors.invalidSession(), version[1]);
    // Every counted call is logged with what it asked for, as Event Monitoring's ApiEvent does.
    const limited = (response: RestResponse): RestResponse => {
      this.org.apiEvents.record({
        username: String(user['Username']),
        method: call.method.toUpperCase(),
        path: version[2] ?? '/',
        query: call.query,
        statusCode: response.status,
      });
      return {
        ...response,
        headers: { ...response.headers, 'Sforce-Limit-Info': this.org.usage.header() },
      };
    };
    const fault =
      this.org.faults.check() ?? (this.org.usage.exhausted ? sfErrors.requestLimitExceeded() : null);
    if (fault?.errorCode === 'INVALID_SESSION_ID') {
      // A forced 401 ends the session for real, so that a client replaying the old token fails again.
      this.org.sessions.revoke(session.accessToken);
      return errorResponse(fault, version[1]);
    }
    if (fault?.errorCode === 'REQUEST_LIMIT_EXCEEDED') return limited(errorResponse(fault, version[1]));
    this.org.usage.count();
    if (fault) return limited(errorResponse(fault, version[1]));
    if (call.bodyError !== null)
      return limited(errorResponse(sfErrors.jsonParser(call.bodyError), version[1]));
    const req: RestRequest = {
      method: call.method.toUpperCase(),
      path: version[2] ?? '/',
      query: call.query,
      body: call.body,
      headers: call.headers,
      version: version[1],
    };
    const ctx: RestContext = { org: this.org, session, user, baseUrl: this.org.baseUrl(call.origin) };
    try {
      return limited(this.router.dispatch(req, ctx));
    } catch (error) {
      if (!(error instanceof SfApiError))
        this.logger.warn({ context: 'DataApi', method: req.method, path: req.path }, 'request failed');
      return limited(errorResponse(error, req.version, this.logger));
    }
  }
}
