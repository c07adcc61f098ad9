import { NeoApiError, type NeoAgentState, type NeoPosition } from '@puente/neoapi';
import type { ClockTimer, VirtualClock } from '../sim/clock';
import { DEFAULT_RATES, type Rates } from '../sim/customer-model';
import { Random } from '../sim/random';
import type { DialerStore, Directory, StoredCampaign, StoredQueue, StoredUser } from '../store/dialer-store';
import { EventLog } from './event-log';
import { MissedCalls } from './missed-calls';
import {
  type AgentRuntime,
  type BreakRef,
  type CallRuntime,
  monitoringView,
  toNeoAgent,
  toNeoCall,
  toNeoContact,
} from './runtime';
import { CampaignStats, QueueStats } from './stats';

export interface WorldOptions {
  clock: VirtualClock;
  store: DialerStore;
  seed: number;
  rates?: Partial<Rates>;
  /** Base of recording links (the emulator's own URL). */
  publicUrl: string;
}

/**
 * Everything the dialer knows at one instant: the directory (users, campaigns,
 * queues, break states), every agent's and call's state machine, the event
 * streams and the running figures. The engine's modules act on it; nothing
 * else holds state. All mutation happens under DialerEngine.exclusive, so a
 * command and a timer never interleave halfway.
 */
