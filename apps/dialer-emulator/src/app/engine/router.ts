import type { ClockTimer } from '../sim/clock';
import type { StoredCampaign } from '../store/dialer-store';
import type { CallFlow } from './call-flow';
import { PredictivePacer } from './pacer';
import type { AgentRuntime, CallRuntime } from './runtime';
import { toNeoContact } from './runtime';
import type { World } from './world';

/** How long a personal callback waits for its agent before anyone in the campaign may take it. */
const PERSONAL_CALLBACK_GRACE_MS = 5 * 60_000;

/**
 * Hands work to agents: answered predictive calls and queued inbound calls to
 * the agent free longest (match, after every command and timer); new attempts
 * per dialer mode each second (tick); callbacks when due.
 */
export class Router {
  readonly pacers = new Map<string, PredictivePacer>();
  private ticker: ClockTimer | null = null;
  private callbackTicker: ClockTimer | null = null;
  private matching = false;

  constructor(
    private readonly world: World,
    private readonly flow: CallFlow,
  ) {
    world.onSettle = () => this.match();
  }

  /** The campaign's pacer, made on first use (campaigns load after the router exists). */
  pacer(campaignId: string): PredictivePacer | undefined {
    const stats = this.world.campaignStats.get(campaignId);
    if (!stats) return undefined;
    let pacer = this.pacers.get(campaignId);
    if (!pacer) {
      pacer = new PredictivePacer(stats);
      this.pacers.set(campaignId, pacer);
    }
    return pacer;
  }

  start(): void {
    const tick = () => {
      this.ticker = this.world.clock.after(1000, async () => {
        tick();
        await this.tick();
        this.match();
      });
    };
    const callbacks = () => {
      this.callbackTicker = this.world.clock.after(15_000, async () => {
        callbacks();
        await this.callbacks();
      });
    };
    tick();
    callbacks();
  }

  stop(): void {
    this.ticker?.cancel();
    this.callbackTicker?.cancel();
  }

  /** Longest-available free agent among `candidates`. */
  pickAgent(candidates: Iterable<AgentRuntime>): AgentRuntime | null {
    let best: AgentRuntime | null = null;
    for (const agent of candidates)
      if (this.world.isFree(agent) && (!best || agent.availableSince < best.availableSince)) best = agent;
    return best;
  }

  campaignAgents(campaignId: string): AgentRuntime[] {
    return this.world.loggedIn().filter((a) => a.campaignId === campaignId);
  }

  queueAgents(queueId: string): AgentRuntime[] {
    return this.world.loggedIn().filter((a) => a.user.queueIds.includes(queueId));
  }

  match(): void {
    if (this.matching) return;
    this.matching = true;
    try {
      const w = this.world;
      const waiting = [...w.calls.values()]
        .filter((c) => c.waitingSince !== null && c.agentId === null && c.state !== 'ended')
        .sort((a, b) => (a.waitingSince ?? 0) - (b.waitingSince ?? 0));
      for (const call of waiting) {
        if (call.direction === 'outbound' && call.campaignId) {
          const agent = this.pickAgent(this.campaignAgents(call.campaignId));
          if (!agent) continue;
          const stats = w.campaignStats.get(call.campaignId);
          stats?.recordAnsweredFate(false);
          if (stats) stats.connected += 1;
          this.flow.offer(call, agent, true);
        } else if (call.direction === 'inbound') {
          const pool = call.queueId
            ? this.queueAgents(call.queueId)
            : call.campaignId
              ? this.campaignAgents(call.campaignId)
              : [];
          const agent = this.inboundAgent(call, pool);
          if (!agent) continue;
          const stats = call.queueId ? w.queueStats.get(call.queueId) : undefined;
          const queue = call.queueId ? w.queues.get(call.queueId) : undefined;
          if (stats && call.leg === 0) {
            const waited = w.clock.now() - (call.waitingSince ?? w.clock.now());
            stats.answered += 1;
            stats.waitMs += waited;
            if (waited <= (queue?.serviceLevelSeconds ?? 20) * 1000) stats.answeredWithinSl += 1;
          }
          for (const t of call.timers) t.cancel();
          call.timers = [];
          call.waitingSince = null;
          this.flow.ringAgent(call, agent);
        }
      }
    } finally {
      this.matching = false;
    }
  }

  /**
   * D4 owner routing: a call kept for the contact's owner goes to the owner
   * as soon as they are free, and to nobody else until the hold runs out
   * (the owner logs out or pauses: the hold ends at once); then anyone.
   */
  private inboundAgent(call: CallRuntime, pool: AgentRuntime[]): AgentRuntime | null {
    const hold = call.ownerHold;
    if (hold) {
      const owner = this.world.agents.get(hold.userId);
      if (owner && this.world.isFree(owner)) return owner;
      const stillComing =
        owner?.token != null && owner.state !== 'paused' && owner.state !== 'idle' && !owner.crmUnavailable;
      if (stillComing && this.world.clock.now() < hold.until) return null;
      call.ownerHold = null;
    }
    return this.pickAgent(pool);
  }

