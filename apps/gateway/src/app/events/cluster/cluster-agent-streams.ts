import { randomUUID } from 'node:crypto';
import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  type AgentEvent,
  agentEvent,
  type AgentState,
  initialAgentState,
  reduceAgentState,
  type ResumeResult,
} from '@puente/contracts';
import type { Redis } from 'ioredis';
import type { RedisConnection } from '../../cluster/redis.provider';
import type { MetricsService } from '../../metrics/metrics.service';
import { abortableSleep, JitteredBackoff } from '../../retry/jittered-backoff';
import type { AgentEventInput } from '../agent-event-input';
import type { StoredStream } from '../agent-event-log';
import type { AgentOwnership } from '../agent-ownership';
import { AgentStreams, type AppendSource, type DialerCursor, resumeFrom } from '../agent-streams.service';
import type {
  CommittedBatch,
  CommittedCursor,
  RedisAgentStreamStore,
  Revision,
} from './redis-agent-stream.store';

/** How many times one append folds again after another node's commit got in first. */
const MAX_CONFLICTS = 50;
/** How long an append waits for Redis to answer again before it gives up (the dialer subscription then re-reads). */
const COMMIT_PATIENCE_MS = 5000;
/** A tail that went this long without reading may have missed commits trimmed away meanwhile. */
const STALL_MS = 10_000;

const emptyStream = (agentId: string): StoredStream => ({
  agentId,
  seq: 0,
  dialerSeq: 0,
  dialerEpoch: null,
  dialerInstanceId: null,
  state: initialAgentState(agentId),
});

/**
 * Agent streams shared by the nodes of a cluster (issue 18 §2), on Redis
 * (RedisAgentStreamStore). Every node keeps a mirror of every agent's
 * stream, loaded at start and kept current by tailing the cluster's commit
 * stream, so `state()` answers at once on any node. An append is committed
 * by compare-and-set on the agent's seq, in order per agent on this node;
 * the node that commits publishes the events (`published`: acting on them
 * happens once), every node shows them (`observed`). Resumes read Redis, so
 * a panel resumes by seq on any node.
 */