export class World {
  readonly clock: VirtualClock;
  readonly store: DialerStore;
  readonly events: EventLog;
  /** D4: inbound calls nobody answered, for Get_MissedCalls. */
  readonly missedCalls: MissedCalls;
  readonly publicUrl: string;
  rates: Rates;
  readonly random: { customers: Random; inbound: Random; bots: Random };
  readonly agents = new Map<string, AgentRuntime>();
  readonly sessions = new Map<string, string>();
  readonly calls = new Map<string, CallRuntime>();
  readonly campaigns = new Map<string, StoredCampaign>();
  readonly queues = new Map<string, StoredQueue>();
  readonly campaignStats = new Map<string, CampaignStats>();
  readonly queueStats = new Map<string, QueueStats>();
  readonly wrapUps = new Map<
    string,
    { startedAt: number; campaignId: string | null; queueId: string | null }
  >();
  directory!: Directory;
  private nextCallId = 1;
  /** Set by the router: hands queued work to agents who just became free. */
  onSettle: () => void = () => undefined;

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.publicUrl = options.publicUrl;
    this.events = new EventLog(options.clock);
    this.missedCalls = new MissedCalls(this);
    this.rates = { ...DEFAULT_RATES, ...options.rates };
    const root = new Random(options.seed);
    this.random = {
      customers: root.fork('customers'),
      inbound: root.fork('inbound'),
      bots: root.fork('bots'),
    };
  }

  async load(): Promise<void> {
    await this.store.recover();
    this.directory = await this.store.loadDirectory();
    for (const user of this.directory.users) this.addUser(user);
    for (const c of this.directory.campaigns) {
      this.campaigns.set(c.id, c);
      this.campaignStats.set(c.id, new CampaignStats());
    }
    for (const q of this.directory.queues) {
      this.queues.set(q.id, q);
      this.queueStats.set(q.id, new QueueStats());
    }
    this.nextCallId = (await this.store.lastCallId()) + 1;
  }

  addUser(user: StoredUser): void {
    this.agents.set(user.id, {
      user,
      token: null,
      device: '',
      state: 'logged_out',
      stateSince: this.clock.now(),
      breakState: null,
      pendingBreak: null,
      pendingBreakIsReturn: false,
      campaignId: null,
      crmUnavailable: false,
      callId: null,
      contact: null,
      preview: null,
      monitoring: null,
      monitoredBy: null,
      availableSince: this.clock.now(),
    });
  }

  newCallId(): string {
    return String(this.nextCallId++);
  }

  /** A timer whose work is followed by handing out queued calls to freed agents. */
  after(ms: number, fn: () => unknown): ClockTimer {
    return this.clock.after(ms, async () => {
      await fn();
      this.onSettle();
    });
  }

  now(): Date {
    return new Date(this.clock.now());
  }

  agent(agentId: string): AgentRuntime {
    const agent = this.agents.get(agentId);
    if (!agent) throw new NeoApiError('NOT_FOUND', `no user ${agentId}`);
    return agent;
  }

  userByLogin(login: string): AgentRuntime | undefined {
    const wanted = login.trim().toLowerCase();
    for (const agent of this.agents.values()) if (agent.user.login.toLowerCase() === wanted) return agent;
    return undefined;
  }

  campaign(campaignId: string): StoredCampaign {
    const campaign = this.campaigns.get(campaignId);
    if (!campaign) throw new NeoApiError('NOT_FOUND', `no campaign ${campaignId}`);
    return campaign;
  }

  queue(queueId: string): StoredQueue {
    const queue = this.queues.get(queueId);
    if (!queue) throw new NeoApiError('NOT_FOUND', `no queue ${queueId}`);
    return queue;
  }

  breakState(breakStateId: string): BreakRef {
    const found = this.directory.breakStates.find((b) => b.id === breakStateId);
    if (!found) throw new NeoApiError('NOT_FOUND', `no break state ${breakStateId}`);
    return { id: found.id, name: found.name };
  }

  callOf(agent: AgentRuntime): CallRuntime | null {
    return agent.callId ? (this.calls.get(agent.callId) ?? null) : null;
  }

  /** The agent's own call, by id, or a refusal the agent can act on. */
  ownCall(agent: AgentRuntime, callId: string): CallRuntime {
    const call = this.calls.get(callId);
    if (!call || agent.callId !== callId)
      throw new NeoApiError('NOT_FOUND', `call ${callId} is not on ${agent.user.login}'s phone`);
    return call;
  }

  setState(agent: AgentRuntime, state: NeoAgentState, breakState: BreakRef | null = null): void {
    if (agent.state === state && agent.breakState?.id === breakState?.id) return;
    agent.state = state;
    agent.breakState = state === 'paused' ? breakState : null;
    agent.stateSince = this.clock.now();
    if (state === 'available') agent.availableSince = this.clock.now();
    this.events.emit(agent.user.id, 'AgentState', { state, breakState: agent.breakState });
  }

  /**
   * Where an agent goes when nothing holds them any longer (wrap-up done,
   * break over): a break asked for meanwhile, idle while busy in the CRM or
   * without a campaign or queue, else available.
   */
  becomeReady(agent: AgentRuntime): void {
    if (agent.pendingBreak) {
      const next = agent.pendingBreak;
      agent.pendingBreak = null;
      this.setState(agent, 'paused', next);
    } else if (agent.crmUnavailable || (!agent.campaignId && agent.user.queueIds.length === 0)) {
      this.setState(agent, 'idle');
    } else {
      this.setState(agent, 'available');
    }
  }

  /** Free for a new call: available, nothing on the phone or the screen. */
  isFree(agent: AgentRuntime): boolean {
    return (
      agent.token !== null &&
      agent.state === 'available' &&
      !agent.crmUnavailable &&
      agent.callId === null &&
      agent.contact === null &&
      agent.preview === null
    );
  }

  agentCampaignRef(agent: AgentRuntime) {
    const c = agent.campaignId ? this.campaigns.get(agent.campaignId) : undefined;
    return c ? { id: c.id, crmId: c.crmId, databaseId: c.databaseId } : null;
  }

  /** Puts a call's contact on the agent's screen (the screen pop's data). */
  showContact(agent: AgentRuntime, call: CallRuntime | null): void {
    const contact = call?.contact;
    agent.contact = contact
      ? toNeoContact(contact, { call, agentCampaign: this.agentCampaignRef(agent) })
      : null;
  }

  position(agent: AgentRuntime): NeoPosition {
    const call = this.callOf(agent);
    return {
      seq: this.events.lastSeq(agent.user.id),
      agent: toNeoAgent(agent),
      call: call ? toNeoCall(call, this.publicUrl) : null,
      contact: agent.contact,
      monitoring: monitoringView(agent),
      monitoredBy: agent.monitoredBy,
    };
  }

  loggedIn(): AgentRuntime[] {
    return [...this.agents.values()].filter((a) => a.token !== null);
  }
}
