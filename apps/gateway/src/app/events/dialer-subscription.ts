import type { Logger } from '@nestjs/common';
import { NeoApiError, type NeoEvent, type NeoPosition, type NeoResponse } from '@puente/neoapi';
import type { Dialer } from '../dialer/dialer.port';
import type { MetricsService } from '../metrics/metrics.service';
import type { AgentStreams } from './agent-streams.service';
import { abortableSleep, JitteredBackoff } from '../retry/jittered-backoff';
import { translateNeoEvent } from './neo-translation';
import { type CampaignInfo, positionToEvents } from './position-diff';

export interface SubscriptionDeps {
  dialer: Dialer;
  streams: AgentStreams;
  metrics: MetricsService;
  logger: Logger;
  pollIntervalMs: number;
  /** The dialer ended the session (logged out elsewhere, expired): the gateway must end it too. */
  onSessionGone: (reason: 'replaced' | 'expired' | 'forced' | 'user') => void;
}

type Mode = 'stream' | 'polling' | 'stopped';

const STREAM_RETRY_FIRST_MS = 750;
const STREAM_RETRY_MAX_MS = 5000;
const STREAM_RETRY_FLOOR_MS = 50;
/** How long a reconciliation after an unknown outcome keeps asking for the Position. */
const RECONCILE_FOR_MS = 120_000;
/** Position reads after the dialer answers again (a few seconds apart). */
const RECONCILE_READS = 3;

/**
 * One agent's link to the dialer: its push stream while available, Position
 * polling while not, switching back as soon as the stream reopens. Resumes
 * from the last dialer seq applied, so nothing is missed or applied twice.
 */
export class DialerSubscription {
  private readonly abort = new AbortController();
  private mode: Mode = 'stopped';
  private readonly campaigns = new Map<string, CampaignInfo>();
  /** Pauses between attempts to reopen the stream, jittered so agents do not all come back at once. */
  private readonly retry: JitteredBackoff;
  private reconciling: Promise<void> | undefined;

  constructor(
    readonly agentId: string,
    private readonly dialerToken: string,
    private readonly deps: SubscriptionDeps,
  ) {
    this.retry = new JitteredBackoff({
      initialMs: Math.min(STREAM_RETRY_FIRST_MS, deps.pollIntervalMs),
      maxMs: Math.min(STREAM_RETRY_MAX_MS, deps.pollIntervalMs),
      floorMs: STREAM_RETRY_FLOOR_MS,
    });
  }

  /** Resolves once the first Position sync has been tried (when asked for one). */
  synced: Promise<void> = Promise.resolve();

  /**
   * Starts following the agent. With `syncFirst` (a fresh login) it reads the
   * Position before opening the stream, so events of an older session of the
   * same agent (its LoggedOut, say) are behind us, not replayed as news.
   */
  start(syncFirst = false): void {
    this.setMode('polling');
    if (syncFirst) {
      this.synced = this.syncPosition().catch((error: unknown) => {
        this.sessionGone(error);
      });
      void this.synced.then(() => this.run());
    } else {
      void this.run();
    }
  }

  stop(): void {
    this.setMode('stopped');
    this.abort.abort();
  }

  /** Brings the agent's state in line with the dialer's Position now. */
  async syncPosition(): Promise<void> {
    const { dialer } = this.deps;
    const position = await dialer.call('Position', {}, this.dialerToken);
    if (this.stopped) return;
    await this.applyPosition(position);
  }

  private async applyPosition(position: NeoResponse<'Position'>): Promise<void> {
    const { streams } = this.deps;
    const campaignId = position.agent.campaignId;
    if (campaignId && !this.campaigns.has(campaignId)) await this.loadCampaigns();
    if (this.stopped) return;
    const events = positionToEvents(streams.state(this.agentId), position, this.campaigns);
    if (this.otherRun(position)) streams.resync(this.agentId, events, this.cursorOf(position, position.seq));
    else streams.append(this.agentId, events, position.seq);
  }

  /** A Position of a run of the dialer other than the one our seq counts in: it restarted (issue 15 §1). */
  private otherRun(position: NeoPosition): boolean {
    const epoch = position.dialer?.epoch;
    return epoch !== undefined && epoch !== this.deps.streams.dialerCursor(this.agentId).epoch;
  }

  private cursorOf(position: NeoPosition, seq: number) {
    return { seq, epoch: position.dialer?.epoch ?? null, instanceId: position.dialer?.instanceId ?? null };
  }

