import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AgentEvent } from '@puente/contracts';
import type { NeoCall, NeoEvent, NeoPosition, StreamFrom } from '@puente/neoapi';
import { BehaviorSubject } from 'rxjs';
import type { NeoApiLink } from '../dialer/neoapi/neoapi-connection';
import { NeoApiDialerAdapter } from '../dialer/neoapi/neoapi-dialer.adapter';
import { MetricsService } from '../metrics/metrics.service';
import { SqliteStorage } from '../store/sqlite-storage';
import { SqliteAgentEventLog } from './sqlite-agent-event-log';
import type { AgentStreams } from './agent-streams.service';
import { LocalAgentStreams } from './local-agent-streams';
import { DialerSubscription } from './dialer-subscription';

const AGENT = '7';

const call = (callId: string): NeoCall => ({
  callId,
  direction: 'outbound',
  state: 'talking',
  number: '+541155551234',
  campaignId: '1',
  queueId: null,
  dialerMode: 'predictive',
  startedAt: new Date().toISOString(),
  answeredAt: new Date().toISOString(),
  transfer: null,
  participants: [],
  recordingUrl: null,
});

const position = (seq: number, over: Partial<NeoPosition> = {}): NeoPosition => ({
  seq,
  agent: {
    agentId: AGENT,
    user: 'agent07',
    displayName: 'Agent 07',
    email: null,
    roles: ['agent'],
    device: '1007',
    state: 'idle',
    breakState: null,
    campaignId: '1',
    queueIds: [],
    stateSince: new Date().toISOString(),
  },
  call: null,
  contact: null,
  monitoring: null,
  monitoredBy: null,
  ...over,
});

const event = (seq: number, type: NeoEvent['type'], data: unknown): NeoEvent =>
  ({ seq, agentId: AGENT, at: new Date().toISOString(), type, data }) as NeoEvent;

/**
 * The NeoApi wire under the test's hand (the real adapter above it): Position
 * answers what `position` holds;
 * each push stream opened replays the next scripted batch, then ends (the
 * connection drops), and records what it was asked for.
 */
class ScriptedDialer implements Omit<NeoApiLink, 'call'> {
  position: NeoPosition = position(0);
  readonly batches: NeoEvent[][] = [];
  readonly asked: { after: number; epoch: string | undefined }[] = [];
  readonly status = new BehaviorSubject<'up' | 'down'>('up');

  async call(method: string): Promise<never> {
    if (method === 'Position') return this.position as never;
    if (method === 'Get_Campaigns') return { campaigns: [] } as never;
    throw new Error(`unexpected ${method}`);
  }

  async follow(_token: string, from: StreamFrom, onEvent: (event: NeoEvent) => void): Promise<void> {
    const { after, epoch, signal } = from;
    this.asked.push({ after, epoch });
    const batch = this.batches.shift();
    if (!batch) {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      throw signal.reason;
    }
    for (const e of batch) {
      if (signal.aborted) throw signal.reason;
      onEvent(e);
    }
  }

  async health(): Promise<void> {
    return undefined;
  }
}

