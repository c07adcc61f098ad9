import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { NeoApiClient } from '@puente/neoapi';
import { refusal, startTestDialer, type TestDialer } from '../../testing/test-dialer';
import { openStore, type OpenedStore } from './open-store';

jest.setTimeout(120_000);

const STEADY = { answerProbability: 1, ringSecondsMin: 2, ringSecondsMax: 2, customersHangUp: false };

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * The served emulator's storage: PGlite on disk with the stored procedures,
 * reachable over a real PostgreSQL socket, surviving a restart.
 */
describe('persistence in the contact-center database (PGlite)', () => {
  let dataDir: string;
  let opened: OpenedStore | undefined;
  let dialer: TestDialer | undefined;

  const start = async () => {
    opened = await openStore({ kind: 'pglite', dataDir, port: 0, host: '127.0.0.1', contacts: 200, seed: 1 });
    dialer = await startTestDialer({ store: opened.store, rates: STEADY });
    return { dialer, url: opened.contactDbUrl ?? '' };
  };
  const stop = async () => {
    await dialer?.close();
    await opened?.close();
    dialer = undefined;
    opened = undefined;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dialer-pg-'));
  });
  // Each test ends with a dialer running; stop it before the next one opens the same folder.
  afterEach(stop);
  afterAll(async () => {
    await stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps contacts, schedules, categories and call history across a restart', async () => {
    const first = await start();
    const [{ id: contactId }] = await sql<{ id: string }>(
      first.url,
      'SELECT id::text FROM contacts ORDER BY id LIMIT 1',
    );
    const agent = await first.dialer.login('agent01', '1001');
    const { call } = await agent.call('Dial', { number: '+541155551234', contactId });
    await first.dialer.advance(3);
    await agent.call('Send_DTMF', { callId: call.callId, digits: '42' });
    await agent.call('Hangup', { callId: call.callId });
    const crmId = (await agent.call('Position', {})).contact?.crmId ?? '';
    const { categories } = await agent.call('Get_Categories', { crmId });
    const category = categories.find((c) => !c.schedules);
    await agent.call('UpdateContact', { contactId, categoryId: category?.id ?? '' });
    const at = new Date(first.dialer.engine.world.clock.now() + 86_400_000).toISOString();
    const scheduled = await agent.call('Schedule_Callback', { contactId, at });
    const inbound = await first.dialer.engine.placeInbound({ number: '+541166667777', queueId: '1' });
    await stop();

    const second = await start();
    const history = await sql<{ call_id: string; dtmf: string; cause: string }>(
      second.url,
      `SELECT call_id, dtmf, cause FROM call_history WHERE call_id = '${call.callId}'`,
    );
    expect(history).toEqual([{ call_id: call.callId, dtmf: '42', cause: 'agent_hangup' }]);
    const schedules = await sql<{ id: string; status: string }>(
      second.url,
      `SELECT id::text, status FROM schedules WHERE id = ${Number(scheduled.scheduleId)}`,
    );
    expect(schedules).toEqual([{ id: scheduled.scheduleId, status: 'pending' }]);
    const ivrContact = await sql<{ id: string }>(
      second.url,
      `SELECT id::text FROM contacts WHERE id = ${Number(inbound.contact?.id)}`,
    );
    expect(ivrContact).toHaveLength(1);
    const again = await second.dialer.login('agent01', '1001');
    expect((await again.call('Get_Categories', { crmId })).categories).toEqual(categories);
    // Call ids continue after the history: never one id for two calls.
    const next = await again.call('Dial', { number: '+541155551234' });
    expect(Number(next.call.callId)).toBeGreaterThan(Number(call.callId));
  });

  it('issue 15 §1: keeps every session across a restart (logged in, not ready, no call) and resyncs streams', async () => {
    const first = await start();
    const agent = await first.dialer.login('agent01', '1001');
    await agent.call('Login_Campaign', { campaignId: '1' });
    const other = await first.dialer.login('agent02', '1002');
    await other.call('Logout', {});
    const before = await agent.call('Position', {});
    expect(before.dialer?.instanceId).toBeTruthy();
    await stop();

    const second = await start();
    const client = new NeoApiClient({ baseUrl: second.dialer.url, timeoutMs: 5000 });
    const position = await client.call('Position', {}, { token: agent.token });
    expect(position.agent).toMatchObject({ state: 'idle', campaignId: '1', device: '1001' });
    expect(position.call).toBeNull();
    expect(position.dialer).toEqual({ instanceId: before.dialer?.instanceId, epoch: expect.any(String) });
    expect(position.dialer?.epoch).not.toBe(before.dialer?.epoch);
    // A logged-out session stays gone.
    expect(await refusal(client.call('Position', {}, { token: other.token }))).toBe('NOT_LOGGED_IN');
    // Ready again with one command.
    await client.call('CRM_Available', {}, { token: agent.token });
    expect((await client.call('Position', {}, { token: agent.token })).agent.state).toBe('available');
    // A reader resuming from the old run's seq gets a Resync of this run, even where that seq exists here.
    const abort = new AbortController();
    const stream = client.events(agent.token, 1, abort.signal, before.dialer?.epoch);
    const firstEvent = (await stream[Symbol.asyncIterator]().next()).value;
    abort.abort();
    expect(firstEvent).toMatchObject({ type: 'Resync', data: { position: { dialer: position.dialer } } });
  });

  it('issue 15 §9: never hands out a call id twice across restarts, calls cut by the restart included', async () => {
    const first = await start();
    const agent = await first.dialer.login('agent01', '1001');
    const { call: cut } = await agent.call('Dial', { number: '+541155551234' });
    await first.dialer.advance(3);
    expect((await agent.call('Position', {})).call?.callId).toBe(cut.callId);
    // Stopped with the call up: it never reaches the history.
    await stop();

    const second = await start();
    const again = await second.dialer.login('agent01', '1001');
    const { call: next } = await again.call('Dial', { number: '+541155551234' });
    expect(next.callId).not.toBe(cut.callId);
    expect(Number(next.callId)).toBeGreaterThan(Number(cut.callId));
  });
});
