import type { AgentEvent } from '@puente/contracts';
import type { FailureStack } from './failure-stack';
import type { PanelClient } from './gateway-client';
import { until } from './ledger';

/** A call the agent took to the end: what its Task in the org must say. */
export interface FinishedCall {
  callId: string;
  /** The number the dialer rang (the Task's Description names it). */
  number: string;
  /** The category the agent chose (the Task's CallDisposition). */
  disposition: string;
}

/**
 * An agent working predictive calls on a FailureStack, over REST and a
 * panel socket as the real panel does: takes a call, hangs up, categorises
 * it and goes ready again, and reconnects by seq after a gateway restart.
 * Every event any of its panels received is kept in `received`.
 */
export class FailureAgent {
  token = '';
  panel!: PanelClient;
  readonly received: AgentEvent[] = [];
  readonly finished: FinishedCall[] = [];

  constructor(
    private readonly stack: FailureStack,
    readonly user = 'agent01',
    private readonly device = '1001',
  ) {}

  /** Logs in, opens a panel and joins predictive campaign 1. */
  async start(): Promise<this> {
    this.token = (await this.stack.gateway.login(this.user, 'puente', this.device)).accessToken;
    await this.connect();
    await this.ok('/api/v1/campaigns/1/join');
    await this.panel.waitForState((s) => s.activity === 'available');
    return this;
  }

  /** A panel (re)connecting from what it last applied, as the real panel does after a reload or a cut. */
  async connect(): Promise<void> {
    const before = this.panel?.state;
    this.panel = await this.stack.gateway.panel(this.token, 0);
    this.panel.socket.on('event', (e: AgentEvent) => this.received.push(e));
    if (before) this.panel.state = before;
    const result = await this.panel.resume(before?.seq ?? 0);
    if (result.mode === 'replay') this.received.push(...result.events);
  }

  async ok(path: string, body?: unknown): Promise<unknown> {
    const res = await this.stack.gateway.request('POST', path, { token: this.token, body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The dialer rings a predictive line of campaign 1 and its customer answers; resolves with the call id. */
  async answer(): Promise<string> {
    const line = await until('a predictive line', async () => {
      await this.stack.dialer.advance(2);
      const state = await this.stack.dialer.state();
      return (state.calls as { callId: string; state: string; campaignId: string }[]).find(
        (c) => c.campaignId === '1' && c.state === 'ringing',
      );
    });
    await this.stack.dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    await this.panel.waitForState(
      (s) => s.call?.callId === line.callId && s.call.status === 'talking',
      10_000,
    );
    return line.callId;
  }

  /** Hangs up, categorises with the first plain category and goes ready again. */
  async finish(callId: string): Promise<FinishedCall> {
    await this.ok(`/api/v1/calls/${callId}/hangup`);
    const s = await this.panel.waitForState((st) => st.call?.status === 'ended' && st.activity === 'wrap_up');
    const categories = (
      await this.stack.gateway.request('GET', `/api/v1/crms/${s.contact?.crmId}/categories`, {
        token: this.token,
      })
    ).body.items as { id: string; name: string; schedules: boolean }[];
    const category = categories.find((c) => !c.schedules);
    if (!category) throw new Error('the dialer offers no plain category');
    await this.ok(`/api/v1/contacts/${s.contact?.contactId}/categorize`, { categoryId: category.id });
    await this.panel.waitForState((st) => st.contact === null);
    await this.ok('/api/v1/agent/ready');
    await this.panel.waitForState((st) => st.activity === 'available' && st.call === null);
    const call: FinishedCall = { callId, number: s.call?.party ?? '', disposition: category.name };
    this.finished.push(call);
    return call;
  }

  /** One whole call: answered, ended, categorised. */
  async callThrough(): Promise<FinishedCall> {
    return this.finish(await this.answer());
  }
}
