import type { Session } from '../auth/session-store';
import type { SObjectRecord } from '../metadata/object';
import type { SalesforceOrg } from '../org/salesforce-org';

/** One call of the data API, framework-free: what the HTTP layer (or a composite request) hands over. */
export interface RestRequest {
  method: string;
  /** The path after /services/data/vNN.N, e.g. "/sobjects/Contact/003…". */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** "62.0". */
  version: string;
}

/** Who is calling and where the org lives, for every handler. */
export interface RestContext {
  org: SalesforceOrg;
  session: Session;
  user: SObjectRecord;
  baseUrl: string;
}

export interface RestResponse {
  status: number;
  /** Absent for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type RestHandler = (
  req: RestRequest,
  ctx: RestContext,
  params: Record<string, string>,
) => RestResponse;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Segments; ":name" binds a parameter. */
  pattern: string;
  handler: RestHandler;
}

export const ok = (body: unknown, status = 200, headers?: Record<string, string>): RestResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const noContent = (): RestResponse => ({ status: 204 });
