import { ContactDbError } from '../port/contact-db';
import { DEMO_IDS, DEMO_PASSWORD, seedDemoData } from '../seed/seed-demo-data';
import type { SqlClient } from '../sql/sql-client';
import { createTestPostgres, openTestPglite, probePostgres } from '../testing/test-databases';
import { ContactCenterRepository } from './contact-center.repository';

const NOW = new Date('2025-03-10T12:00:00Z');
const LATER = new Date('2025-03-10T18:00:00Z');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContactDbError) return error.code;
    throw error;
  }
  return 'RESOLVED';
}

type Harness = { client: SqlClient; dispose(): Promise<void> } | { skip: string };

const targets: [string, () => Promise<Harness>][] = [
  [
    'PGlite',
    async () => {
      const client = await openTestPglite();
      return { client, dispose: () => client.close() };
    },
  ],
  [
    'PostgreSQL (127.0.0.1:5432)',
    async () => {
      const unreachable = await probePostgres();
      if (unreachable) return { skip: unreachable };
      const pg = await createTestPostgres();
      return { client: pg.client, dispose: () => pg.drop() };
    },
  ],
];

describe.each(targets)('ContactCenterRepository on %s', (name, open) => {
  let harness: Harness;
  let repo: ContactCenterRepository;
  const c = DEMO_IDS.campaigns;

  beforeAll(async () => {
    harness = await open();
    if ('skip' in harness) return console.warn(`ContactCenterRepository on ${name} SKIPPED: ${harness.skip}`);
    await seedDemoData(harness.client, { contacts: 120 });
    repo = new ContactCenterRepository(harness.client);
  });
  afterAll(async () => {
    if (!('skip' in harness)) await harness.dispose();
  });
  const test = (title: string, fn: () => Promise<void>) =>
    it(title, async () => {
      if (!('skip' in harness)) await fn();
    });

  test('USER_BY_LOGIN + verifyLogin: the demo password, case-insensitive login, wrong password refused', async () => {
    expect(await repo.verifyLogin('AGENT01', DEMO_PASSWORD)).toMatchObject({
      id: '1',
      login: 'agent01',
      roles: ['agent'],
      defaultDevice: '1001',
    });
    expect(await repo.verifyLogin('agent01', 'wrong')).toBeNull();
    expect(await repo.verifyLogin('nobody', DEMO_PASSWORD)).toBeNull();
    expect((await repo.userByLogin('super01'))?.roles).toEqual(['supervisor', 'agent']);
  });

  test('USERS_LIST, DEVICES_LIST, DEVICE_EXISTS, BREAK_STATES_LIST', async () => {
    const users = await repo.users();
    expect(users.map((u) => u.login)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `agent${String(i + 1).padStart(2, '0')}`),
      'super01',
      'super02',
      'admin',
    ]);
    expect(users[0]).toMatchObject({ campaignIds: [c.predictive], queueIds: ['1'] });
    expect((await repo.devices()).map((d) => d.extension)).toHaveLength(30);
    expect(await repo.deviceExists('1001')).toBe(true);
    expect(await repo.deviceExists('9999')).toBe(false);
    const states = await repo.breakStates();
    expect(states[0]).toMatchObject({ name: '1 - Descanso', system: false });
    expect(states.some((s) => s.system)).toBe(true);
  });

  test('CAMPAIGNS_LIST, CAMPAIGN_UPDATE, TRANSFER_NUMBERS_LIST', async () => {
    const campaigns = await repo.campaigns();
    expect(campaigns.map((k) => k.dialerMode)).toEqual(['predictive', 'progressive', 'preview']);
    expect(campaigns[0]).toMatchObject({ crmId: '1', databaseId: '10', maxAbandonRate: 0.03 });
    expect(await repo.updateCampaign(c.predictive, { maxAbandonRate: 0.05 })).toEqual({
      active: true,
      maxAbandonRate: 0.05,
    });
    expect(await codeOf(repo.updateCampaign('999', { active: false }))).toBe('CAMPAIGN_NOT_FOUND');
    expect(await codeOf(repo.updateCampaign(c.predictive, { maxAbandonRate: 2 }))).toBe('INVALID_INPUT');
    expect((await repo.transferNumbers(c.predictive)).map((t) => t.label)).toEqual([
      'Mesa de ayuda comercial',
      'Back office ventas',
    ]);
    expect(await codeOf(repo.transferNumbers('999'))).toBe('CAMPAIGN_NOT_FOUND');
  });

  test('QUEUES_LIST carries the D2/D4 configuration', async () => {
    const [atencion, soporte] = await repo.queues();
    expect(atencion).toMatchObject({
      crmId: '3',
      databaseId: '31',
      searchField: 'Clave_1',
      keyExpression: 'CLAVESF',
      ivrData: 'ani',
      missedCallUserId: '101',
      ownerRouting: true,
      blacklistTreatment: 'reject',
    });
    expect(soporte).toMatchObject({
      ivrData: 'input',
      missedCallUserId: '102',
      ownerRouting: false,
      blacklistTreatment: 'announcement',
    });
  });

  test('BLACKLIST_CHECK', async () => {
    expect(await repo.blacklistCheck(DEMO_IDS.blacklistedNumber)).toEqual({
      listed: true,
      reason: 'Llamadas abusivas',
    });
    expect(await repo.blacklistCheck('+5491155551234')).toEqual({ listed: false, reason: null });
  });

  test('CONTACTS_NEXT_TO_DIAL, CONTACT_RETURN, CONTACT_ATTEMPT_RESULT, CONTACT_RELEASE, CONTACT_GET, figures, recover', async () => {
    const batch = await repo.nextContactsToDial(c.progressive, NOW, 3);
    expect(batch).toHaveLength(3);
    expect(batch.every((k) => k.dialStatus === 'dialing' && k.databaseId === '20')).toBe(true);
    // Reserved contacts are not handed out twice.
    const next = await repo.nextContactsToDial(c.progressive, NOW, 3);
    expect(next.map((k) => k.id)).not.toContain(batch[0].id);
    const [a, b, d] = batch;
    expect(await repo.returnContact(a.id)).toBe('new');
    expect(await repo.returnContact(a.id)).toBeNull();
    expect(await repo.recordAttempt(b.id, c.progressive, 'busy', NOW)).toEqual({
      dialStatus: 'retry',
      attempts: 1,
    });
    expect(await repo.recordAttempt(d.id, c.progressive, 'answered', NOW)).toEqual({
      dialStatus: 'contacted',
      attempts: 1,
    });
    expect(await repo.releaseContact(d.id)).toBe('done');
    expect(await codeOf(repo.recordAttempt(b.id, c.progressive, 'exploded' as never, NOW))).toBe(
      'INVALID_INPUT',
    );
    expect(await codeOf(repo.recordAttempt('99999999', null, 'busy', NOW))).toBe('CONTACT_NOT_FOUND');
    expect(await codeOf(repo.recordAttempt(b.id, '999', 'busy', NOW))).toBe('CAMPAIGN_NOT_FOUND');
    expect(await codeOf(repo.releaseContact('99999999'))).toBe('CONTACT_NOT_FOUND');
    expect(await codeOf(repo.nextContactsToDial('999', NOW, 1))).toBe('CAMPAIGN_NOT_FOUND');
    expect((await repo.contact(b.id))?.attempts).toBe(1);
    expect(await repo.contact('99999999')).toBeNull();
    const figures = await repo.campaignFigures(c.progressive);
    expect(figures).toMatchObject({ retry: 1, done: 1, dialing: 3, callbacks_pending: 0 });
    expect(await codeOf(repo.campaignFigures('999'))).toBe('CAMPAIGN_NOT_FOUND');
    expect(await repo.recover()).toEqual({ contacts: 3, schedules: 0 });
  });

  test('CALL_HISTORY_INSERT is idempotent per leg; CALL_ID_LAST follows it', async () => {
    const [contact] = await repo.nextContactsToDial(c.predictive, NOW, 1);
    const call = {
      callId: '7000001',
      contactId: contact.id,
      campaignId: c.predictive,
      userId: '1',
      direction: 'outbound' as const,
      number: contact.phone,
      startedAt: NOW,
      endedAt: LATER,
      cause: 'normal',
      talkSeconds: 42.4,
    };
    const id = await repo.insertCallHistory(call);
    expect(await repo.insertCallHistory({ ...call, talkSeconds: 50 })).toBe(id);
    expect(await repo.lastCallId()).toBe('7000001');
  });

  test('issue 15 §9: CALL_IDS_RESERVE never hands out an id twice, and starts past the history', async () => {
    const instance = await repo.instanceId();
    expect(instance).toMatch(/^[0-9a-f-]{36}$/);
    expect(await repo.instanceId()).toBe(instance);
    const before = Number(await repo.lastCallId());
    const a = await repo.reserveCallIds(100);
    const b = await repo.reserveCallIds(5);
    expect(Number(a.first)).toBeGreaterThan(before);
    expect(Number(a.last) - Number(a.first)).toBe(99);
    expect(Number(b.first)).toBe(Number(a.last) + 1);
    expect(await codeOf(repo.reserveCallIds(0))).toBe('INVALID_INPUT');
  });

  test('issue 15 §1: DIALER_SESSION_SAVE keeps one session per user, DIALER_SESSION_END forgets it', async () => {
    await repo.saveSession({ token: 't1', userId: '1', device: '1001', campaignId: null });
    await repo.saveSession({ token: 't1', userId: '1', device: '1001', campaignId: '1' });
    await repo.saveSession({ token: 't2', userId: '2', device: '1002', campaignId: null });
    await repo.saveSession({ token: 't3', userId: '2', device: '1003', campaignId: null });
    expect(await repo.sessions()).toEqual([
      { token: 't1', userId: '1', device: '1001', campaignId: '1' },
      { token: 't3', userId: '2', device: '1003', campaignId: null },
    ]);
    await repo.endSession('t1');
    expect((await repo.sessions()).map((s) => s.token)).toEqual(['t3']);
  });

  test('CALL_DISPOSITION closes or schedules, and refuses categories of another CRM', async () => {
    const [contact] = await repo.nextContactsToDial(c.predictive, NOW, 2);
    await repo.insertCallHistory({
      callId: '7000002',
      contactId: contact.id,
      direction: 'outbound',
      number: contact.phone,
      startedAt: NOW,
      endedAt: NOW,
      cause: 'normal',
    });
    const sale = await repo.disposeCall({
      contactId: contact.id,
      callId: '7000002',
      userId: '1',
      campaignId: c.predictive,
      categoryId: '101',
      subcategoryId: '1011',
      note: 'Vendido',
      now: NOW,
    });
    expect(sale).toEqual({ dialStatus: 'done', schedules: false, scheduleId: null, historyRows: 1 });
    const later = await repo.disposeCall({
      contactId: contact.id,
      userId: '1',
      campaignId: c.predictive,
      categoryId: '102',
      now: NOW,
    });
    expect(later).toMatchObject({
      dialStatus: 'scheduled',
      schedules: true,
      scheduleId: expect.stringMatching(/^\d+$/),
    });
    // The time the agent picked for an agenda category replaces the pending callback.
    const picked = await repo.disposeCall({
      contactId: contact.id,
      callId: '7000002',
      userId: '1',
      campaignId: c.predictive,
      categoryId: '102',
      note: 'Mañana a las 10',
      now: NOW,
      at: LATER,
    });
    expect(picked).toMatchObject({ dialStatus: 'scheduled', schedules: true, historyRows: 1 });
    expect(picked.scheduleId).not.toBe(later.scheduleId);
    const pending = (await repo.schedulesOfContact(contact.id)).filter((s) => s.status === 'pending');
    expect(pending.map((s) => [s.id, new Date(s.at).toISOString()])).toEqual([
      [picked.scheduleId, LATER.toISOString()],
    ]);
    expect(
      await codeOf(repo.disposeCall({ contactId: contact.id, categoryId: '101', now: NOW, at: LATER })),
    ).toBe('INVALID_INPUT');
    expect(await codeOf(repo.disposeCall({ contactId: contact.id, categoryId: '201', now: NOW }))).toBe(
      'CATEGORY_NOT_FOUND',
    );
    expect(
      await codeOf(
        repo.disposeCall({ contactId: contact.id, categoryId: '101', subcategoryId: '1031', now: NOW }),
      ),
    ).toBe('SUBCATEGORY_NOT_FOUND');
    expect(await codeOf(repo.disposeCall({ contactId: '99999999', categoryId: '101', now: NOW }))).toBe(
      'CONTACT_NOT_FOUND',
    );
    expect(
      await codeOf(
        repo.disposeCall({ contactId: contact.id, categoryId: '101', campaignId: '999', now: NOW }),
      ),
    ).toBe('CAMPAIGN_NOT_FOUND');
  });

  test("CALL_HISTORY_NOTE keeps the note on that call's legs only, never on another contact's", async () => {
    const [contact, other] = await repo.nextContactsToDial(c.predictive, NOW, 2);
    const leg = (callId: string, contactId: string | null, legNo = 0) =>
      repo.insertCallHistory({
        callId,
        leg: legNo,
        contactId,
        direction: 'outbound',
        number: '+541155550000',
        startedAt: NOW,
        endedAt: NOW,
        cause: 'normal',
      });
    await leg('7000010', contact.id);
    await leg('7000010', null, 1);
    await leg('7000011', contact.id);
    await leg('7000012', other.id);
    expect(await repo.noteCall('7000010', contact.id, 'Volver a llamar')).toBe(2);
    expect(await repo.noteCall('7000012', contact.id, 'not mine')).toBe(0);
    const notes = await (harness as { client: SqlClient }).client.query<{
      call_id: string;
      leg: number;
      note: string;
    }>(
      "SELECT call_id, leg, note FROM call_history WHERE call_id IN ('7000010', '7000011', '7000012') ORDER BY call_id, leg",
    );
    expect(notes).toEqual([
      { call_id: '7000010', leg: 0, note: 'Volver a llamar' },
      { call_id: '7000010', leg: 1, note: 'Volver a llamar' },
      { call_id: '7000011', leg: 0, note: '' },
      { call_id: '7000012', leg: 0, note: '' },
    ]);
    expect(await codeOf(repo.noteCall('7000010', contact.id, 'x'.repeat(4001)))).toBe('INVALID_INPUT');
  });

  test('SCHEDULE_INSERT, SCHEDULES_DUE, SCHEDULE_TAKE, SCHEDULE_FINISH, SCHEDULES_OF_CONTACT', async () => {
    const [contact] = await repo.nextContactsToDial(c.preview, NOW, 1);
    const first = await repo.insertSchedule({
      contactId: contact.id,
      campaignId: c.preview,
      userId: '17',
      at: NOW,
      note: 'Llamar a la mañana',
    });
    expect(first).toMatchObject({
      contactId: contact.id,
      userId: '17',
      at: NOW.toISOString(),
      status: 'pending',
    });
    // A new date replaces the pending one.
    const second = await repo.insertSchedule({
      contactId: contact.id,
      campaignId: c.preview,
      at: NOW,
      number: '+5491155551111',
    });
    expect((await repo.schedulesOfContact(contact.id)).map((s) => s.status).sort()).toEqual([
      'cancelled',
      'pending',
    ]);
    expect((await repo.dueSchedules(LATER, 50)).map((s) => s.id)).toContain(second.id);
    expect(await repo.dueSchedules(new Date('2000-01-01T00:00:00Z'), 50)).toEqual([]);
    expect((await repo.takeSchedule(second.id))?.status).toBe('dialing');
    expect(await repo.takeSchedule(second.id)).toBeNull();
    expect(await repo.finishSchedule(second.id, 'done')).toBe('done');
    expect(await repo.finishSchedule('99999999', 'done')).toBeNull();
    expect(await codeOf(repo.finishSchedule(second.id, 'weird' as never))).toBe('INVALID_INPUT');
    expect(
      await codeOf(repo.insertSchedule({ contactId: contact.id, at: NOW, number: 'not a number' })),
    ).toBe('INVALID_INPUT');
    expect(await codeOf(repo.insertSchedule({ contactId: '99999999', at: NOW }))).toBe('CONTACT_NOT_FOUND');
    expect(await codeOf(repo.insertSchedule({ contactId: contact.id, campaignId: '999', at: NOW }))).toBe(
      'CAMPAIGN_NOT_FOUND',
    );
    expect(await codeOf(repo.schedulesOfContact('99999999'))).toBe('CONTACT_NOT_FOUND');
  });
});
