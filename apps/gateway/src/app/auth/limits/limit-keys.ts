import type { ExecutionContext } from '@nestjs/common';

/** The routes with login limits, marked by @RateLimited. */
export type LimitedRoute = 'login' | 'refresh';
export const LIMITED_ROUTE = 'puente:limited-route';

export function limitedRoute(context: ExecutionContext): LimitedRoute | undefined {
  return Reflect.getMetadata(LIMITED_ROUTE, context.getHandler()) as LimitedRoute | undefined;
}

/** The counter of one throttler for one tracker (also what an administrator clears). */
export function rateKey(route: string, throttler: string, tracker: string): string {
  return `rate:${route}:${throttler}:${tracker}`;
}

/** A user name as the dialer compares it: case and spacing do not make a new name. */
export function userKey(user: unknown): string {
  return typeof user === 'string' ? user.normalize('NFKC').trim().toLowerCase().slice(0, 128) : '';
}
