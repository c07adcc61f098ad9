import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@puente/contracts';
import type { Request } from 'express';
import { ApiError } from '../http/api-error';
import { type AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { SessionService } from './session.service';

/**
 * Every /api/v1 route needs a valid access token of a live session unless it
 * is marked @Public(); @Roles() narrows it further. Applied globally, so a
 * new endpoint is protected by default.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & Partial<AuthenticatedRequest>>();
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
    const { session } = await this.sessions.authenticate(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((r) => session.roles.includes(r))) {
      throw new ApiError('FORBIDDEN', `Only ${roles.join(' or ')} users may do this.`);
    }
    request.session = session;
    return true;
  }
}