  async tick(): Promise<void> {
    for (const campaign of this.world.campaigns.values()) {
      if (!campaign.active) continue;
      const agents = this.campaignAgents(campaign.id);
      if (agents.length === 0) continue;
      if (campaign.dialerMode === 'predictive') await this.pacePredictive(campaign, agents);
      else if (campaign.dialerMode === 'progressive' || campaign.dialerMode === 'preview')
        await this.assignPerAgent(campaign, agents);
    }
  }

  private async pacePredictive(campaign: StoredCampaign, agents: AgentRuntime[]): Promise<void> {
    const w = this.world;
    const calls = [...w.calls.values()].filter(
      (c) => c.campaignId === campaign.id && c.direction === 'outbound',
    );
    const stats = w.campaignStats.get(campaign.id);
    const avgTalkMs =
      stats && stats.handled > 0 ? stats.talkMs / stats.handled : w.rates.talkSecondsMean * 1000;
    const freeingSoon = agents.filter((a) => {
      const call = w.callOf(a);
      return call?.answeredAt != null && w.clock.now() - call.answeredAt > avgTalkMs * 0.8;
    }).length;
    const lines = this.pacer(campaign.id)?.linesToDial(
      {
        freeAgents: agents.filter((a) => w.isFree(a)).length,
        campaignAgents: agents.length,
        freeingSoon,
        inFlight: calls.filter((c) => c.answeredAt === null && c.agentId === null).length,
        waiting: calls.filter((c) => c.waitingSince !== null && c.agentId === null).length,
        maxDialRatio: campaign.maxDialRatio,
        target: campaign.maxAbandonRate,
      },
      w.clock.now(),
    );
    if (!lines) return;
    const contacts = await w.store.nextToDial(campaign.id, w.now(), lines);
    for (const contact of contacts)
      this.flow.dialOut({
        number: contact.phone,
        contact,
        campaign,
        mode: 'predictive',
        agent: null,
        reason: reasonOf(contact),
      });
  }

  private async assignPerAgent(campaign: StoredCampaign, agents: AgentRuntime[]): Promise<void> {
    const w = this.world;
    for (const agent of agents) {
      if (!w.isFree(agent)) continue;
      const [contact] = await w.store.nextToDial(campaign.id, w.now(), 1);
      if (!contact) return;
      if (campaign.dialerMode === 'progressive') {
        this.flow.dialOut({
          number: contact.phone,
          contact,
          campaign,
          mode: 'progressive',
          agent,
          reason: reasonOf(contact),
        });
        continue;
      }
      // Preview: the contact goes on screen first; the agent dials (or it dials itself after preview_seconds).
      const timer = w.after(campaign.previewSeconds * 1000, () => this.dialPreview(agent));
      agent.preview = { contact, campaignId: campaign.id, timer };
      agent.contact = {
        ...toNeoContact(contact, { call: null, agentCampaign: w.agentCampaignRef(agent) }),
        callCampaing: campaign.id,
        callDialer: 'preview',
        callReason: reasonOf(contact),
      };
      w.setState(agent, 'reserved');
      w.events.emit(agent.user.id, 'ContactUpdated', { contact: agent.contact });
    }
  }

  /** Dials the previewed contact for the agent (its timer ran out, or the agent pressed Dial). */
  dialPreview(agent: AgentRuntime, number?: string): void {
    const preview = agent.preview;
    if (!preview || agent.callId) return;
    const campaign = this.world.campaigns.get(preview.campaignId) ?? null;
    preview.timer?.cancel();
    agent.preview = null;
    this.flow.dialOut({
      number: number ?? preview.contact.phone,
      contact: preview.contact,
      campaign,
      mode: 'preview',
      agent,
      reason: agent.contact?.callReason || 'No Procesado',
    });
  }

  async callbacks(): Promise<void> {
    const w = this.world;
    const due = await w.store.schedulesDue(w.now(), 50);
    for (const schedule of due) {
      const campaign = w.campaigns.get(schedule.campaignId);
      if (!campaign) continue;
      const owner = schedule.userId ? w.agents.get(schedule.userId) : undefined;
      const overdue = w.clock.now() - Date.parse(schedule.at) > PERSONAL_CALLBACK_GRACE_MS;
      const agent =
        owner && w.isFree(owner)
          ? owner
          : !owner || overdue || owner.token === null
            ? this.pickAgent(this.campaignAgents(campaign.id))
            : null;
      if (!agent || !(await w.store.scheduleTake(schedule.id))) continue;
      const contact = await w.store.contactGet(schedule.contactId);
      this.flow.dialOut({
        number: schedule.number || contact?.phone || '',
        contact,
        campaign,
        mode: campaign.dialerMode,
        agent,
        reason: 'Agenda',
        scheduleId: schedule.id,
      });
    }
  }
}

/** Neotel's callReason ("Motivo Traída"): a first attempt or a retry. */
function reasonOf(contact: { attempts?: number }): string {
  return (contact.attempts ?? 0) > 0 ? 'Reintento' : 'No Procesado';
}
