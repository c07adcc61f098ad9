import type { AgentActivity, AgentEvent } from '@puente/contracts';

/** Counters of one campaign or queue in the current period. */
export interface ScopeCounters {
  offered: number;
  answered: number;
  answeredWithin: number;
  /** Presented to an agent, and the caller hung up (or was dropped) before it was answered. */
  abandoned: number;
  handled: number;
  handleSecondsTotal: number;
}

interface TrackedCall {
  callId: string;
  scopes: string[];
  presented: boolean;
  offeredAt: number;
  answeredAt: number | null;
  endedAt: number | null;
}

/** Causes that mean the customer left before an answer (the dialer's CallEnded causes). */
const ABANDON_CAUSES = new Set(['customer_hangup', 'abandoned']);

export const campaignKey = (id: string) => `campaign:${id}`;
export const queueKey = (id: string) => `queue:${id}`;

function empty(): ScopeCounters {
  return { offered: 0, answered: 0, answeredWithin: 0, abandoned: 0, handled: 0, handleSecondsTotal: 0 };
}

/**
 * E3 figures counted from the agents' events, once per event whatever the
 * number of supervisors. Per agent it follows the current call: presented
 * (ringing at the agent), answered (speed of answer against the scope's
 * service-level threshold), ended unanswered by the caller (abandoned), and
 * its handle time = answer → end of wrap-up (talk + hold + after-call work).
 */
export class FiguresCounters {
  private readonly counters = new Map<string, ScopeCounters>();
  private readonly calls = new Map<string, TrackedCall>();

  constructor(private readonly thresholdSeconds: (scopeKey: string) => number) {}

  /** `activity`: the agent's activity after the event, as the shared reducer left it. */
  apply(event: AgentEvent, activity: AgentActivity): void {
    const at = Date.parse(event.at);
    const tracked = this.calls.get(event.agentId);
    switch (event.type) {
      case 'call.offered': {
        if (tracked) this.closeHandle(event.agentId, tracked, at);
        const p = event.payload;
        const scopes = [
          ...(p.campaignId ? [campaignKey(p.campaignId)] : []),
          ...(p.queueId ? [queueKey(p.queueId)] : []),
        ];
        const presented = p.status === 'ringing';
        this.calls.set(event.agentId, {
          callId: p.callId,
          scopes,
          presented,
          offeredAt: at,
          answeredAt: null,
          endedAt: null,
        });
        if (presented) this.add(scopes, (c) => (c.offered += 1));
        return;
      }
      case 'call.answered': {
        if (!tracked || tracked.callId !== event.payload.callId || tracked.answeredAt !== null) return;
        tracked.answeredAt = at;
        if (!tracked.presented) return;
        const waited = (at - tracked.offeredAt) / 1000;
        for (const key of tracked.scopes) {
          const c = this.scope(key);
          c.answered += 1;
          if (waited <= this.thresholdSeconds(key)) c.answeredWithin += 1;
        }
        return;
      }
      case 'call.ended': {
        if (!tracked || tracked.callId !== event.payload.callId || tracked.endedAt !== null) return;
        tracked.endedAt = at;
        if (tracked.answeredAt === null) {
          if (tracked.presented && ABANDON_CAUSES.has(event.payload.cause))
            this.add(tracked.scopes, (c) => (c.abandoned += 1));
          this.calls.delete(event.agentId);
        }
        return;
      }
      default:
        if (!tracked) return;
        // Wrap-up is over once the agent is anything but in wrap-up after an ended call.
        if (tracked.endedAt !== null && activity !== 'wrap_up') this.closeHandle(event.agentId, tracked, at);
        // A call never ended when the agent left: nothing trustworthy to count.
        else if (activity === 'logged_out') this.calls.delete(event.agentId);
    }
  }

  counts(scopeKey: string): ScopeCounters {
    return this.counters.get(scopeKey) ?? empty();
  }

  scopeKeys(): string[] {
    return [...this.counters.keys()];
  }

  /** A new period (midnight): counters restart; calls under way keep being followed. */
  reset(): void {
    this.counters.clear();
  }

  private closeHandle(agentId: string, call: TrackedCall, at: number): void {
    this.calls.delete(agentId);
    if (call.answeredAt === null) return;
    const seconds = Math.max(0, (at - call.answeredAt) / 1000);
    this.add(call.scopes, (c) => {
      c.handled += 1;
      c.handleSecondsTotal += seconds;
    });
  }

  private add(scopes: string[], change: (c: ScopeCounters) => void): void {
    for (const key of scopes) change(this.scope(key));
  }

  private scope(key: string): ScopeCounters {
    let c = this.counters.get(key);
    if (!c) {
      c = empty();
      this.counters.set(key, c);
    }
    return c;
  }
}
