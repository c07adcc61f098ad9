import { Injectable } from '@nestjs/common';
import {
  type AgentEvent,
  agentEvent,
  type AgentState,
  initialAgentState,
  reduceAgentState,
  type ResumeResult,
} from '@puente/contracts';
import { Subject } from 'rxjs';
import { MetricsService } from '../metrics/metrics.service';
import type { AgentEventInput } from './agent-event-input';
import { AgentEventLog, type StoredStream } from './agent-event-log';

/**
 * Where an agent's link to the dialer stands: the last dialer seq applied,
 * in which run of the dialer (`epoch`) that seq counts, and which dialer it
 * is (`instanceId`). Null: the dialer did not say.
 */
export interface DialerCursor {
  seq: number;
  epoch: string | null;
  instanceId: string | null;
}

/**
 * Each agent's event stream: numbers events with a per-agent increasing seq,
 * folds them with the shared reducer, keeps them for replay, and publishes
 * them to the panels. Streams outlive sessions, so a panel's seq never goes
 * backwards, even across logins or gateway restarts.
 */
@Injectable()
export class AgentStreams {
  private readonly streams = new Map<string, StoredStream>();
  /**
   * Every event, once, in order per agent. While a subscriber handles one,
   * `state()` answers the state right after that event, not after the whole
   * batch: a Resync that ends a call and releases its contact in one batch
   * must still let the journal see the call that ended (issue 15 §1).
   */
  readonly published = new Subject<AgentEvent>();
  private publishing: { agentId: string; state: AgentState } | undefined;

  constructor(
    private readonly store: AgentEventLog,
    private readonly metrics: MetricsService,
  ) {}

  state(agentId: string): AgentState {
    if (this.publishing?.agentId === agentId) return this.publishing.state;
    return this.stream(agentId).state;
  }

  /** The dialer event sequence already applied for this agent (where a push stream resumes). */
  dialerSeq(agentId: string): number {
    return this.stream(agentId).dialerSeq;
  }

  /** The dialer seq applied, with the run it counts in and the dialer it comes from. */
  dialerCursor(agentId: string): DialerCursor {
    const stream = this.stream(agentId);
    return { seq: stream.dialerSeq, epoch: stream.dialerEpoch, instanceId: stream.dialerInstanceId };
  }

  /**
   * Appends the events that bring the agent in line with a fresh Position of
   * the dialer (a Resync, or a Position of another run of it) and moves the
   * cursor to exactly `cursor`, even backwards: a restarted dialer numbers
   * its events from 1 again (issue 15 §1). The panel's own seq goes on
   * increasing, so panels resume by seq across the dialer's restart.
   */
  resync(agentId: string, inputs: readonly AgentEventInput[], cursor: DialerCursor): AgentEvent[] {
    const stream = this.stream(agentId);
    stream.dialerSeq = cursor.seq;
    stream.dialerEpoch = cursor.epoch;
    // Events of the run before still belong to its dialer: only then move on to the new one.
    const events = this.append(agentId, inputs, cursor.seq);
    if (stream.dialerInstanceId !== (cursor.instanceId ?? stream.dialerInstanceId)) {
      stream.dialerInstanceId = cursor.instanceId;
      this.store.append(stream, []);
    }
    return events;
  }

  /**
   * Appends events; `dialerSeq` records how far into the dialer's own stream
   * they take us, in the same write, so a restart resumes exactly there.
   */
  append(agentId: string, inputs: readonly AgentEventInput[], dialerSeq?: number): AgentEvent[] {
    const stream = this.stream(agentId);
    const now = Date.now();
    const events: AgentEvent[] = [];
    const states: AgentState[] = [];
    for (const item of inputs) {
      const at = item.at ?? new Date(now).toISOString();
      const event = agentEvent(item.type, { seq: stream.seq + 1, at, agentId }, item.payload as never);
      stream.seq = event.seq;
      stream.state = reduceAgentState(stream.state, event);
      events.push(event);
      states.push(stream.state);
      if (item.at) this.metrics.eventLag.observe(Math.max(0, now - Date.parse(item.at)) / 1000);
    }
    if (dialerSeq !== undefined) stream.dialerSeq = Math.max(stream.dialerSeq, dialerSeq);
    if (events.length === 0 && dialerSeq === undefined) return events;
    this.store.append(stream, events);
    const outer = this.publishing;
    try {
      events.forEach((event, i) => {
        this.publishing = { agentId, state: states[i] };
        this.published.next(event);
      });
    } finally {
      this.publishing = outer;
    }
    return events;
  }

  /**
   * What a panel that last applied `lastSeq` needs: the missed events when
   * they are all still kept, otherwise the whole current state.
   */
  resume(agentId: string, lastSeq: number): ResumeResult {
    const stream = this.stream(agentId);
    if (lastSeq === stream.seq) return { mode: 'replay', events: [] };
    if (lastSeq > 0 && lastSeq < stream.seq) {
      const events = this.store.eventsAfter(agentId, lastSeq);
      const complete = events.length === stream.seq - lastSeq && events[0]?.seq === lastSeq + 1;
      if (complete) return { mode: 'replay', events };
    }
    return { mode: 'snapshot', state: stream.state };
  }

  private stream(agentId: string): StoredStream {
    let stream = this.streams.get(agentId);
    if (!stream) {
      stream = this.store.stream(agentId) ?? {
        agentId,
        seq: 0,
        dialerSeq: 0,
        dialerEpoch: null,
        dialerInstanceId: null,
        state: initialAgentState(agentId),
      };
      this.streams.set(agentId, stream);
    }
    return stream;
  }
}
