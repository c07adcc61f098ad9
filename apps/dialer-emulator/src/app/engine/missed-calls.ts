import { randomUUID } from 'node:crypto';
import type { NeoMissedCall, NeoResponse } from '@puente/neoapi';
import type { VirtualClock } from '../sim/clock';
import type { StoredQueue } from '../store/dialer-store';
import type { AgentRuntime, CallRuntime } from './runtime';

/**
 * What the list reads from the dialer's state: a narrow view, so the world
 * that owns the list is not imported back (issue 18 §1, the engine's cycle).
 */
export interface MissedCallSources {
  readonly clock: VirtualClock;
  readonly queues: ReadonlyMap<string, StoredQueue>;
  readonly agents: ReadonlyMap<string, AgentRuntime>;
}

/** How many missed calls the dialer keeps for readers; older ones are gone (the reader was away too long). */
const KEEP = 10_000;

/**
 * D4: the dialer's list of inbound calls that ended in a queue without an
 * agent answering — one entry per call, however many phones rang. The
 * gateway reads it with Get_MissedCalls after a cursor and writes ONE
 * Salesforce Task per entry for the queue's default responsible user. The
 * list lives in memory: `epoch` changes on every start, which tells a reader
 * holding an older cursor to start again from 0 (its Tasks are keyed by call
 * id, so re-reading never doubles them).
 */
export class MissedCalls {
  readonly epoch = randomUUID();
  private readonly list: NeoMissedCall[] = [];
  private seq = 0;

  constructor(private readonly world: MissedCallSources) {}

  record(call: CallRuntime, cause: string): void {
    // A blacklisted caller was refused on purpose by the IVR: not a missed call.
    if (cause.startsWith('blacklist_') || !call.queueId) return;
    const w = this.world;
    const queue = w.queues.get(call.queueId);
    const responsible = queue?.missedCallUserId ? w.agents.get(queue.missedCallUserId) : undefined;
    const endedAt = call.endedAt ?? w.clock.now();
    this.list.push({
      seq: ++this.seq,
      callId: call.id,
      queueId: call.queueId,
      number: call.number,
      contactId: call.contact?.id ?? null,
      clavesf: call.clavesf,
      crmKey: call.crmKey,
      startedAt: new Date(call.startedAt).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      waitSeconds: Math.max(0, Math.round((endedAt - call.startedAt) / 1000)),
      cause,
      responsible: responsible
        ? { userId: responsible.user.id, user: responsible.user.login, email: responsible.user.email }
        : null,
      offeredTo: [...call.offeredTo],
    });
    if (this.list.length > KEEP) this.list.splice(0, this.list.length - KEEP);
  }

  after(after: number, limit: number): NeoResponse<'Get_MissedCalls'> {
    const from = this.list.findIndex((m) => m.seq > after);
    return {
      epoch: this.epoch,
      missedCalls: from < 0 ? [] : this.list.slice(from, from + limit),
      last: this.seq,
    };
  }
}
