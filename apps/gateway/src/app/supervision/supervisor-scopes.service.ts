import { Inject, Injectable } from '@nestjs/common';
import type { BoardScope } from '@puente/contracts';
import { SessionService } from '../auth/session.service';
import { toApiError } from '../dialer/dialer-errors';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import type { Principal } from '../auth/principal';
import { SUPERVISION_OPTIONS, type SupervisionOptions } from './supervision.options';

const ALL: BoardScope = { all: true, campaignIds: [], queueIds: [] };

/**
 * Which campaigns and queues a supervisor may see (E4). The dialer decides:
 * the campaigns their user is assigned to and the queues on their own
 * position. Admins see everything. Cached per session
 * for a while, so reconnects and REST reads do not ask the dialer each time.
 */
@Injectable()
export class SupervisorScopes {
  private readonly cache = new Map<string, { scope: BoardScope; until: number }>();

  constructor(
    @Inject(DIALER) private readonly dialer: Dialer,
    @Inject(SUPERVISION_OPTIONS) private readonly options: SupervisionOptions,
    private readonly sessions: SessionService,
  ) {
    sessions.ended.subscribe(({ sessionId }) => this.cache.delete(sessionId));
  }

  /** The scope last resolved for a session, if any (no dialer call). */
  known(sessionId: string): BoardScope | undefined {
    return this.cache.get(sessionId)?.scope;
  }

  async of(session: Principal): Promise<BoardScope> {
    if (session.roles.includes('admin')) return ALL;
    const cached = this.cache.get(session.sessionId);
    if (cached && cached.until > Date.now()) return cached.scope;
    const token = this.sessions.dialerToken(session);
    try {
      const [campaigns, queueIds] = await Promise.all([
        this.dialer.campaigns({ session: token }),
        this.dialer.ownQueueIds({ session: token }),
      ]);
      const scope: BoardScope = {
        all: false,
        campaignIds: [...new Set(campaigns.map((c) => c.id))].sort(),
        queueIds: [...new Set(queueIds)].sort(),
      };
      this.cache.set(session.sessionId, { scope, until: Date.now() + this.options.scopeTtlMs });
      return scope;
    } catch (error) {
      // The dialer is briefly unreachable: a scope it already gave is better than no board.
      if (cached) return cached.scope;
      throw toApiError(error);
    }
  }
}