  /**
   * After a command whose outcome is unknown (issue 15 §4: it left, no answer
   * came): reads the agent's Position as soon as the dialer answers again, so
   * the agent's state and stream show what the dialer really did even if the
   * push stream missed it. One reconciliation at a time per agent: a few reads
   * seconds apart once it answers, for RECONCILE_FOR_MS at most (the stream
   * still catches up after that).
   */
  reconcile(): Promise<void> {
    this.reconciling ??= this.reconcileLoop().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  private async reconcileLoop(): Promise<void> {
    const pauses = new JitteredBackoff({ initialMs: 1000, maxMs: 5000, floorMs: 250 });
    const deadline = Date.now() + RECONCILE_FOR_MS;
    // A dialer that was stuck may answer Position before it works through the command
    // it received earlier: read it more than once.
    let reads = 0;
    while (!this.stopped && Date.now() < deadline && reads < RECONCILE_READS) {
      try {
        const position = await this.deps.dialer.call('Position', {}, this.dialerToken);
        reads++;
        // The stream may have applied newer events while Position was on its way: an older
        // Position must not roll them back (one of another dialer run always applies: issue 15 §1).
        const newer = this.otherRun(position) || position.seq > this.deps.streams.dialerSeq(this.agentId);
        if (!this.stopped && newer) await this.applyPosition(position);
      } catch (error) {
        if (this.sessionGone(error)) return;
      }
      await abortableSleep(pauses.next(), this.abort.signal);
    }
  }

  private get stopped(): boolean {
    return this.mode === 'stopped';
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.consumeStream();
      } catch (error) {
        if (this.sessionGone(error)) return;
      }
      if (this.stopped) return;
      this.setMode('polling');
      try {
        await this.syncPosition();
      } catch (error) {
        if (this.sessionGone(error)) return;
      }
      await abortableSleep(this.retry.next(), this.abort.signal);
    }
  }

  private async consumeStream(): Promise<void> {
    const { dialer, streams } = this.deps;
    const cursor = streams.dialerCursor(this.agentId);
    const stream = dialer.events(this.dialerToken, cursor.seq, this.abort.signal, cursor.epoch ?? undefined);
    for await (const event of stream) {
      if (this.mode !== 'stream') {
        this.setMode('stream');
        this.retry.reset();
      }
      this.apply(event);
      if (this.stopped) return;
    }
  }

  private apply(event: NeoEvent): void {
    const { streams } = this.deps;
    // Before the seq check: a restarted dialer's Resync carries a seq at or below ours (its seqs began again).
    if (event.type === 'Resync') {
      const position = event.data.position;
      streams.resync(
        this.agentId,
        positionToEvents(streams.state(this.agentId), position, this.campaigns),
        this.cursorOf(position, event.seq),
      );
      return;
    }
    if (event.seq <= streams.dialerSeq(this.agentId)) return;
    if (event.type === 'CampaignJoined') {
      const c = event.data.campaign;
      this.campaigns.set(c.id, { name: c.name, dialerMode: c.dialerMode });
    }
    streams.append(this.agentId, translateNeoEvent(event), event.seq);
    if (event.type === 'LoggedOut') {
      this.stop();
      this.deps.onSessionGone(event.data.reason);
    }
  }

  private sessionGone(error: unknown): boolean {
    if (this.stopped) return true;
    if (error instanceof NeoApiError && error.code === 'NOT_LOGGED_IN') {
      this.deps.logger.warn({
        agentId: this.agentId,
        msg: 'the dialer no longer knows this session; ending it',
      });
      this.stop();
      this.deps.onSessionGone('expired');
      return true;
    }
    if (!(error instanceof NeoApiError) || !error.isUnavailable) {
      this.deps.logger.debug({ agentId: this.agentId, err: error, msg: 'dialer subscription interrupted' });
    }
    return false;
  }

  private async loadCampaigns(): Promise<void> {
    try {
      const { campaigns } = await this.deps.dialer.call('Get_Campaigns', {}, this.dialerToken);
      for (const c of campaigns) this.campaigns.set(c.id, { name: c.name, dialerMode: c.dialerMode });
    } catch {
      // Names are cosmetic here; the id stands in until the next attempt.
    }
  }

  private setMode(mode: Mode): void {
    if (this.mode === mode) return;
    const { metrics } = this.deps;
    if (this.mode !== 'stopped') metrics.subscriptions.dec({ mode: this.mode });
    if (mode !== 'stopped') metrics.subscriptions.inc({ mode });
    this.mode = mode;
  }
}
