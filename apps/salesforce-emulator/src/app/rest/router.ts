import { sfErrors } from '../errors/sf-error';
import type { RestContext, RestHandler, RestRequest, RestResponse, Route } from './rest-types';

interface CompiledRoute extends Route {
  segments: string[];
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function match(segments: string[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.startsWith(':')) params[s.slice(1)] = parts[i];
    else if (s.toLowerCase() !== parts[i].toLowerCase()) return null;
  }
  return params;
}

/**
 * The data API's URL table. A path that matches no route is 404 NOT_FOUND;
 * one that matches with another method is 405 METHOD_NOT_ALLOWED listing
 * the methods allowed, as Salesforce answers.
 */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map((r) => ({ ...r, segments: split(r.pattern) }));
  }

  resolve(method: string, path: string): { handler: RestHandler; params: Record<string, string> } {
    let parts: string[];
    try {
      parts = split(path).map((p) => decodeURIComponent(p));
    } catch {
      throw sfErrors.notFound();
    }
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = match(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      allowed.push(route.method);
    }
    if (allowed.length === 0) throw sfErrors.notFound();
    throw sfErrors.methodNotAllowed(method, [...new Set(allowed)]);
  }

  dispatch(req: RestRequest, ctx: RestContext): RestResponse {
    const { handler, params } = this.resolve(req.method, req.path);
    return handler(req, ctx, params);
  }
}
