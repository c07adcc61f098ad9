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
import { GatewayStore, type StoredStream } from '../store/gateway-store';
import type { AgentEventInput } from './agent-event-input';

/**
 * Each agent's event stream: numbers events with a per-agent increasing seq,
 * folds them with the shared reducer, keeps them for replay, and publishes
 * them to the panels. Streams outlive sessions, so a panel's seq never goes
 * backwards, even across logins or gateway restarts.
 */
@Injectable()
export class AgentStreams {
  private readonly streams = new Map<string, StoredStream>();
  /** Every event, once, in order per agent. */
  readonly published = new Subject<AgentEvent>();

  constructor(
    private readonly store: GatewayStore,
    private readonly metrics: MetricsService,
  ) {}

  state(agentId: string): AgentState {
    return this.stream(agentId).state;
  }

  /** The dialer event sequence already applied for this agent (where a push stream resumes). */
  dialerSeq(agentId: string): number {
    return this.stream(agentId).dialerSeq;
  }

  /**
   * Appends events; `dialerSeq` records how far into the dialer's own stream
   * they take us, in the same write, so a restart resumes exactly there.
   */
  append(agentId: string, inputs: readonly AgentEventInput[], dialerSeq?: number): AgentEvent[] {
    const stream = this.stream(agentId);
    const now = Date.now();
    const events: AgentEvent[] = [];
    for (const item of inputs) {
      const at = item.at ?? new Date(now).toISOString();
      const event = agentEvent(item.type, { seq: stream.seq + 1, at, agentId }, item.payload as never);
      stream.seq = event.seq;
      stream.state = reduceAgentState(stream.state, event);
      events.push(event);
      if (item.at) this.metrics.eventLag.observe(Math.max(0, now - Date.parse(item.at)) / 1000);
    }
    if (dialerSeq !== undefined) stream.dialerSeq = Math.max(stream.dialerSeq, dialerSeq);
    if (events.length === 0 && dialerSeq === undefined) return events;
    this.store.appendEvents(stream, events);
    for (const event of events) this.published.next(event);
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
        state: initialAgentState(agentId),
      };
      this.streams.set(agentId, stream);
    }
    return stream;
  }
}
