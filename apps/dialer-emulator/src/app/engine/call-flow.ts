import type { NeoDialerMode } from '@puente/neoapi';
import { drawCustomer } from '../sim/customer-model';
import type { StoredCampaign, StoredContact } from '../store/dialer-store';
import { type AgentRuntime, type CallRuntime, toNeoCall } from './runtime';
import type { World } from './world';

export interface DialOutOptions {
  number: string;
  contact: StoredContact | null;
  campaign: StoredCampaign | null;
  mode: NeoDialerMode | null;
  /** Progressive, preview, manual and callbacks: the agent is chosen before dialling (B7). */
  agent: AgentRuntime | null;
  reason: string;
  scheduleId?: string | null;
  direction?: 'outbound' | 'internal';
}

/**
 * The life of a call: dialling, ringing, the customer's answer (or busy, no
 * answer, failure), the hand-over to an agent, talking, the end with a cause,
 * and what the end writes (history, attempt result, callback status, figures).
 */
export class CallFlow {
  constructor(private readonly world: World) {}

  create(init: Partial<CallRuntime> & Pick<CallRuntime, 'direction' | 'number'>): CallRuntime {
    const w = this.world;
    const call: CallRuntime = {
      id: w.newCallId(),
      state: 'dialing',
      campaignId: null,
      queueId: null,
      dialerMode: null,
      callReason: '',
      startedAt: w.clock.now(),
      answeredAt: null,
      endedAt: null,
      agentId: null,
      contact: null,
      clavesf: null,
      crmKey: null,
      plan: drawCustomer(w.rates, w.random.customers),
      timers: [],
      holdStartedAt: null,
      holdMs: 0,
      dtmf: '',
      recordingPaused: false,
      mutedAgentId: null,
      transfer: null,
      participants: [],
      waitingSince: null,
      scheduleId: null,
      parentCallId: null,
      leg: 0,
      endCause: null,
      ownerHold: null,
      offeredTo: [],
      refusal: null,
      ...init,
    };
    w.calls.set(call.id, call);
    return call;
  }

  dialOut(options: DialOutOptions): CallRuntime {
    const w = this.world;
    const call = this.create({
      direction: options.direction ?? 'outbound',
      number: options.number,
      contact: options.contact,
      campaignId: options.campaign?.id ?? null,
      dialerMode: options.mode,
      callReason: options.reason,
      scheduleId: options.scheduleId ?? null,
    });
    const stats = options.campaign ? w.campaignStats.get(options.campaign.id) : undefined;
    if (stats) stats.placed += 1;
    if (options.agent) this.offer(call, options.agent, false);
    const plan = call.plan;
    if (plan.outcome === 'busy' || plan.outcome === 'failed') {
      this.timer(call, plan.ringMs, () => this.end(call, plan.outcome));
    } else {
      this.timer(call, Math.min(1000, plan.ringMs), () => {
        if (call.state === 'dialing') call.state = 'ringing';
      });
      this.timer(call, plan.ringMs, () =>
        plan.outcome === 'answer' ? this.customerAnswered(call) : this.end(call, 'no_answer'),
      );
    }
    return call;
  }

  /** The operator makes a ringing customer pick up now (or a busy line, or no answer). */
  forceOutcome(call: CallRuntime, outcome: 'answer' | 'busy' | 'no_answer'): boolean {
    if (call.answeredAt !== null || call.state === 'ended' || call.direction !== 'outbound') return false;
    for (const t of call.timers) t.cancel();
    call.timers = [];
    if (outcome === 'answer') void this.customerAnswered(call);
    else void this.end(call, outcome);
    return true;
  }

