import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type BoardScope,
  emptyAgentsByState,
  type FiguresSnapshot,
  type ScopeFigures,
} from '@puente/contracts';
import { Subject, type Subscription } from 'rxjs';
import { AgentStreams } from '../events/agent-streams.service';
import { BoardService } from './board.service';
import { campaignRoom, queueRoom } from './board-row';
import { DialerDirectory } from './dialer-directory.service';
import { campaignKey, FiguresCounters, queueKey } from './figures-counters';
import { SUPERVISION_OPTIONS, type SupervisionOptions } from './supervision.options';

const ratio = (part: number, whole: number) => (whole > 0 ? Math.min(1, part / whole) : null);

function nextMidnight(from: number): number {
  const d = new Date(from);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}

/** Changed figures of one campaign or queue, for its room. */
export interface FiguresUpdate {
  room: string;
  figures: FiguresSnapshot;
}

/**
 * Campaign and queue figures (E3): counters from the agents' events (once
 * per event), agents by state from the board, and what only the dialer
 * knows (waiting calls, longest wait, pace, abandons before any agent) from
 * the DialerDirectory's single shared read. Pushed when they change, per
 * campaign or queue room; never polled per screen.
 * Per node (issue 18 §2): only reads; each node pushes to its own sockets
 * (supervisors.gateway emits `local`), so no node broadcasts for another
 * and no lease hand-over leaves supervisors without figures for 3 s.
 */
@Injectable()
export class FiguresService implements OnModuleInit, OnModuleDestroy {
  private readonly counters: FiguresCounters;
  private periodStart = Date.now();
  private periodEnd = nextMidnight(Date.now());
  private readonly lastSent = new Map<string, string>();
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  readonly updates = new Subject<FiguresUpdate[]>();

  constructor(
    private readonly streams: AgentStreams,
    private readonly board: BoardService,
    private readonly directory: DialerDirectory,
    @Inject(SUPERVISION_OPTIONS) private readonly options: SupervisionOptions,
  ) {
    this.counters = new FiguresCounters((key) => this.threshold(key));
  }

  onModuleInit(): void {
    this.subscription = this.streams.observed.subscribe((event) => {
      this.rollPeriod();
      this.counters.apply(event, this.streams.state(event.agentId).activity);
    });
    this.timer = setInterval(() => this.push(), this.options.figuresPushMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  /** Figures of every campaign and queue in the scope. */
  snapshot(scope: BoardScope): FiguresSnapshot {
    const items = this.all().filter(
      (f) =>
        scope.all ||
        (f.kind === 'campaign' ? scope.campaignIds.includes(f.id) : scope.queueIds.includes(f.id)),
    );
    return this.wrap(items);
  }

  /** Sends the figures that changed since the last push (also run by tests that do not want to wait). */
  push(): void {
    const changed: FiguresUpdate[] = [];
    for (const item of this.all()) {
      const key = `${item.kind}:${item.id}`;
      const json = JSON.stringify(item);
      if (this.lastSent.get(key) === json) continue;
      this.lastSent.set(key, json);
      changed.push({
        room: item.kind === 'campaign' ? campaignRoom(item.id) : queueRoom(item.id),
        figures: this.wrap([item]),
      });
    }
    if (changed.length > 0) this.updates.next(changed);
  }

  private wrap(items: ScopeFigures[]): FiguresSnapshot {
    return {
      at: new Date().toISOString(),
      periodStart: new Date(this.periodStart).toISOString(),
      dialerAt: this.directory.figuresAt,
      items,
    };
  }

  private all(): ScopeFigures[] {
    this.rollPeriod();
    const dialer = this.directory.figures;
    const dialerCampaigns = new Map((dialer?.campaigns ?? []).map((c) => [c.campaignId, c]));
    const dialerQueues = new Map((dialer?.queues ?? []).map((q) => [q.queueId, q]));
    const byState = new Map<string, ReturnType<typeof emptyAgentsByState>>();
    const names = new Map<string, string>();
    for (const row of this.board.snapshot({ all: true, campaignIds: [], queueIds: [] }).rows) {
      // Agents by state counts agents: a supervisor on the board is not one (issue 16 §3).
      if (row.role !== 'agent') continue;
      const keys = row.queues.map(queueKey);
      if (row.campaign) {
        keys.push(campaignKey(row.campaign.id));
        names.set(campaignKey(row.campaign.id), row.campaign.name);
      }
      for (const key of keys) {
        const counts = byState.get(key) ?? emptyAgentsByState();
        counts[row.activity] += 1;
        byState.set(key, counts);
      }
    }
    const keys = new Set<string>([
      ...this.counters.scopeKeys(),
      ...byState.keys(),
      ...[...dialerCampaigns.keys(), ...this.directory.campaignNames.keys()].map(campaignKey),
      ...[...dialerQueues.keys(), ...this.directory.queues.keys()].map(queueKey),
    ]);
    const items: ScopeFigures[] = [];
    for (const key of [...keys].sort()) {
      const kind = key.startsWith('campaign:') ? 'campaign' : 'queue';
      const id = key.slice(kind.length + 1);
      const c = this.counters.counts(key);
      const live = kind === 'campaign' ? dialerCampaigns.get(id) : dialerQueues.get(id);
      const abandoned = c.abandoned + (live?.abandoned ?? 0);
      const reached = c.answered + abandoned;
      const campaignLive = kind === 'campaign' ? dialerCampaigns.get(id) : undefined;
      items.push({
        kind,
        id,
        name:
          (kind === 'campaign'
            ? this.directory.campaignNames.get(id)
            : this.directory.queues.get(id)?.name) ??
          names.get(key) ??
          id,
        callsWaiting: live?.callsWaiting ?? null,
        longestWaitSeconds: live?.longestWaitSeconds ?? null,
        offered: c.offered,
        answered: c.answered,
        abandoned,
        abandonRate: ratio(abandoned, reached),
        serviceLevel: {
          thresholdSeconds: this.threshold(key),
          answeredWithin: c.answeredWithin,
          rate: ratio(c.answeredWithin, reached),
        },
        handled: c.handled,
        averageHandleSeconds: c.handled > 0 ? Math.round((c.handleSecondsTotal / c.handled) * 10) / 10 : null,
        agentsByState: byState.get(key) ?? emptyAgentsByState(),
        pace:
          campaignLive && campaignLive.dialLevel !== null
            ? { dialLevel: campaignLive.dialLevel, linesDialing: campaignLive.linesDialing }
            : null,
      });
    }
    return items;
  }

  /** A queue's own service-level threshold from the dialer (D2 queue settings); the default otherwise. */
  private threshold(key: string): number {
    if (key.startsWith('queue:')) {
      const queue = this.directory.queues.get(key.slice('queue:'.length));
      if (queue) return queue.serviceLevelSeconds;
    }
    return this.options.serviceLevelSeconds;
  }

  private rollPeriod(): void {
    const now = Date.now();
    if (now < this.periodEnd) return;
    this.counters.reset();
    const today = new Date(now);
    today.setHours(0, 0, 0, 0);
    this.periodStart = today.getTime();
    this.periodEnd = nextMidnight(now);
  }
}
