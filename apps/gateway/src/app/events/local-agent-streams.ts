import { Injectable } from '@nestjs/common';
import {
  type AgentEvent,
  agentEvent,
  type AgentState,
  initialAgentState,
  reduceAgentState,
  type ResumeResult,
} from '@puente/contracts';
import { MetricsService } from '../metrics/metrics.service';
import type { AgentEventInput } from './agent-event-input';
import { AgentEventLog, type StoredStream } from './agent-event-log';
import { AgentStreams, type AppendSource, type DialerCursor, resumeFrom } from './agent-streams.service';

/** One node's agent streams: in memory, written through to the node's event log (SQLite). */
@Injectable()
export class LocalAgentStreams extends AgentStreams {
  private readonly streams = new Map<string, StoredStream>();

  constructor(
    private readonly store: AgentEventLog,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  dialerCursor(agentId: string): DialerCursor {
    const stream = this.stream(agentId);
    return { seq: stream.dialerSeq, epoch: stream.dialerEpoch, instanceId: stream.dialerInstanceId };
  }

  resync(agentId: string, inputs: readonly AgentEventInput[], cursor: DialerCursor): void {
    const stream = this.stream(agentId);
    stream.dialerSeq = cursor.seq;
    stream.dialerEpoch = cursor.epoch;
    // Events of the run before still belong to its dialer: only then move on to the new one.
    this.append(agentId, inputs, cursor.seq);
    if (stream.dialerInstanceId !== (cursor.instanceId ?? stream.dialerInstanceId)) {
      stream.dialerInstanceId = cursor.instanceId;
      this.store.append(stream, []);
    }
  }

  append(
    agentId: string,
    inputs: readonly AgentEventInput[],
    dialerSeq?: number,
    source: AppendSource = 'app',
  ): void {
    const stream = this.stream(agentId);
    if (source === 'update' && dialerSeq !== undefined && dialerSeq <= stream.dialerSeq) return;
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
    if (events.length === 0 && dialerSeq === undefined) return;
    this.store.append(stream, events);
    this.publish(agentId, events, states);
  }

  resume(agentId: string, lastSeq: number): Promise<ResumeResult> {
    return resumeFrom(this.stream(agentId), lastSeq, () => this.store.eventsAfter(agentId, lastSeq));
  }

  protected currentState(agentId: string): AgentState {
    return this.stream(agentId).state;
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