  async customerAnswered(call: CallRuntime): Promise<void> {
    const w = this.world;
    if (call.state === 'ended') return;
    call.answeredAt = w.clock.now();
    const stats = call.campaignId ? w.campaignStats.get(call.campaignId) : undefined;
    stats?.recordAttempt(true);
    if (stats) stats.answered += 1;
    const agent = call.agentId ? w.agents.get(call.agentId) : undefined;
    if (agent) {
      stats?.recordAnsweredFate(false);
      if (stats) stats.connected += 1;
      this.startTalking(call, agent);
      return;
    }
    // Predictive: the customer is on the line and an agent must take over within the
    // campaign's abandon time (TSR: 2 s), or the call counts as abandoned.
    call.state = 'talking';
    call.waitingSince = w.clock.now();
    const campaign = call.campaignId ? w.campaigns.get(call.campaignId) : undefined;
    this.timer(call, (campaign?.abandonSeconds ?? 2) * 1000, () => {
      if (call.agentId || call.state === 'ended') return;
      if (stats) {
        stats.abandoned += 1;
        stats.abandonedAt.push(w.clock.now());
      }
      stats?.recordAnsweredFate(true);
      return this.end(call, 'abandoned');
    });
  }

  /** Hands a call to an agent; `answered` when the customer is already on the line. */
  offer(call: CallRuntime, agent: AgentRuntime, answered: boolean): void {
    const w = this.world;
    call.agentId = agent.user.id;
    agent.callId = call.id;
    if (agent.preview) {
      agent.preview.timer?.cancel();
      agent.preview = null;
    }
    if (call.contact) w.showContact(agent, call);
    w.setState(agent, answered ? 'talking' : 'reserved');
    w.events.emit(agent.user.id, 'CallOffered', {
      call: toNeoCall(call, w.publicUrl),
      contact: agent.contact,
    });
    if (answered) this.startTalking(call, agent);
  }

  /** The agent's phone rings (inbound, transfers): auto-answer after the configured delay. */
  ringAgent(call: CallRuntime, agent: AgentRuntime): void {
    call.state = 'ringing';
    if (!call.offeredTo.includes(agent.user.id)) call.offeredTo.push(agent.user.id);
    this.offer(call, agent, false);
    this.timer(call, this.world.rates.agentAnswerSeconds * 1000, () => {
      if (call.agentId === agent.user.id && call.state === 'ringing') this.startTalking(call, agent);
    });
  }

  startTalking(call: CallRuntime, agent: AgentRuntime): void {
    const w = this.world;
    call.state = 'talking';
    call.answeredAt ??= w.clock.now();
    call.waitingSince = null;
    w.setState(agent, 'talking');
    w.events.emit(agent.user.id, 'CallAnswered', { callId: call.id });
    if (call.direction !== 'internal' && Number.isFinite(call.plan.talkMs))
      this.timer(call, call.plan.talkMs, () => this.end(call, 'customer_hangup'));
  }

  timer(call: CallRuntime, ms: number, fn: () => unknown): void {
    call.timers.push(this.world.after(ms, fn));
  }

  /**
   * Ends a call with its cause: the agent (if any) gets CallEnded and goes to
   * wrap-up with the contact still on screen; the history, the attempt's
   * result and the callback's status are written.
   */
  async end(call: CallRuntime, cause: string): Promise<void> {
    const w = this.world;
    if (call.state === 'ended') return;
    for (const t of call.timers) t.cancel();
    call.timers = [];
    const now = w.clock.now();
    if (call.holdStartedAt !== null) call.holdMs += now - call.holdStartedAt;
    call.holdStartedAt = null;
    call.state = 'ended';
    call.endedAt = now;
    call.endCause = cause;
    w.calls.delete(call.id);
    const talkSeconds = call.answeredAt === null ? 0 : Math.round((now - call.answeredAt) / 1000);
    for (const p of call.participants) {
      const leg = p.agentId ? w.agents.get(p.agentId) : undefined;
      const legCall = leg ? w.callOf(leg) : null;
      if (legCall) await this.end(legCall, 'conference_ended');
    }
    if (call.transfer?.consultCallId) {
      const consult = w.calls.get(call.transfer.consultCallId);
      if (consult) await this.end(consult, 'transfer_ended');
    }
    const agent = call.agentId ? w.agents.get(call.agentId) : undefined;
    if (agent && agent.callId === call.id) this.leaveCall(agent, call, cause, talkSeconds);
    const stats = call.campaignId ? w.campaignStats.get(call.campaignId) : undefined;
    if (stats && call.direction === 'outbound' && call.answeredAt === null) {
      stats.recordAttempt(false);
      if (cause === 'busy') stats.busy += 1;
      else if (cause === 'failed') stats.failed += 1;
      else stats.noAnswer += 1;
    }
    if (call.direction === 'internal') return;
    const queueStats = call.queueId ? w.queueStats.get(call.queueId) : undefined;
    if (queueStats && cause === 'abandoned') {
      queueStats.abandoned += 1;
      queueStats.abandonedAt.push(now);
    }
    // D4: an inbound caller nobody answered is one missed call, however many phones rang.
    if (call.direction === 'inbound' && call.queueId && call.answeredAt === null)
      w.missedCalls.record(call, cause);
    await this.record(call, cause, talkSeconds);
  }

