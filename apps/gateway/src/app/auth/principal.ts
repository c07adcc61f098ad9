import type { Role } from '@puente/contracts';
import type { StoredSession } from './session.repository';

/**
 * Who is calling (issue 18 §1): what controllers and services may know of
 * the caller's session. Not its dialer token, nor its refresh hash: the
 * token is asked of SessionService.dialerToken on the way to the dialer.
 */
export interface Principal {
  sessionId: string;
  agentId: string;
  user: string;
  displayName: string;
  email: string | null;
  device: string;
  roles: Role[];
  /** The panel's language tag and IANA time zone (issue 16 §2.9). */
  locale?: string;
  timeZone?: string;
}

export function principalOf(session: StoredSession): Principal {
  return {
    sessionId: session.sessionId,
    agentId: session.agentId,
    user: session.user,
    displayName: session.displayName,
    email: session.email,
    device: session.device,
    roles: session.roles,
    ...(session.locale ? { locale: session.locale } : {}),
    ...(session.timeZone ? { timeZone: session.timeZone } : {}),
  };
}