export class ClusterAgentStreams extends AgentStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AgentStreams');
  /** The mirror: every agent's stream at the revision this node last saw. */
  private readonly streams = new Map<string, Revision>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private reader: Redis | undefined;
  private tailing: Promise<void> = Promise.resolve();
  private markLoaded: () => void = () => undefined;
  private loadedOnce = false;
  /** Resolves once the mirror was first loaded from Redis (a node may start before Redis is up). */
  readonly loaded = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    private readonly store: RedisAgentStreamStore,
    private readonly redis: RedisConnection,
    private readonly ownership: AgentOwnership,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.reader = this.redis.reader('puente-agent-streams');
    this.tailing = this.tail();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
    this.abort.abort();
    this.reader?.disconnect();
    // A blocking read that was queued while Redis was away may never settle once its reader is gone.
    await Promise.race([this.tailing, new Promise((r) => setTimeout(r, 1000).unref())]);
  }

  dialerCursor(agentId: string): DialerCursor {
    const stream = this.stream(agentId);
    return { seq: stream.dialerSeq, epoch: stream.dialerEpoch, instanceId: stream.dialerInstanceId };
  }

  resync(agentId: string, inputs: readonly AgentEventInput[], cursor: DialerCursor): void {
    this.enqueue(agentId, 'snapshot', (base) => {
      // Events of the run before still belong to its dialer: only then move on to the new one.
      const next = fold({ ...base, dialerSeq: cursor.seq, dialerEpoch: cursor.epoch }, inputs, this.metrics);
      next.stream.dialerInstanceId = cursor.instanceId ?? base.dialerInstanceId;
      return next;
    });
  }

  append(
    agentId: string,
    inputs: readonly AgentEventInput[],
    dialerSeq?: number,
    source: AppendSource = 'app',
  ): void {
    this.enqueue(agentId, source, (base) => {
      if (source === 'update' && dialerSeq !== undefined && dialerSeq <= base.dialerSeq) return null;
      if (inputs.length === 0 && (dialerSeq === undefined || dialerSeq <= base.dialerSeq)) return null;
      const next = fold(base, inputs, this.metrics);
      if (dialerSeq !== undefined) next.stream.dialerSeq = Math.max(base.dialerSeq, dialerSeq);
      return next;
    });
  }

  /**
   * Reads Redis, not the mirror: the panel may have come from a node further
   * ahead. The mirror is left to the tail, which shows what it adds to every
   * socket here (a jump of the mirror would skip those events on them). Not
   * before the first load: it takes in silently what it finds (history from
   * before this node), so an answer read before it could miss what came
   * between the two.
   */
  async resume(agentId: string, lastSeq: number): Promise<ResumeResult> {
    // Bounded: a node that cannot load (Redis away) fails the read below instead of hanging the panel.
    if (!this.loadedOnce)
      await Promise.race([this.loaded, abortableSleep(COMMIT_PATIENCE_MS, this.abort.signal)]);
    const found = await this.store.load(agentId);
    const stream = found?.stream ?? emptyStream(agentId);
    return resumeFrom(stream, lastSeq, () => this.store.eventsAfter(agentId, lastSeq));
  }

  /**
   * Brings this node's mirror of the agent to what Redis holds (before it
   * takes the agent over), showing the events it had not seen yet.
   */
  override async catchUp(agentId: string): Promise<void> {
    const found = await this.store.load(agentId);
    if (found) await this.bringUpTo(found);
  }

  /**
   * Moves the mirror of one agent to `found`, showing the events in between
   * (never a silent jump): those Redis still keeps, else at least `known`.
   */
  private async bringUpTo(found: Revision, known: readonly AgentEvent[] = []): Promise<void> {
    const { agentId } = found.stream;
    const before = this.stream(agentId).seq;
    const kept = found.stream.seq > before ? await this.store.eventsAfter(agentId, before) : [];
    this.moveTo(
      found,
      (kept.length > 0 ? kept : known).filter((e) => e.seq <= found.stream.seq),
    );
  }

  override async settled(agentId: string): Promise<void> {
    await this.queues.get(agentId);
  }

  protected currentState(agentId: string): AgentState {
    return this.stream(agentId).state;
  }

  private stream(agentId: string): StoredStream {
    return this.streams.get(agentId)?.stream ?? emptyStream(agentId);
  }

  /** Keeps the later revision of the mirror's and this one. */
  private remember(found: Revision): boolean {
    const known = this.streams.get(found.stream.agentId);
    if (known && known.rev >= found.rev) return false;
    this.streams.set(found.stream.agentId, found);
    return true;
  }

  private enqueue(agentId: string, source: AppendSource, build: (base: StoredStream) => Folded | null): void {
    const previous = this.queues.get(agentId) ?? Promise.resolve();
    const run = previous
      .then(() => this.commit(agentId, source, build))
      .catch((error: unknown) => this.giveUp(agentId, source, error))
      .finally(() => {
        if (this.queues.get(agentId) === run) this.queues.delete(agentId);
      });
    this.queues.set(agentId, run);
  }

  private async commit(
    agentId: string,
    source: AppendSource,
    build: (base: StoredStream) => Folded | null,
  ): Promise<void> {
    const pauses = new JitteredBackoff({ initialMs: 100, maxMs: 1000, floorMs: 50 });
    const deadline = Date.now() + COMMIT_PATIENCE_MS;
    let seed = false;
    for (let conflicts = 0; conflicts <= MAX_CONFLICTS;) {
      const fence = source === 'app' ? null : this.ownership.fence(agentId);
      if (fence === undefined) return; // Another node follows the agent now: its updates are its own.
      const known = this.streams.get(agentId) ?? { stream: emptyStream(agentId), rev: 0 };
      const folded = build(known.stream);
      if (!folded) return;
      // The same fold is sent again, under the same id, until Redis answers: a retry after a lost
      // answer (a time-out while Redis was frozen) then learns that its commit did land.
      const commitId = randomUUID();
      const result = await this.patiently(
        () => this.store.commit(known.rev, folded.stream, folded.events, fence, commitId, seed),
        deadline,
        pauses,
      );
      if (result.kind === 'fenced') {
        this.ownership.refused(agentId);
        return;
      }
      if (result.kind === 'conflict') {
        conflicts++;
        const { current } = result;
        // Another node committed first: its events are shown here before ours (the tail, which
        // would show them too, then finds them known). Redis lost the stream, or its last commits
        // (restarted without persistence, a replica promoted behind): seed it again from this
        // node's mirror, so the agent's seq and revision go on from where panels and the other
        // nodes' mirrors saw them instead of going back.
        if (current && current.rev > known.rev)
          await this.patiently(() => this.bringUpTo(current), deadline, pauses);
        else seed = true;
        continue;
      }
      const shown = !this.remember({ stream: folded.stream, rev: known.rev + 1 });
      this.publish(agentId, folded.events, folded.states, shown);
      return;
    }
    throw new Error(`${MAX_CONFLICTS} conflicting commits in a row`);
  }

  /** Runs `work` until Redis answers it, pausing between tries, until `deadline`. */
  private async patiently<T>(work: () => Promise<T>, deadline: number, pauses: JitteredBackoff): Promise<T> {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await abortableSleep(pauses.next(), this.abort.signal);
      }
    }
  }

  private giveUp(agentId: string, source: AppendSource, error: unknown): void {
    this.metrics.uncommittedAppends.inc({ source });
    this.logger.warn({ agentId, source, err: error, msg: 'events could not be committed to Redis' });
    if (source !== 'app') this.uncommitted.next(agentId);
  }

  private async tail(): Promise<void> {
    const reader = this.reader;
    if (!reader) return;
    let from: string | null = null;
    let readAt = Date.now();
    while (!this.abort.signal.aborted) {
      if (!this.redis.isUp) {
        await abortableSleep(50, this.abort.signal);
        continue;
      }
      try {
        if (from === null || (Date.now() - readAt > STALL_MS && (await this.store.trimmedPast(from)))) {
          from = await this.reload();
        }
        const batches = await this.store.readAfter(reader, from, 1000);
        readAt = Date.now();
        for (const batch of batches) if (!this.applyCommit(batch)) await this.catchUpWith(batch);
        from = batches.at(-1)?.id ?? from;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.debug?.(`agent stream tail: ${(error as Error).message}`);
        from = null; // Reconnected: reload every stream, commits may have been missed.
        await abortableSleep(500, this.abort.signal);
      }
    }
  }

  /**
   * Loads every stream. The first load takes them in as they are (history
   * from before this node; resumes wait for it). A later one (the tail lost
   * Redis) shows the events the tail did not get to, of streams it knew and
   * of streams begun meanwhile, so it skips nothing on this node's sockets.
   */
  private async reload(): Promise<string> {
    const { streams, from } = await this.store.loadAll();
    const first = !this.loadedOnce;
    const behind: { agentId: string; seq: number; upTo: Revision }[] = [];
    for (const found of streams) {
      const known = this.streams.get(found.stream.agentId);
      if (!this.remember(found) || (first && !known)) continue;
      const seq = known?.stream.seq ?? 0;
      if (found.stream.seq > seq) behind.push({ agentId: found.stream.agentId, seq, upTo: found });
    }
    this.loadedOnce = true;
    this.markLoaded();
    for (const { agentId, seq, upTo } of behind) {
      const missed = (await this.store.eventsAfter(agentId, seq)).filter((e) => e.seq <= upTo.stream.seq);
      this.observe(
        agentId,
        missed,
        missed.map(() => upTo.stream.state),
      );
    }
    return from;
  }

  /**
   * A commit read from the cluster stream: folded onto the mirror when it
   * holds the revision before; not read at all when the mirror has it
   * already (this node's own commits). False: the mirror missed a commit in
   * between (or the commit carries no cursor), see catchUpWith.
   */
  private applyCommit(batch: CommittedBatch): boolean {
    // An agent the mirror has never seen starts from the empty stream: its first commit folds too.
    const known = this.streams.get(batch.agentId) ?? { stream: emptyStream(batch.agentId), rev: 0 };
    if (known.rev >= batch.rev) return true;
    if (!batch.cursor || known.rev !== batch.rev - 1) return false;
    this.moveTo(
      { stream: foldCommitted(known.stream, batch.events, batch.cursor), rev: batch.rev },
      batch.events,
    );
    return true;
  }

  /** Loads the stream of a commit the mirror cannot fold and shows what the mirror had not shown. */
  private async catchUpWith(batch: CommittedBatch): Promise<void> {
    const found = await this.store.load(batch.agentId);
    // Not there: Redis lost the stream (restarted without persistence), the next commit seeds it again.
    if (found) await this.bringUpTo(found, batch.events);
  }

  /** Moves the mirror to a later revision and shows the events it had not shown. */
  private moveTo({ stream, rev }: Revision, events: readonly AgentEvent[]): void {
    const before = this.stream(stream.agentId).seq;
    if (!this.remember({ stream, rev })) return;
    const fresh = events.filter((e) => e.seq > before);
    this.observe(
      stream.agentId,
      fresh,
      fresh.map(() => stream.state),
    );
  }
}

/** What a commit of `events` and `cursor` on top of `base` left: the same fold as the committing node's. */
function foldCommitted(
  base: StoredStream,
  events: readonly AgentEvent[],
  cursor: CommittedCursor,
): StoredStream {
  let { seq, state } = base;
  for (const event of events) {
    state = reduceAgentState(state, event);
    seq = event.seq;
  }
  return { ...base, ...cursor, seq, state };
}

interface Folded {
  stream: StoredStream;
  events: AgentEvent[];
  states: AgentState[];
}

function fold(base: StoredStream, inputs: readonly AgentEventInput[], metrics: MetricsService): Folded {
  const stream = { ...base };
  const now = Date.now();
  const events: AgentEvent[] = [];
  const states: AgentState[] = [];
  for (const item of inputs) {
    const at = item.at ?? new Date(now).toISOString();
    const event = agentEvent(
      item.type,
      { seq: stream.seq + 1, at, agentId: base.agentId },
      item.payload as never,
    );
    stream.seq = event.seq;
    stream.state = reduceAgentState(stream.state, event);
    events.push(event);
    states.push(stream.state);
    if (item.at) metrics.eventLag.observe(Math.max(0, now - Date.parse(item.at)) / 1000);
  }
  return { stream, events, states };
}
