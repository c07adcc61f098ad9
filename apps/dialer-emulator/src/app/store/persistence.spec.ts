import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startTestDialer, type TestDialer } from '../../testing/test-dialer';
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
});