describe('DialerSubscription across a dialer restart (issue 15 §1)', () => {
  let dir: string;
  let store: SqliteStorage;
  let streams: AgentStreams;
  let dialer: ScriptedDialer;
  let subscription: DialerSubscription | undefined;
  const published: AgentEvent[] = [];
  const gone: string[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'subscription-'));
    store = new SqliteStorage(dir);
    streams = new LocalAgentStreams(new SqliteAgentEventLog(store, 100), new MetricsService());
    streams.published.subscribe((e) => published.push(e));
    dialer = new ScriptedDialer();
    published.length = 0;
    gone.length = 0;
  });

  afterEach(() => {
    subscription?.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const subscribe = () =>
    new DialerSubscription(AGENT, 'dialer-token', {
      dialer: new NeoApiDialerAdapter(dialer as unknown as NeoApiLink),
      streams,
      metrics: new MetricsService(),
      logger: new Logger('test'),
      pollIntervalMs: 10,
      onSessionGone: (reason) => gone.push(reason),
    });

  /** What the gateway knew before: a subscription that synced to `p`, then stopped. */
  const seed = async (p: NeoPosition) => {
    dialer.position = p;
    const first = subscribe();
    first.start(true);
    await first.synced;
    first.stop();
    await new Promise((r) => setTimeout(r, 10));
    dialer.asked.length = 0;
  };

  const waitFor = async (what: string, probe: () => boolean) => {
    for (let i = 0; i < 400 && !probe(); i++) await new Promise((r) => setTimeout(r, 5));
    if (!probe()) throw new Error(`timed out waiting for ${what}`);
  };

  it("applies a restarted dialer's Resync although its seq is below ours, and follows the new run", async () => {
    const run1 = { instanceId: 'dialer-A', epoch: 'run-1' };
    const run2 = { instanceId: 'dialer-A', epoch: 'run-2' };
    // Before the restart: the agent talks on call 41, 12 events into run 1.
    await seed(
      position(12, { dialer: run1, call: call('41'), agent: { ...position(0).agent, state: 'talking' } }),
    );
    subscription = subscribe();
    expect(streams.dialerCursor(AGENT)).toEqual({ seq: 12, epoch: 'run-1', instanceId: 'dialer-A' });
    expect(streams.state(AGENT).call?.callId).toBe('41');

    // The dialer restarts: the stream resumes with a Resync of run 2 (seq 0: nothing happened yet), then new calls.
    dialer.batches.push([
      event(0, 'Resync', { position: position(0, { dialer: run2 }) }),
      event(1, 'AgentState', { state: 'available', breakState: null }),
      event(2, 'CallOffered', { call: call('1001'), contact: null }),
    ]);
    // What Position says once that stream has dropped again.
    dialer.position = position(2, {
      dialer: run2,
      call: call('1001'),
      agent: { ...position(0).agent, state: 'talking' },
    });
    const before = published.length;
    subscription.start();
    await waitFor('the call offered after the restart', () => streams.state(AGENT).call?.callId === '1001');

    expect(dialer.asked[0]).toEqual({ after: 12, epoch: 'run-1' });
    const after = published.slice(before, before + 4);
    expect(after.map((e) => e.type)).toEqual([
      'call.ended',
      'agent.state_changed',
      'agent.state_changed',
      'call.offered',
    ]);
    expect(after[0]).toMatchObject({ payload: { callId: '41' } });
    // The panel's seq goes on from where it was, one by one.
    expect(after.map((e) => e.seq)).toEqual([1, 2, 3, 4].map((n) => published[before - 1].seq + n));
    expect(streams.dialerCursor(AGENT)).toEqual({ seq: 2, epoch: 'run-2', instanceId: 'dialer-A' });
    expect(gone).toEqual([]);
  });

  it('a fresh login after a plain restart follows the new run, not the old seq', async () => {
    // What the gateway kept from before (a whole-stack restart): 50 events into run 1.
    await seed(position(50, { dialer: { instanceId: 'dialer-A', epoch: 'run-1' } }));
    dialer.position = position(3, { dialer: { instanceId: 'dialer-A', epoch: 'run-2' } });
    dialer.batches.push([event(4, 'CallOffered', { call: call('2001'), contact: null })]);
    subscription = subscribe();
    subscription.start(true);
    await waitFor('the inbound call', () => streams.state(AGENT).call?.callId === '2001');
    expect(dialer.asked[0]).toEqual({ after: 3, epoch: 'run-2' });
    expect(streams.dialerCursor(AGENT)).toMatchObject({ seq: 4, epoch: 'run-2' });
  });

  it("a fresh login's stream does not replay the LoggedOut that ended the previous session, though the position is not committed yet (cluster)", async () => {
    // The agent's previous session, 5 events in; logging in again made the dialer log it out (seq 6).
    await seed(position(5));
    dialer.position = position(6);
    dialer.batches.push([
      event(6, 'LoggedOut', { reason: 'replaced' }),
      event(7, 'AgentState', { state: 'available', breakState: null }),
    ]);
    // A cluster node commits to the agent's stream asynchronously, in order: held back here.
    const held: (() => void)[] = [];
    const lagging = new Proxy(streams, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== 'function') return value;
        if (prop !== 'append') return value.bind(target);
        return (...args: Parameters<AgentStreams['append']>) => void held.push(() => target.append(...args));
      },
    });
    subscription = new DialerSubscription(AGENT, 'dialer-token', {
      dialer: new NeoApiDialerAdapter(dialer as unknown as NeoApiLink),
      streams: lagging,
      metrics: new MetricsService(),
      logger: new Logger('test'),
      pollIntervalMs: 10,
      onSessionGone: (reason) => gone.push(reason),
    });
    subscription.start(true);
    // The position, then what the stream brought (on main: the LoggedOut, which ended the session).
    await waitFor('the stream read', () => held.length >= 2 || gone.length > 0);
    for (const commit of held) commit();
    expect(dialer.asked[0]).toMatchObject({ after: 5 });
    expect(gone).toEqual([]);
    expect(streams.dialerSeq(AGENT)).toBe(7);
    expect(streams.state(AGENT).activity).toBe('available');
  });

  it('a dialer that names no run: a Resync still resets the seq', async () => {
    await seed(position(30));
    subscription = subscribe();
    dialer.position = position(3, { call: call('5'), agent: { ...position(0).agent, state: 'talking' } });
    dialer.batches.push([
      event(2, 'Resync', { position: position(2) }),
      event(3, 'CallOffered', { call: call('5'), contact: null }),
    ]);
    subscription.start();
    await waitFor('the call after the Resync', () => streams.state(AGENT).call?.callId === '5');
    expect(dialer.asked[0]).toEqual({ after: 30, epoch: undefined });
    expect(streams.dialerCursor(AGENT)).toEqual({ seq: 3, epoch: null, instanceId: null });
  });

  it('keeps the cursor (seq, run, dialer) across a gateway restart', async () => {
    streams.resync(AGENT, [], { seq: 9, epoch: 'run-2', instanceId: 'dialer-A' });
    streams.resync(AGENT, [], { seq: 4, epoch: 'run-3', instanceId: 'dialer-A' });
    store.close();
    store = new SqliteStorage(dir);
    expect(
      new LocalAgentStreams(new SqliteAgentEventLog(store, 100), new MetricsService()).dialerCursor(AGENT),
    ).toEqual({
      seq: 4,
      epoch: 'run-3',
      instanceId: 'dialer-A',
    });
  });
});
