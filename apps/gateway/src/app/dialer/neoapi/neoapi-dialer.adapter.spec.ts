import { initialAgentState } from '@puente/contracts';
import {
  NeoApiError,
  type NeoCall,
  type NeoEvent,
  type NeoMethodName,
  type NeoPosition,
} from '@puente/neoapi';
import { of } from 'rxjs';
import { NEO_CONTACT } from '../../../testing/neo-fixtures';
import { DialerError } from '../dialer-error';
import type { AgentFeed, DialerCursor, DialerUpdate } from '../dialer.types';
import type { NeoApiLink } from './neoapi-connection';
import { NeoApiDialerAdapter } from './neoapi-dialer.adapter';

const AT = '2026-11-23T10:00:00.000Z';
const call: NeoCall = {
  callId: 'c1',
  direction: 'outbound',
  state: 'ringing',
  number: '+541155551234',
  campaignId: '97',
  queueId: null,
  dialerMode: 'predictive',
  startedAt: AT,
  answeredAt: null,
  transfer: null,
  participants: [],
  recordingUrl: null,
};
const position = (seq: number, campaignId: string | null, epoch?: string): NeoPosition => ({
  seq,
  ...(epoch ? { dialer: { instanceId: 'dialer-A', epoch } } : {}),
  agent: {
    agentId: '7',
    user: 'agent07',
    displayName: 'Agent 07',
    email: null,
    device: '1007',
    roles: ['agent'],
    state: 'idle',
    stateSince: AT,
    breakState: null,
    campaignId,
    queueIds: ['q1'],
  },
  call: null,
  contact: null,
  monitoring: null,
  monitoredBy: null,
});
const event = (seq: number, type: NeoEvent['type'], data: unknown): NeoEvent =>
  ({ seq, agentId: '7', at: AT, type, data }) as NeoEvent;

/** The NeoApi wire as the test scripts it: answers by method, one stream, every call recorded. */
class ScriptedLink implements NeoApiLink {
  readonly calls: { method: string; request: unknown; token?: string; key?: string }[] = [];
  readonly answers = new Map<string, () => unknown>();
  stream: NeoEvent[] = [];
  streamError: unknown;
  readonly status = of<'up' | 'down'>('up');

  async call(method: NeoMethodName, request: unknown, token?: string, key?: string): Promise<never> {
    this.calls.push({ method, request, token, key });
    const answer = this.answers.get(method);
    if (!answer) throw new NeoApiError('UNKNOWN_METHOD', `${method} is not scripted`);
    return answer() as never;
  }

  async follow(_token: string, _from: unknown, onEvent: (event: NeoEvent) => void): Promise<void> {
    for (const e of this.stream) onEvent(e);
    if (this.streamError) throw this.streamError;
  }

  async health(): Promise<void> {
    throw new NeoApiError('UNAVAILABLE', 'down');
  }
}

async function updatesOf(
  feed: AgentFeed,
  from: Pick<DialerCursor, 'seq' | 'epoch'>,
): Promise<DialerUpdate[]> {
  const out: DialerUpdate[] = [];
  await feed.follow(from, new AbortController().signal, (u) => out.push(u));
  return out;
}

