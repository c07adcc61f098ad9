import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type AgentHandle, refusal, startTestDialer, type TestDialer } from '../../testing/test-dialer';
import { openStore, type OpenedStore } from '../store/open-store';

jest.setTimeout(120_000);

const STEADY = { answerProbability: 1, ringSecondsMin: 2, ringSecondsMax: 2, customersHangUp: false };

/**
 * Issue 16 §2.1 at the dialer: after hang-up the contact's last call id is
 * "0", so UpdateContact, Schedule_Callback and Release_Contact name the call
 * they follow, and the note (with the category, when there is one) lands on
 * THAT call's row of the call history in the contact-center database.
 */
describe('wrap-up methods write the history row of the call they name', () => {
  let dataDir: string;
  let opened: OpenedStore;
  let dialer: TestDialer;
  let db: Client;
  let agent: AgentHandle;

  const historyOf = async (callId: string) =>
    (
      await db.query(
        'SELECT category_id::text AS category, subcategory_id::text AS subcategory, note FROM call_history WHERE call_id = $1',
        [callId],
      )
    ).rows;
  /** A manual call to a contact, answered and hung up: the agent is in wrap-up with it on screen. */
  const callEnded = async (contactId: string) => {
    const { call } = await agent.call('Dial', { number: '+541155551234', contactId });
    await dialer.advance(3);
    await agent.call('Hangup', { callId: call.callId });
    const position = await agent.call('Position', {});
    expect(position.contact).toMatchObject({ contactId, callId: '0' });
    return { callId: call.callId, crmId: position.contact?.crmId ?? '' };
  };
  const contactIds = async (n: number) =>
    (await db.query('SELECT id::text FROM contacts ORDER BY id LIMIT $1', [n])).rows.map(
      (r) => r.id as string,
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dialer-wrap-'));
    opened = await openStore({ kind: 'pglite', dataDir, port: 0, host: '127.0.0.1', contacts: 50, seed: 1 });
    dialer = await startTestDialer({ store: opened.store, rates: STEADY });
    db = new Client({ connectionString: opened.contactDbUrl ?? '' });
    await db.connect();
    agent = await dialer.login('agent01', '1001');
  });
  afterAll(async () => {
    await db?.end();
    await dialer?.close();
    await opened?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('UpdateContact with the call id: category, subcategory and note on that call', async () => {
    const [contactId] = await contactIds(1);
    const { callId, crmId } = await callEnded(contactId);
    const { categories } = await agent.call('Get_Categories', { crmId });
    const category = categories.find((c) => !c.schedules && c.subcategories.length > 0);
    const subcategory = category?.subcategories[0];
    await agent.call('UpdateContact', {
      contactId,
      callId,
      categoryId: category?.id ?? '',
      subcategoryId: subcategory?.id ?? '',
      note: 'Pagará el viernes',
    });
    expect(await historyOf(callId)).toEqual([
      { category: category?.id, subcategory: subcategory?.id, note: 'Pagará el viernes' },
    ]);
    await agent.call('CRM_Available', {});
  });

  it('UpdateContact with an agenda category and the time the agent picked: category on the call, callback then', async () => {
    const [, , , contactId] = await contactIds(4);
    const { callId, crmId } = await callEnded(contactId);
    const { categories } = await agent.call('Get_Categories', { crmId });
    const agenda = categories.find((c) => c.schedules);
    const plain = categories.find((c) => !c.schedules);
    const at = new Date(dialer.engine.world.clock.now() + 2 * 86_400_000).toISOString();
    expect(
      await refusal(
        agent.call('UpdateContact', { contactId, callId, categoryId: plain?.id ?? '', at, note: 'x' }),
      ),
    ).toBe('VALIDATION_FAILED');
    await agent.call('UpdateContact', {
      contactId,
      callId,
      categoryId: agenda?.id ?? '',
      at,
      note: 'El jueves',
    });
    expect(await historyOf(callId)).toEqual([{ category: agenda?.id, subcategory: null, note: 'El jueves' }]);
    const pending = (
      await db.query("SELECT at FROM schedules WHERE contact_id = $1 AND status = 'pending'", [contactId])
    ).rows.map((r) => new Date(r.at).toISOString());
    expect(pending).toEqual([at]);
    const released = dialer.engine.world.events
      .since(agent.agentId, 0)
      .events.filter((e) => e.type === 'ContactReleased')
      .at(-1);
    expect(released?.data).toMatchObject({ contactId, categoryId: agenda?.id, scheduledFor: at });
    // A callback needs no Play (A4).
    expect((await agent.call('Position', {})).agent.state).toBe('available');
  });

  it('Schedule_Callback and Release_Contact with the call id: the note on that call', async () => {
    const [, first, second] = await contactIds(3);
    const scheduled = await callEnded(first);
    const at = new Date(dialer.engine.world.clock.now() + 86_400_000).toISOString();
    await agent.call('Schedule_Callback', {
      contactId: first,
      callId: scheduled.callId,
      at,
      note: 'Mañana 10 h',
    });
    expect(await historyOf(scheduled.callId)).toEqual([
      { category: null, subcategory: null, note: 'Mañana 10 h' },
    ]);

    const released = await callEnded(second);
    await agent.call('Release_Contact', {
      contactId: second,
      callId: released.callId,
      note: 'Número equivocado',
    });
    expect(await historyOf(released.callId)).toEqual([
      { category: null, subcategory: null, note: 'Número equivocado' },
    ]);
    await agent.call('CRM_Available', {});
  });
});
