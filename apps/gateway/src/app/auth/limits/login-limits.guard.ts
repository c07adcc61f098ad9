import { createHash } from 'node:crypto';
import { applyDecorators, type ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ApiError } from '../../http/api-error';
import { clientAddress } from '../../http/client-address';
import { SessionService } from '../session.service';
import { LIMITED_ROUTE, type LimitedRoute, limitedRoute, userKey } from './limit-keys';
import { LoginLockouts } from './login-lockouts.service';

/**
 * The throttler on login and refresh (issue 14 §5), with the trackers it
 * cannot know by itself: the client address, the user name of a login, the
 * session a refresh token belongs to (so rotating the token does not make a
 * new counter). A login of a locked-out user or address is refused here,
 * before the dialer is asked. Every refusal is 429 RATE_LIMITED with
 * Retry-After.
 */
@Injectable()
export class LoginLimitsGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly lockouts: LoginLockouts,
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    if (limitedRoute(context) === 'login') {
      const req = context.switchToHttp().getRequest<Request>();
      const user = (req.body as { user?: unknown } | undefined)?.user;
      const lockedForMs = await this.lockouts.lockedFor(userKey(user), clientAddress(req));
      if (lockedForMs > 0) this.refuse(context, lockedForMs, 'LOCKED_OUT');
    }
    return true;
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const route = limitedRoute(request.context);
    const getTracker =
      request.throttler.name === 'address'
        ? (req: Record<string, unknown>) => clientAddress(req as unknown as Request)
        : route === 'login'
          ? (req: Record<string, unknown>) => userKey((req['body'] as { user?: unknown } | undefined)?.user)
          : (req: Record<string, unknown>) => this.family(req['body']);
    return super.handleRequest({ ...request, getTracker });
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    this.refuse(context, detail.timeToBlockExpire * 1000, 'TOO_MANY_REQUESTS');
  }

  /** A refresh token's session, so that all its rotations share one counter. */
  private async family(body: unknown): Promise<string> {
    const token = (body as { refreshToken?: unknown } | undefined)?.refreshToken;
    if (typeof token !== 'string') return 'none';
    const sessionId = await this.sessions.sessionOfRefreshToken(token);
    return sessionId ?? `unknown-${createHash('sha256').update(token).digest('hex').slice(0, 32)}`;
  }

  private refuse(context: ExecutionContext, ms: number, reason: 'LOCKED_OUT' | 'TOO_MANY_REQUESTS'): never {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new ApiError(
      'RATE_LIMITED',
      reason === 'LOCKED_OUT'
        ? `Too many failed logins; try again in ${seconds} s, or ask an administrator to clear the lock-out.`
        : `Too many requests; try again in ${seconds} s.`,
      { reason, retryAfterSeconds: seconds },
    );
  }
}

/** Limits the handler per client address and per account (user name, or session for refresh). */
export const RateLimited = (route: LimitedRoute) =>
  applyDecorators(SetMetadata(LIMITED_ROUTE, route), UseGuards(LoginLimitsGuard));