describe('the NeoApi adapter behind the Dialer port (issue 18 §1)', () => {
  let link: ScriptedLink;
  let dialer: NeoApiDialerAdapter;

  beforeEach(() => {
    link = new ScriptedLink();
    dialer = new NeoApiDialerAdapter(link);
  });

  it('runs each operation as its NeoApi method, with the session token and the idempotency key', async () => {
    link.answers.set('Dial', () => ({ call }));
    link.answers.set('Transfer_End', () => ({}));
    await expect(
      dialer.dial({ session: 'tok', idempotencyKey: 'k-1' }, { number: '+541155551234', contactId: '501' }),
    ).resolves.toEqual({ callId: 'c1' });
    await dialer.cancelTransfer({ session: 'tok' }, 'c1');
    expect(link.calls).toEqual([
      { method: 'Dial', request: { number: '+541155551234', contactId: '501' }, token: 'tok', key: 'k-1' },
      { method: 'Transfer_End', request: { callId: 'c1' }, token: 'tok', key: undefined },
    ]);
  });

  it("answers in Puente's shapes: the login's session, campaigns with their state, queues", async () => {
    link.answers.set('Login', () => ({
      token: 'tok-7',
      agent: position(0, null).agent,
      replacedDevice: null,
    }));
    link.answers.set('Get_Campaigns', () => ({
      campaigns: [
        {
          id: '97',
          name: 'Ventas',
          dialerMode: 'predictive',
          crmId: '3',
          baseId: '12',
          active: false,
          maxAbandonRate: 0.03,
        },
      ],
    }));
    const login = await dialer.login({ device: '1007', user: 'agent07', password: 'x' });
    expect(login).toEqual({
      session: 'tok-7',
      agent: {
        agentId: '7',
        user: 'agent07',
        displayName: 'Agent 07',
        email: null,
        device: '1007',
        roles: ['agent'],
      },
    });
    await expect(dialer.campaigns({ session: 'tok-7' })).resolves.toEqual([
      { id: '97', name: 'Ventas', dialerMode: 'predictive', crmId: '3', baseId: '12', active: false },
    ]);
  });

  it('turns a NeoApi failure into a DialerError with the same code and meaning', async () => {
    link.answers.set('Hangup', () => {
      throw new NeoApiError('TIMEOUT', 'no answer in time');
    });
    const error = await dialer.hangup({ session: 'tok' }, 'c1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialerError);
    expect(error).toMatchObject({ code: 'TIMEOUT', outcomeUnknown: true, isUnavailable: true });
    await expect(dialer.health()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'down' });
  });

  it("translates the agent's stream into Puente's events; a LoggedOut says the session ended", async () => {
    link.stream = [
      event(5, 'CallOffered', { call, contact: NEO_CONTACT }),
      event(6, 'CallAnswered', { callId: 'c1' }),
      event(7, 'LoggedOut', { reason: 'replaced' }),
    ];
    const updates = await updatesOf(dialer.subscribe('tok', '7'), { seq: 4, epoch: null });
    expect(
      updates.map((u) => (u.kind === 'events' ? [u.seq, u.events.map((e) => e.type), u.loggedOut] : u.kind)),
    ).toEqual([
      [5, ['call.offered'], undefined],
      [6, ['call.answered'], undefined],
      [7, ['agent.logged_out'], 'replaced'],
    ]);
    const offered = updates[0].kind === 'events' ? updates[0].events[0] : undefined;
    expect(offered).toMatchObject({
      type: 'call.offered',
      at: AT,
      payload: {
        callId: 'c1',
        party: '+541155551234',
        dialerMode: 'predictive',
        status: 'ringing',
        contact: { contactId: '501', databaseId: '12', campaignId: '97', queueId: null, lastCallId: 'c1' },
      },
    });
  });

  it('a Resync is a snapshot of the new run; a campaign joined on the stream names the next snapshot', async () => {
    link.stream = [
      event(3, 'CampaignJoined', {
        campaign: {
          id: '97',
          name: 'Ventas',
          dialerMode: 'predictive',
          crmId: '3',
          baseId: '12',
          active: true,
          maxAbandonRate: 0.03,
        },
      }),
      event(0, 'Resync', { position: position(0, '97', 'run-2') }),
    ];
    const feed = dialer.subscribe('tok', '7');
    const [, resync] = await updatesOf(feed, { seq: 2, epoch: 'run-1' });
    if (resync.kind !== 'resync') throw new Error('expected a resync');
    expect(resync.snapshot.cursor).toEqual({ seq: 0, epoch: 'run-2', instanceId: 'dialer-A' });
    const joined = resync.snapshot
      .eventsFor(initialAgentState('7'))
      .find((e) => e.type === 'agent.campaign_joined');
    expect(joined?.payload).toEqual({ campaignId: '97', campaignName: 'Ventas', dialerMode: 'predictive' });
    // Position alone names the campaign by id: no Get_Campaigns was needed, the stream had named it.
    expect(link.calls.map((c) => c.method)).toEqual([]);
  });

  it('a snapshot reads Position (and the campaign names it lacks); a stream failure is a DialerError', async () => {
    link.answers.set('Position', () => position(9, '97'));
    link.answers.set('Get_Campaigns', () => ({
      campaigns: [
        {
          id: '97',
          name: 'Ventas',
          dialerMode: 'progressive',
          crmId: '3',
          baseId: '12',
          active: true,
          maxAbandonRate: 0,
        },
      ],
    }));
    const feed = dialer.subscribe('tok', '7');
    const snapshot = await feed.snapshot();
    expect(snapshot.cursor).toEqual({ seq: 9, epoch: null, instanceId: null });
    expect(snapshot.eventsFor(initialAgentState('7')).map((e) => e.type)).toEqual([
      'agent.campaign_joined',
      'agent.state_changed',
    ]);
    expect(link.calls.map((c) => [c.method, c.token])).toEqual([
      ['Position', 'tok'],
      ['Get_Campaigns', 'tok'],
    ]);
    link.streamError = new NeoApiError('NOT_LOGGED_IN', 'no such session');
    await expect(updatesOf(feed, { seq: 9, epoch: null })).rejects.toMatchObject({
      name: 'DialerError',
      code: 'NOT_LOGGED_IN',
    });
  });
});
