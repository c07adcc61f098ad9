import type { Request, Response } from 'express';
import type { RestResponse } from '../rest/rest-types';

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** Writes JSON exactly as Salesforce labels it (`application/json;charset=UTF-8`). */
export function sendJson(
  res: Response,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', JSON_CONTENT_TYPE);
  res.end(JSON.stringify(body));
}

export function sendRest(res: Response, response: RestResponse): void {
  if (response.body === undefined) {
    res.status(response.status);
    for (const [name, value] of Object.entries(response.headers ?? {})) res.setHeader(name, value);
    res.end();
    return;
  }
  sendJson(res, response.status, response.body, response.headers);
}

/** Where the client reached us: the base of instance_url and identity URLs unless one is configured. */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function queryOf(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : req.originalUrl.slice(at + 1));
}

export function headersOf(req: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers))
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}
