import type { AgentEvent, AgentState } from '@puente/contracts';
import type { EmulatorProcess } from './emulator-process';
import type { GatewayClient, PanelClient } from './gateway-client';
import { until } from './ledger';

/** A call the agent took to the end: what its Task in the org must say. */
export interface FinishedCall {
  callId: string;
  /** The number the dialer rang (the Task's Description names it). */
  number: string;
  /** The category the agent chose (the Task's CallDisposition). */
  disposition: string;
}

/** Where an agent works: a gateway to reach (one process, or a balancer in front of nodes) and the dialer. */
export interface AgentStack {
  readonly gateway: GatewayClient;
  readonly dialer: EmulatorProcess;
  /** The gateway processes' log lines that mention `text` (a request id), for a failing command's message. */
  logLines?(text: string): string[];
}

/**
 * An agent working outbound calls on a failure stack, over REST and a panel
 * socket as the real panel does: takes a call, hangs up, categorises it and
 * goes ready again, and reconnects by seq after a gateway restart. Every
 * event any of its panels applied, replayed or live, is in `received`.
 */
export class FailureAgent {
  token = '';
  refreshToken = '';
  /** The agent's id at the dialer (its ringing lines in a progressive campaign carry it). */
  agentId = '';
  panel!: PanelClient;
  /** Every panel this agent opened, in order (one per connect). */
  readonly panels: PanelClient[] = [];
  readonly finished: FinishedCall[] = [];
  /** How long a handshake may go unanswered before connect() fails (socket.io's default). */
  protected readonly connectTimeoutMs: number = 20_000;

  /**
   * `campaignId`: '1' (predictive, any free agent gets the answered line: one
   * agent per stack) or '2' (progressive: the dialer reserves the agent
   * before dialling, so several agents can work side by side).
   */
  constructor(
    protected readonly stack: AgentStack,
    readonly user = 'agent01',
    private readonly device = '1001',
    readonly campaignId = '1',
  ) {}

  /** Every event its panels applied, in the order each panel applied them. */
  get received(): AgentEvent[] {
    return this.panels.flatMap((p) => p.events);
  }

  /** Logs in, opens a panel and joins its campaign. */
  async start(): Promise<this> {
    await this.login();
    await this.connect();
    await this.ok(`/api/v1/campaigns/${this.campaignId}/join`);
    await this.waitForState((s) => s.activity === 'available');
    return this;
  }

  /**
   * Logs in again after the gateway ended the session, as the agent does on
   * the panel's login screen: a new panel, which starts from a snapshot of
   * the agent's state (a live call included) and no longer from its seq.
   */
  async loginAgain(): Promise<AgentState> {
    await this.login();
    await this.connect(null);
    return this.panel.state;
  }

  private async login(): Promise<void> {
    const session = await this.stack.gateway.login(this.user, 'puente', this.device);
    this.token = session.accessToken;
    this.refreshToken = session.refreshToken;
    this.agentId = session.agent.agentId;
  }

  /**
   * A panel (re)connecting from what it last applied, as the real panel does
   * after a reload or a cut: one resume from its seq, on a socket whose events
   * are recorded from the start (nothing can arrive between the two).
   */
  async connect(before: AgentState | null = this.panel?.state ?? null): Promise<void> {
    this.panel = await this.stack.gateway.panel(
      this.token,
      before?.seq ?? 0,
      '',
      before ?? undefined,
      this.connectTimeoutMs,
    );
    this.panels.push(this.panel);
  }

  /** Any REST call as this agent. */
  request(method: string, path: string, body?: unknown): ReturnType<GatewayClient['request']> {
    return this.stack.gateway.request(method, path, { token: this.token, body });
  }

  async ok(path: string, body?: unknown): Promise<unknown> {
    const res = await this.request('POST', path, body);
    if (res.status >= 300) {
      const requestId = (res.body as { requestId?: string } | undefined)?.requestId;
      const logged = requestId ? (this.stack.logLines?.(requestId) ?? []) : [];
      throw new Error(
        `POST ${path}: ${res.status} ${JSON.stringify(res.body)}${logged.map((l) => `\n  logged: ${l}`).join('')}`,
      );
    }
    return res.body;
  }

  /** Waits on whichever panel is current while it waits (a reconnect replaces it). */
  async waitForState(predicate: (s: AgentState) => boolean, timeoutMs = 5000): Promise<AgentState> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.panel.state)) {
      if (Date.now() > deadline)
        throw new Error(
          `${this.user}: state never matched; last: ${JSON.stringify(this.panel.state)}; ` +
            `its last events: ${this.panel.events
              .slice(-8)
              .map((e) => `${e.seq}:${e.type}`)
              .join(', ')} (${this.panels.length} panels)`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.panel.state;
  }

  /** The dialer rings a line of the agent's campaign and its customer answers; resolves with the call id. */
  async answer(): Promise<string> {
    type Line = { callId: string; state: string; campaignId: string; agentId: string | null };
    const line = await until(`a line of campaign ${this.campaignId} for ${this.user}`, async () => {
      await this.stack.dialer.advance(2);
      const state = await this.stack.dialer.state();
      // A predictive line has no agent until answered; a progressive one is for the reserved agent.
      return (state.calls as Line[]).find(
        (c) =>
          c.campaignId === this.campaignId &&
          c.state === 'ringing' &&
          (c.agentId === null || c.agentId === this.agentId),
      );
    });
    await this.stack.dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    await this.waitForState((s) => s.call?.callId === line.callId && s.call.status === 'talking', 10_000);
    return line.callId;
  }

  /** Hangs up, categorises with the first plain category and goes ready again. */
  async finish(callId: string): Promise<FinishedCall> {
    await this.ok(`/api/v1/calls/${callId}/hangup`);
    return this.wrapUp(callId);
  }

  /** Once the call has ended (hung up by either side): categorises it and goes ready again. */
  async wrapUp(callId: string): Promise<FinishedCall> {
    const s = await this.waitForState(
      (st) => st.call?.callId === callId && st.call.status === 'ended' && st.activity === 'wrap_up',
      10_000,
    );
    const listed = await this.request('GET', `/api/v1/crms/${s.contact?.crmId}/categories`);
    // A refusal names its status and code, not a TypeError on a missing list.
    if (listed.status !== 200)
      throw new Error(`GET categories: ${listed.status} ${JSON.stringify(listed.body)}`);
    const categories = listed.body.items as { id: string; name: string; schedules: boolean }[];
    const category = categories.find((c) => !c.schedules);
    if (!category) throw new Error('the dialer offers no plain category');
    // As the panel does (wrapUpCall): it names the ended call, so a retry on another node asks the
    // dialer the same thing even once the first attempt's release has reached the journal.
    await this.ok(`/api/v1/contacts/${s.contact?.contactId}/categorize`, { callId, categoryId: category.id });
    await this.waitForState((st) => st.contact === null, 10_000);
    await this.ok('/api/v1/agent/ready');
    // Available; or, where other agents move the dialer's clock, already reserved for or on the next call.
    await this.waitForState(
      (st) =>
        (st.activity === 'available' && st.call === null) ||
        (['reserved', 'talking'].includes(st.activity) && st.call?.callId !== callId),
      10_000,
    );
    const call: FinishedCall = { callId, number: s.call?.party ?? '', disposition: category.name };
    this.finished.push(call);
    return call;
  }

  /** One whole call: answered, ended, categorised. */
  async callThrough(): Promise<FinishedCall> {
    return this.finish(await this.answer());
  }
}
