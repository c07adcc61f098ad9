import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subject } from 'rxjs';
import { SessionService } from '../auth/session.service';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import type { DialerAgentPosition, DialerFigures } from '../dialer/dialer.types';
import type { StoredSession } from '../auth/session.repository';
import { SUPERVISION_OPTIONS, type SupervisionOptions } from './supervision.options';
import { SupervisorScopes } from './supervisor-scopes.service';

/**
 * The one shared reader of what only the dialer knows (issue 8 §2, §3):
 * agents not logged in through this gateway, calls waiting,
 * longest wait and pace, and campaign and queue names. Read at
 * a modest interval with a supervisor's own dialer session, never per screen:
 * twenty boards cost the dialer the same as one.
 * Per node, not a cluster job (issue 18 §2): it only reads, and feeds this
 * node's board and figures; N nodes cost the dialer N reads per interval.
 */
@Injectable()
export class DialerDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DialerDirectory');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly failing = new Set<string>();
  /** Positions of every agent the dialer listed at the last refresh. */
  positions = new Map<string, DialerAgentPosition>();
  /** When the last complete agent listing was asked for (ms since epoch). */
  positionsReadAt = 0;
  figures: DialerFigures | null = null;
  figuresAt: string | null = null;
  readonly campaignNames = new Map<string, string>();
  readonly queues = new Map<string, { name: string; serviceLevelSeconds: number }>();
  /** Agents whose dialer position changed (or appeared, or went) at a refresh. */
  readonly agentsChanged = new Subject<Set<string>>();

  constructor(
    @Inject(DIALER) private readonly dialer: Dialer,
    private readonly sessions: SessionService,
    private readonly scopes: SupervisorScopes,
    @Inject(SUPERVISION_OPTIONS) private readonly options: SupervisionOptions,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.refresh(), this.options.dialerRefreshMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Reads the dialer now (joins a refresh already under way). */
  refresh(): Promise<void> {
    this.running ??= this.read().finally(() => (this.running = undefined));
    return this.running;
  }

  private async read(): Promise<void> {
    const readers = this.readers();
    if (readers.length === 0) return;
    const [first] = readers;
    // Names first: rows built from the listing then carry campaign names, not bare ids.
    await this.readNames(first);
    await Promise.all([this.readAgents(readers), this.readFigures(first)]);
  }

  /**
   * An admin sees every agent in one call; otherwise each supervisor's call
   * lists the agents of their campaigns and queues and the union is the
   * board. Supervisors with the same campaigns and queues would get the same
   * answer, so one of them asks for all.
   */
  private readers(): StoredSession[] {
    const all = this.sessions.all();
    const admin = all.find((s) => s.roles.includes('admin'));
    if (admin) return [admin];
    const byScope = new Map<string, StoredSession>();
    for (const s of all) {
      if (!s.roles.includes('supervisor')) continue;
      const scope = this.scopes.known(s.sessionId);
      const key = scope ? `${scope.campaignIds.join(',')}/${scope.queueIds.join(',')}` : s.sessionId;
      if (!byScope.has(key)) byScope.set(key, s);
    }
    return [...byScope.values()];
  }

  private async readAgents(readers: StoredSession[]): Promise<void> {
    const readAt = Date.now();
    const next = new Map<string, DialerAgentPosition>();
    let complete = true;
    for (const reader of readers) {
      const answer = await this.attempt('the agents listing', () =>
        this.dialer.agents({ session: reader.dialerToken }),
      );
      if (!answer) complete = false;
      for (const position of answer ?? []) next.set(position.agent.agentId, position);
    }
    // A partial read must not make agents vanish from the board: keep the old ones it missed.
    if (!complete) for (const [id, p] of this.positions) if (!next.has(id)) next.set(id, p);
    const changed = new Set<string>();
    for (const [id, position] of next) {
      const before = this.positions.get(id);
      if (!before || JSON.stringify(before) !== JSON.stringify(position)) changed.add(id);
    }
    for (const id of this.positions.keys()) if (!next.has(id)) changed.add(id);
    this.positions = next;
    if (complete) this.positionsReadAt = readAt;
    if (changed.size > 0) this.agentsChanged.next(changed);
  }

  private async readFigures(reader: StoredSession): Promise<void> {
    const answer = await this.attempt('the figures', () =>
      this.dialer.figures({ session: reader.dialerToken }),
    );
    if (!answer) return;
    this.figures = answer;
    this.figuresAt = new Date().toISOString();
  }

  private async readNames(reader: StoredSession): Promise<void> {
    const [campaigns, queues] = await Promise.all([
      this.attempt('the campaigns', () => this.dialer.campaigns({ session: reader.dialerToken })),
      this.attempt('the queues', () => this.dialer.queues({ session: reader.dialerToken })),
    ]);
    for (const c of campaigns ?? []) this.campaignNames.set(c.id, c.name);
    for (const q of queues ?? [])
      this.queues.set(q.id, { name: q.name, serviceLevelSeconds: q.serviceLevelSeconds });
  }

  /** A failed read keeps the last known data; it is logged once per outage, not once per interval. */
  private async attempt<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await read();
      if (this.failing.delete(what)) this.logger.log(`${what} answers again`);
      return result;
    } catch (error) {
      if (!this.failing.has(what)) {
        this.failing.add(what);
        this.logger.warn({ err: error, msg: `${what} failed; the board keeps its last known data` });
      }
      return undefined;
    }
  }
}
