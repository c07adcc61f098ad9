import { Injectable, computed, inject, signal } from '@angular/core';
import {
  type AgentEvent,
  type AgentState,
  initialAgentState,
  reduceAgentState,
  type ResumeResult,
} from '@puente/contracts';
import { Clock } from '../core/clock.service';
import { secondsBetween, secondsSince } from '../core/duration.util';

const LOG_SIZE = 50;

/**
 * The agent's state in the panel: exactly the shared reducer of
 * libs/contracts folded over the gateway's events, plus the signals the
 * views read (activity, call, timers). Nothing else writes to it.
 */
@Injectable({ providedIn: 'root' })
export class AgentStore {
  private readonly clock = inject(Clock);
  private readonly current = signal<AgentState>(initialAgentState(''));
  /** The last actions, named by source ("[Gateway] call.offered #12"), for diagnosis. */
  private readonly log = signal<readonly string[]>([]);

  readonly state = this.current.asReadonly();
  readonly actions = this.log.asReadonly();
  readonly seq = computed(() => this.current().seq);
  readonly session = computed(() => this.current().session);
  readonly activity = computed(() => this.current().activity);
  readonly breakState = computed(() => this.current().breakState);
  readonly campaign = computed(() => this.current().campaign);
  readonly call = computed(() => this.current().call);
  readonly contact = computed(() => this.current().contact);
  readonly crm = computed(() => this.current().crm);
  readonly dialerStatus = computed(() => this.current().dialerStatus);
  readonly lastError = computed(() => this.current().lastError);
  readonly autoReleaseAt = computed(() => this.current().autoReleaseAt);

  /** The call while it is still going (ringing, talking, held, in transfer or conference). */
  readonly liveCall = computed(() => {
    const call = this.call();
    return call && call.status !== 'ended' ? call : null;
  });
  /** A contact is held with no call going: categorise, schedule or release it (C5, B8). */
  readonly wrapUp = computed(() => !!this.contact() && !this.liveCall());

  readonly timeInState = computed(() => secondsSince(this.current().activitySince, this.clock.now()));
  /** Talk time once answered, ring time before; frozen when the call ends. */
  readonly callSeconds = computed(() => {
    const call = this.call();
    if (!call) return 0;
    const from = call.answeredAt ?? call.startedAt;
    return call.endedAt ? secondsBetween(from, call.endedAt) : secondsSince(from, this.clock.now());
  });
  readonly holdSeconds = computed(() => {
    const call = this.call();
    if (!call) return 0;
    return Math.floor(
      call.holdSeconds + (call.heldSince ? secondsSince(call.heldSince, this.clock.now()) : 0),
    );
  });
  /** Seconds before the automatic release (C6), or null when none is armed. */
  readonly autoReleaseIn = computed(() => {
    const at = this.autoReleaseAt();
    if (!at) return null;
    return Math.max(0, Math.ceil((Date.parse(at) - this.clock.now()) / 1000));
  });

  /** A fresh state for a newly logged-in agent (or none). */
  reset(agentId: string, source = '[Session] Reset'): void {
    this.current.set(initialAgentState(agentId));
    this.record(source);
  }

  /** `[Gateway] Event`: one event through the shared reducer. */
  apply(event: AgentEvent): void {
    const before = this.current();
    const after = reduceAgentState(before, event);
    if (after === before) return;
    this.current.set(after);
    this.record(`[Gateway] ${event.type} #${event.seq}`);
  }

  /** `[Gateway] Resume`: the missed events, or the whole state when they are gone. */
  applyResume(result: ResumeResult): void {
    if (result.mode === 'snapshot') {
      this.current.set(result.state);
      this.record(`[Gateway] Resume snapshot #${result.state.seq}`);
      return;
    }
    for (const event of result.events) this.apply(event);
    this.record(`[Gateway] Resume replay (${result.events.length})`);
  }

  private record(action: string): void {
    this.log.update((log) => [...log.slice(-(LOG_SIZE - 1)), action]);
  }
}