  /**
   * The agent leaves a call that goes on without them (direct transfer,
   * attended transfer completed): their leg is written and they wrap up.
   */
  async detachAgent(call: CallRuntime, cause: string): Promise<void> {
    const w = this.world;
    const agent = call.agentId ? w.agents.get(call.agentId) : undefined;
    const talkSeconds = call.answeredAt === null ? 0 : Math.round((w.clock.now() - call.answeredAt) / 1000);
    if (agent) this.leaveCall(agent, call, cause, talkSeconds);
    await this.record(call, cause, talkSeconds, false);
    call.agentId = null;
    call.leg += 1;
  }

  private leaveCall(agent: AgentRuntime, call: CallRuntime, cause: string, talkSeconds: number): void {
    const w = this.world;
    agent.callId = null;
    w.events.emit(agent.user.id, 'CallEnded', { callId: call.id, cause, talkSeconds });
    if (call.direction === 'internal') {
      // Consultations and conference legs leave nothing to categorise.
      w.becomeReady(agent);
      return;
    }
    if (agent.contact) agent.contact = { ...agent.contact, callId: '0' };
    const stats = call.campaignId ? w.campaignStats.get(call.campaignId) : undefined;
    if (stats && call.answeredAt !== null) {
      stats.handled += 1;
      stats.talkMs += (call.endedAt ?? w.clock.now()) - call.answeredAt - call.holdMs;
      stats.holdMs += call.holdMs;
    }
    const queueStats = call.queueId ? w.queueStats.get(call.queueId) : undefined;
    if (queueStats && call.answeredAt !== null) {
      queueStats.handled += 1;
      queueStats.talkMs += talkSeconds * 1000;
    }
    w.wrapUps.set(agent.user.id, {
      startedAt: w.clock.now(),
      campaignId: call.campaignId,
      queueId: call.queueId,
    });
    w.setState(agent, 'wrap_up');
  }

  private async record(call: CallRuntime, cause: string, talkSeconds: number, final = true): Promise<void> {
    const w = this.world;
    const now = w.now();
    await w.store.callHistoryInsert({
      callId: call.id,
      leg: call.leg,
      contactId: call.contact?.id ?? null,
      campaignId: call.campaignId,
      queueId: call.queueId,
      userId: call.agentId,
      direction: call.direction,
      dialerMode: call.dialerMode,
      callReason: call.callReason,
      number: call.number,
      startedAt: new Date(call.startedAt),
      answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt),
      endedAt: now,
      talkSeconds,
      holdSeconds: Math.round(call.holdMs / 1000),
      cause,
      dtmf: call.dtmf,
      recordingUrl: `${w.publicUrl}/recordings/${call.id}`,
    });
    if (!final) return;
    if (call.contact && call.campaignId && call.direction === 'outbound' && call.dialerMode !== 'manual') {
      const result =
        cause === 'abandoned'
          ? 'abandoned'
          : call.answeredAt !== null
            ? 'answered'
            : cause === 'busy' || cause === 'failed'
              ? cause
              : cause === 'cancelled'
                ? 'cancelled'
                : 'no_answer';
      await w.store.attemptResult(call.contact.id, call.campaignId, result, now);
    }
    if (call.scheduleId)
      await w.store.scheduleFinish(call.scheduleId, call.answeredAt !== null ? 'done' : 'failed');
  }
}
