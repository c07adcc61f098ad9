import { join } from 'node:path';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { offerCall, streamOpen } from '../../testing/call-script';
import { FakeCrm } from '../../testing/fake-crm';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { CRM } from './crm.port';
import { SqliteCallJournalRepository } from './journal/sqlite-call-journal.repository';
import { OutboxWorker } from './outbox/outbox.worker';
import { SqliteStorage } from '../store/sqlite-storage';

/**
 * The gateway's side of issue 16 §2.1 and issue 15 §2 against a scripted
 * dialer: which call a wrap-up command names to the dialer, that an agent
 * cannot name somebody else's, that every note the agent types reaches the
 * Task, and that a release recorded just before a crash still completes the
 * Task at the next start.
 */
describe('wrap-up commands and the call journal', () => {
  let dialer: FakeNeoApiServer;
  let crm: FakeCrm;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let token = '';

  const start = async (dataDir?: string) => {
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      dataDir,
      overrides: [{ token: CRM, value: crm }],
    }).start();
    token = (await gw.login('agent1')).accessToken;
    panel = await gw.panel(token);
    await streamOpen(dialer, 'a1');
  };
  const deliver = () => gw.app.get(OutboxWorker).round();
  const sent = (method: string) => dialer.calls.filter((c) => c.method === method).map((c) => c.body);
  /** A call to contact 501 that ended: the agent is in wrap-up. */
  const endedCall = async (opts: { callId?: string; mode?: 'manual' } = {}) => {
    const callId = offerCall(dialer, 'a1', { contactId: '501', ...opts });
    await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === callId);
    dialer.emit('a1', 'CallEnded', { callId, cause: 'agent_hangup', talkSeconds: 0 });
    await panel.waitForState((s) => s.call?.callId === callId && s.activity === 'wrap_up');
    return callId;
  };
  const released = async (outcome: { categoryId?: string; scheduledFor?: string } = {}) => {
    dialer.emit('a1', 'ContactReleased', {
      contactId: '501',
      categoryId: outcome.categoryId ?? null,
      subcategoryId: outcome.categoryId ? '9' : null,
      scheduledFor: outcome.scheduledFor ?? null,
    });
    await panel.waitForState((s) => s.contact === null);
  };
  const taskOf = async (callId: string, ready: (t: Record<string, unknown>) => boolean) => {
    for (let i = 0; i < 100; i++) {
      await deliver();
      const tasks = crm.tasks.filter((t) => t['CallObject'] === callId);
      if (tasks.length > 1) throw new Error(`${tasks.length} Tasks for call ${callId}`);
      if (tasks[0] && ready(tasks[0])) return tasks[0];
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no finished Task for call ${callId}: ${JSON.stringify(crm.tasks)}`);
  };

  beforeEach(async () => {
    dialer = await startFakeDialer();
    dialer.on('Get_Categories', () => ({
      categories: [
        { id: '4', name: 'Venta', schedules: false, subcategories: [{ id: '9', name: 'Contado' }] },
      ],
    }));
    dialer.on('Dial', (request) => ({
      call: {
        callId: 'manual-1',
        direction: 'outbound',
        state: 'dialing',
        number: request.number,
        campaignId: null,
        queueId: null,
        dialerMode: 'manual',
        startedAt: new Date().toISOString(),
        answeredAt: null,
        transfer: null,
        participants: [],
        recordingUrl: null,
      },
    }));
    crm = new FakeCrm();
    await start();
  });

  afterEach(async () => {
    await gw.stop();
    await dialer.stop();
  });

  it('refuses a call id that is not one of the agent’s calls with the contact, and tells the dialer nothing', async () => {
    await endedCall();
    for (const callId of ['someone-elses-call', '4711']) {
      const res = await gw.request('POST', '/api/v1/contacts/501/categorize', {
        token,
        body: { callId, categoryId: '4', note: 'x' },
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: `callId: call ${callId} is not one of your calls with contact 501.`,
      });
    }
    expect(sent('UpdateContact')).toEqual([]);
  });

  it('names the ended call to the dialer on categorise, schedule and release, with or without the panel’s call id', async () => {
    const first = await endedCall();
    await gw.request('POST', '/api/v1/contacts/501/categorize', {
      token,
      body: { categoryId: '4', subcategoryId: '9', note: 'vendido' },
    });
    await released({ categoryId: '4' });
    const second = await endedCall();
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await gw.request('POST', '/api/v1/contacts/501/schedule', {
      token,
      body: { callId: second, at, note: 'mañana' },
    });
    await released({ scheduledFor: at });
    const third = await endedCall();
    await gw.request('POST', '/api/v1/contacts/501/release', { token, body: { note: 'número equivocado' } });
    expect(sent('UpdateContact')).toEqual([
      { contactId: '501', callId: first, categoryId: '4', subcategoryId: '9', note: 'vendido' },
    ]);
    expect(sent('Schedule_Callback')).toEqual([
      { contactId: '501', callId: second, at, personal: true, note: 'mañana' },
    ]);
    expect(sent('Release_Contact')).toEqual([{ contactId: '501', callId: third, note: 'número equivocado' }]);
    await released();

    expect(await taskOf(first, (t) => !!t['CallDisposition'])).toMatchObject({
      CallDisposition: 'Venta / Contado',
      Description: expect.stringContaining('Note: vendido'),
    });
    expect(await taskOf(second, (t) => !!t['CallDisposition'])).toMatchObject({
      // In English and UTC: this agent's panel said nothing about where it is (issue 16 §2.9).
      CallDisposition: expect.stringMatching(
        /^Callback scheduled for \w{3}, \w{3} \d+, \d{4}, \d\d:\d\d [AP]M UTC$/,
      ),
      Description: expect.stringContaining('Note: mañana'),
    });
    const bare = await taskOf(third, (t) => String(t['Description']).includes('Note:'));
    expect(bare['Description']).toContain('Note: número equivocado');
    expect(bare['CallDisposition']).toBeUndefined();
  });

  it("writes the callback's date and time in the agent's locale and time zone (issue 16 §2.9)", async () => {
    token = (
      await gw.login('agent1', 'secret', '2001', {
        locale: 'es-AR',
        timeZone: 'America/Argentina/Buenos_Aires',
      })
    ).accessToken;
    panel = await gw.panel(token);
    await streamOpen(dialer, 'a1');
    dialer.on('Schedule_Callback', (request) => ({ scheduleId: '77', at: String(request['at']) }));
    const callId = await endedCall();
    // Far enough ahead to stay in the future (the gateway refuses a callback in the past).
    const at = '2036-12-08T10:30:00.000Z';
    const res = await gw.request('POST', '/api/v1/contacts/501/schedule', { token, body: { callId, at } });
    expect(res.body).toMatchObject({ at });
    await released({ scheduledFor: at });
    const task = await taskOf(callId, (t) => !!t['CallDisposition']);
    // 10:30 UTC is 07:30 in Buenos Aires; the words are Spanish (lun, dic), never the ISO stamp.
    expect(task['CallDisposition']).toMatch(/^Callback scheduled for lun, 8 dic 2036, 07:30/);
    expect(task['CallDisposition']).not.toContain('T10:30');
  });

  it('refuses a locale or time zone that is not one, with the field named', async () => {
    for (const where of [{ timeZone: 'Mars/Olympus' }, { locale: 'not a locale!' }]) {
      const res = await gw.request('POST', '/api/v1/sessions', {
        body: { device: '2001', user: 'agent1', password: 'secret', ...where },
        key: false,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body)).toContain(Object.keys(where)[0]);
    }
  });

  it('keeps the manual-dial note (B2) and the wrap-up note in the one Task', async () => {
    await gw.request('POST', '/api/v1/calls', {
      token,
      body: { number: '+541155551234', note: 'pidió que lo llamen' },
    });
    const callId = await endedCall({ callId: 'manual-1', mode: 'manual' });
    await gw.request('POST', '/api/v1/contacts/501/categorize', {
      token,
      body: { callId, categoryId: '4', note: 'ok' },
    });
    await released({ categoryId: '4' });
    const task = await taskOf(callId, (t) => !!t['CallDisposition']);
    expect(task['Description']).toContain('Manual dial: pidió que lo llamen\nNote: ok');
  });

  it('completes at the next start a Task whose release was recorded just before a crash', async () => {
    crm.down = true;
    const callId = await endedCall();
    await gw.request('POST', '/api/v1/contacts/501/categorize', {
      token,
      body: { categoryId: '4', note: 'antes del corte' },
    });
    const dataDir = gw.dataDir;
    await gw.stop();
    // What a crash between recording the release and queueing the Task leaves behind.
    const db = new SqliteStorage(join(dataDir, 'gateway'));
    await new SqliteCallJournalRepository(db).release('a1', '501', {
      categoryId: '4',
      subcategoryId: '9',
      scheduledFor: null,
    });
    db.close();
    crm.down = false;
    await start(dataDir);
    await gw.app.get(OutboxWorker).retryNow();
    expect(await taskOf(callId, (t) => !!t['CallDisposition'])).toMatchObject({
      CallDisposition: 'Venta / Contado',
      Description: expect.stringContaining('Note: antes del corte'),
    });
  });
});
