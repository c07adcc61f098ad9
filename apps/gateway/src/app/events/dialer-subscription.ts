import type { Logger } from '@nestjs/common';
import { DialerError } from '../dialer/dialer-error';
import type { Dialer } from '../dialer/dialer.port';
import type {
  AgentFeed,
  DialerCursor,
  DialerSnapshot,
  DialerUpdate,
  LogoutReason,
} from '../dialer/dialer.types';
import type { MetricsService } from '../metrics/metrics.service';
import type { AgentStreams } from './agent-streams.service';
import { abortableSleep, JitteredBackoff } from '../retry/jittered-backoff';

export interface SubscriptionDeps {
  dialer: Dialer;
  streams: AgentStreams;
  metrics: MetricsService;
  logger: Logger;
  pollIntervalMs: number;
  /** The dialer ended the session (logged out elsewhere, expired): the gateway must end it too. */
  onSessionGone: (reason: LogoutReason) => void;
}

type Mode = 'stream' | 'polling' | 'stopped';

const STREAM_RETRY_FIRST_MS = 750;
const STREAM_RETRY_MAX_MS = 5000;
const STREAM_RETRY_FLOOR_MS = 50;
/** How long a reconciliation after an unknown outcome keeps asking for the snapshot. */
const RECONCILE_FOR_MS = 120_000;
/** Snapshot reads after the dialer answers again (a few seconds apart). */
const RECONCILE_READS = 3;

/**
 * One agent's link to the dialer: its push stream while available, position
 * polling while not, switching back as soon as the stream reopens. Resumes
 * from the last dialer seq applied, so nothing is missed or applied twice.
 */
export class DialerSubscription {
  private readonly abort = new AbortController();
  private mode: Mode = 'stopped';
  private readonly feed: AgentFeed;
  /** Pauses between attempts to reopen the stream, jittered so agents do not all come back at once. */
  private readonly retry: JitteredBackoff;
  private reconciling: Promise<void> | undefined;
  /**
   * The dialer seq of the last position this subscription applied. In
   * cluster mode its commit to the agent's stream is asynchronous, so the
   * stream may open from the older cursor and replay what the position
   * already covers: a fresh login's stream would replay the LoggedOut that
   * ended the agent's previous session and end the new one.
   */
  private positionSeq = 0;

  constructor(
    readonly agentId: string,
    dialerToken: string,
    private readonly deps: SubscriptionDeps,
  ) {
    this.feed = deps.dialer.subscribe(dialerToken, agentId);
    this.retry = new JitteredBackoff({
      initialMs: Math.min(STREAM_RETRY_FIRST_MS, deps.pollIntervalMs),
      maxMs: Math.min(STREAM_RETRY_MAX_MS, deps.pollIntervalMs),
      floorMs: STREAM_RETRY_FLOOR_MS,
    });
  }

  /** Resolves once the first position sync has been tried (when asked for one). */
  synced: Promise<void> = Promise.resolve();

  /**
   * Starts following the agent. With `syncFirst` (a fresh login) it reads the
   * position before opening the stream, so events of an older session of the
   * same agent (its logout, say) are behind us, not replayed as news.
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

  /** Brings the agent's state in line with the dialer's position now. */
  async syncPosition(): Promise<void> {
    const snapshot = await this.feed.snapshot();
    if (this.stopped) return;
    this.applySnapshot(snapshot);
  }

  private applySnapshot(snapshot: DialerSnapshot): void {
    const { streams } = this.deps;
    const events = snapshot.eventsFor(streams.state(this.agentId));
    this.positionSeq = snapshot.cursor.seq;
    if (this.otherRun(snapshot.cursor)) streams.resync(this.agentId, events, snapshot.cursor);
    else streams.append(this.agentId, events, snapshot.cursor.seq, 'snapshot');
  }

  /** A snapshot of a run of the dialer other than the one our seq counts in: it restarted (issue 15 §1). */
  private otherRun(cursor: DialerCursor): boolean {
    return cursor.epoch !== null && cursor.epoch !== this.deps.streams.dialerCursor(this.agentId).epoch;
  }

  /**
   * After a command whose outcome is unknown (issue 15 §4: it left, no answer
   * came): reads the agent's snapshot as soon as the dialer answers again, so
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
    // A dialer that was stuck may answer a position read before it works through the command
    // it received earlier: read it more than once.
    let reads = 0;
    while (!this.stopped && Date.now() < deadline && reads < RECONCILE_READS) {
      try {
        const snapshot = await this.feed.snapshot();
        reads++;
        // The stream may have applied newer events while the position was on its way: an older
        // position must not roll them back (one of another dialer run always applies: issue 15 §1).
        const { cursor } = snapshot;
        const newer = this.otherRun(cursor) || cursor.seq > this.deps.streams.dialerSeq(this.agentId);
        if (!this.stopped && newer) this.applySnapshot(snapshot);
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

  /** Not an async function: its frame would stay suspended for the agent's whole shift (issue 18 §3). */
  private consumeStream(): Promise<void> {
    const { streams } = this.deps;
    const cursor = streams.dialerCursor(this.agentId);
    // Apply stops the subscription (aborting the stream) when the session ended: nothing follows.
    return this.feed.follow(cursor, this.abort.signal, (update) => {
      if (this.mode !== 'stream') {
        this.setMode('stream');
        this.retry.reset();
      }
      this.apply(update);
    });
  }

  private apply(update: DialerUpdate): void {
    const { streams } = this.deps;
    // Before the seq check: a restarted dialer's Resync carries a seq at or below ours (its seqs began again).
    if (update.kind === 'resync') {
      const { snapshot } = update;
      this.positionSeq = snapshot.cursor.seq;
      streams.resync(this.agentId, snapshot.eventsFor(streams.state(this.agentId)), snapshot.cursor);
      return;
    }
    if (update.seq <= Math.max(streams.dialerSeq(this.agentId), this.positionSeq)) return;
    streams.append(this.agentId, update.events, update.seq, 'update');
    if (update.loggedOut) {
      this.stop();
      this.deps.onSessionGone(update.loggedOut);
    }
  }

  private sessionGone(error: unknown): boolean {
    if (this.stopped) return true;
    if (error instanceof DialerError && error.code === 'NOT_LOGGED_IN') {
      this.deps.logger.warn({
        agentId: this.agentId,
        msg: 'the dialer no longer knows this session; ending it',
      });
      this.stop();
      this.deps.onSessionGone('expired');
      return true;
    }
    if (!(error instanceof DialerError) || !error.isUnavailable) {
      this.deps.logger.debug({ agentId: this.agentId, err: error, msg: 'dialer subscription interrupted' });
    }
    return false;
  }

  private setMode(mode: Mode): void {
    if (this.mode === mode) return;
    const { metrics } = this.deps;
    if (this.mode !== 'stopped') metrics.subscriptions.dec({ mode: this.mode });
    if (mode !== 'stopped') metrics.subscriptions.inc({ mode });
    this.mode = mode;
  }
}
