import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@puente/contracts';
import type { Principal } from './principal';

export const ROLES_KEY = 'puente:roles';
export const PUBLIC_KEY = 'puente:public';

/** Only users with one of these roles may call the handler (E4). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No access token needed (log in, refresh, health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  session: Principal;
}

/** The caller (a Principal: the session without its dialer token), set by the AuthGuard. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().session,
);
