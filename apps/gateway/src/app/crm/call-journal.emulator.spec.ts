import { Client } from 'pg';
import { EmulatorProcess } from '../../testing/emulator-process';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { until } from '../../testing/ledger';
import { SalesforceOrg } from '../../testing/salesforce-org';
import { OutboxWorker } from './outbox/outbox.worker';

/**
 * Issue 16 §2.1 end to end: what the agent types and picks in wrap-up (note,
 * category, subcategory) reaches both systems of record for THAT call — the
 * Task in the local org (Description with the note, CallDisposition, WhoId)
 * and the dialer's call history row in the contact-center database —
 * predictive and inbound, with or without the call id in the request (by
 * then the dialer's "last call id" is 0). Real processes: the built dialer
 * emulator (frozen clock), the Salesforce emulator, the gateway in process.
 */
jest.setTimeout(240_000);

interface Category {
  id: string;
  name: string;
  schedules: boolean;
  subcategories: { id: string; name: string }[];
}

describe('wrap-up reaches the Task and the dialer history of that call', () => {
  let dialer: EmulatorProcess;
  let org: SalesforceOrg;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let db: Client;
  let token = '';

  const ok = async (path: string, body?: unknown) => {
    const res = await gw.request('POST', path, { token, body });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const historyOf = async (callId: string) =>
    (
      await db.query(
        'SELECT category_id::text AS category, subcategory_id::text AS subcategory, note FROM call_history WHERE call_id = $1 ORDER BY leg',
        [callId],
      )
    ).rows;
  /** The one Task of a call, once the outbox has delivered its disposition (two Tasks fail the test). */
  const taskOf = async (callId: string) => {
    const tasks = await until(
      `the Task of call ${callId} with its disposition`,
      async () => {
        await gw.app.get(OutboxWorker).round();
        const found = await org.query(
          `SELECT Id, CallObject, CallDisposition, Description, WhoId FROM Task WHERE CallObject = '${await dialer.callObjectOf(callId)}'`,
        );
        return found.length > 1 || found[0]?.['CallDisposition'] ? found : null;
      },
      15_000,
      100,
    );
    expect(tasks).toHaveLength(1);
    return tasks[0];
  };
  /** A plain category of the CRM with a subcategory: what the agent picks on RELEASE. */
  const pickCategory = async (crmId: string) => {
    const items = (await gw.request('GET', `/api/v1/crms/${crmId}/categories`, { token })).body
      .items as Category[];
    const category = items.find((c) => !c.schedules && c.subcategories.length > 0);
    if (!category) throw new Error(`CRM ${crmId} has no plain category with subcategories`);
    return { category, subcategory: category.subcategories[0] };
  };
  const hangUpToWrapUp = async (callId: string) => {
    await ok(`/api/v1/calls/${callId}/hangup`);
    return panel.waitForState((s) => s.call?.callId === callId && s.activity === 'wrap_up');
  };
  const inCampaign = async () => {
    if (panel.state.campaign?.id !== '1') await ok('/api/v1/campaigns/1/join');
    await panel.waitForState((s) => s.campaign?.id === '1' && s.activity === 'available');
  };
  const readyAgain = async () => {
    await panel.waitForState((s) => s.contact === null);
    await ok('/api/v1/agent/ready');
    await panel.waitForState((s) => s.activity === 'available' && s.call === null);
  };

  beforeAll(async () => {
    // Made before starting, so afterAll stops whichever did start when the other fails to.
    dialer = EmulatorProcess.frozen(300);
    org = new SalesforceOrg();
    // A loaded CI machine can take a minute to boot PGlite.
    await Promise.all([dialer.start(180_000), org.start()]);
    await dialer.customersWaitForOperator();
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      salesforceUrl: org.url,
      env: { CONTACT_DB_URL: dialer.contactDbUrl },
    }).start();
    db = new Client({ connectionString: dialer.contactDbUrl });
    await db.connect();
    token = (await gw.login('agent01', 'puente', '1001')).accessToken;
    panel = await gw.panel(token);
  });

  // A failed test must not leave the next one with a contact on screen.
  afterEach(async () => {
    if (!panel) return;
    const contactId = panel.state.contact?.contactId;
    if (contactId) await gw.request('POST', `/api/v1/contacts/${contactId}/release`, { token });
    if (panel.state.activity !== 'available') await gw.request('POST', '/api/v1/agent/ready', { token });
  });

  afterAll(async () => {
    await db?.end();
    await gw?.stop();
    await Promise.all([dialer?.stop(), org?.stop()]);
  });

  it('an inbound call: note, category and subcategory land on its Task and its history row', async () => {
    await ok('/api/v1/agent/ready');
    await panel.waitForState((s) => s.activity === 'available');
    const placed = await dialer.operator('POST', '/operator/inbound', {
      number: '+541155557777',
      queueId: '1',
    });
    await dialer.advance(1);
    await panel.waitForState((s) => s.call?.callId === placed.callId && s.call?.status === 'talking');
    const wrap = await hangUpToWrapUp(placed.callId);
    expect(wrap.contact).toMatchObject({ contactId: placed.contactId, lastCallId: '0' });
    const { category, subcategory } = await pickCategory(wrap.contact?.crmId ?? '');
    const note = 'Llamó por la factura de marzo; pide cuotas.';
    // What the panel sends: the call it is wrapping up, from its state.
    await ok(`/api/v1/contacts/${placed.contactId}/categorize`, {
      callId: placed.callId,
      categoryId: category.id,
      subcategoryId: subcategory.id,
      note,
    });
    await readyAgain();

    const task = await taskOf(placed.callId);
    expect(task['CallDisposition']).toBe(`${category.name} / ${subcategory.name}`);
    expect(String(task['Description'])).toContain(note);
    expect(await historyOf(placed.callId)).toEqual([
      { category: category.id, subcategory: subcategory.id, note },
    ]);
  });

  it('a predictive call: the popped record is the WhoId, and the note and category reach both sides', async () => {
    await inCampaign();
    const line = await until('a predictive line', async () => {
      await dialer.advance(2);
      const calls = (await dialer.state()).calls as {
        callId: string;
        state: string;
        campaignId: string;
        number: string;
        contactId: string | null;
      }[];
      return calls.find((c) => c.campaignId === '1' && c.state === 'ringing' && c.contactId);
    });
    // The customer is in the org, so the pop finds one record: the Task's WhoId.
    const recordId = await org.create('Contact', {
      FirstName: 'Cliente',
      LastName: `Llamada ${line.callId}`,
      Phone: line.number,
    });
    await dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    const pop = await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === line.callId, 10_000);
    expect(pop.payload).toMatchObject({ decision: { type: 'record', recordId } });
    const wrap = await hangUpToWrapUp(line.callId);
    const { category, subcategory } = await pickCategory(wrap.contact?.crmId ?? '');
    const note = 'Interesado en el plan anual, volver a llamar la semana próxima.';
    await ok(`/api/v1/contacts/${line.contactId}/categorize`, {
      callId: line.callId,
      categoryId: category.id,
      subcategoryId: subcategory.id,
      note,
    });
    await readyAgain();

    const task = await taskOf(line.callId);
    expect(task).toMatchObject({
      CallObject: await dialer.callObjectOf(line.callId),
      CallDisposition: `${category.name} / ${subcategory.name}`,
      WhoId: recordId,
    });
    expect(String(task['Description'])).toContain(note);
    expect(await historyOf(line.callId)).toEqual([
      { category: category.id, subcategory: subcategory.id, note },
    ]);
  });

  it('an agenda category with the time the agent picked: the category on the Task and the row, the callback then', async () => {
    await inCampaign();
    const line = await until('a predictive line', async () => {
      await dialer.advance(2);
      const calls = (await dialer.state()).calls as { callId: string; state: string; campaignId: string }[];
      return calls.find((c) => c.campaignId === '1' && c.state === 'ringing');
    });
    await dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    await panel.waitForState((s) => s.call?.callId === line.callId && s.call?.status === 'talking');
    const wrap = await hangUpToWrapUp(line.callId);
    const contactId = wrap.contact?.contactId ?? '';
    const items = (await gw.request('GET', `/api/v1/crms/${wrap.contact?.crmId}/categories`, { token })).body
      .items as Category[];
    const agenda = items.find((c) => c.schedules);
    if (!agenda) throw new Error('no agenda category');
    const { at: dialerNow } = await dialer.advance(1);
    const at = new Date(Math.max(Date.parse(dialerNow), Date.now()) + 2 * 86_400_000).toISOString();
    const note = 'Prefiere que lo llamen el jueves.';
    await ok(`/api/v1/contacts/${contactId}/categorize`, {
      callId: line.callId,
      categoryId: agenda.id,
      note,
      at,
    });
    // A callback makes the agent available by itself (A4).
    await panel.waitForState((s) => s.contact === null && s.activity === 'available');

    const task = await taskOf(line.callId);
    expect(task['CallDisposition']).toBe(agenda.name);
    expect(String(task['Description'])).toContain(note);
    expect(await historyOf(line.callId)).toEqual([{ category: agenda.id, subcategory: null, note }]);
    const pending = await db.query("SELECT at FROM schedules WHERE contact_id = $1 AND status = 'pending'", [
      contactId,
    ]);
    expect(pending.rows.map((r) => new Date(r.at).toISOString())).toEqual([at]);
  });

  it('a categorise without the call id, after the call ended: the gateway knows which call it was', async () => {
    await inCampaign();
    const line = await until('a predictive line', async () => {
      await dialer.advance(2);
      const calls = (await dialer.state()).calls as { callId: string; state: string; campaignId: string }[];
      return calls.find((c) => c.campaignId === '1' && c.state === 'ringing');
    });
    await dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    await panel.waitForState((s) => s.call?.callId === line.callId && s.call.status === 'talking');
    const wrap = await hangUpToWrapUp(line.callId);
    const contactId = wrap.contact?.contactId ?? '';
    expect(wrap.contact?.lastCallId).toBe('0');
    const { category, subcategory } = await pickCategory(wrap.contact?.crmId ?? '');
    const note = 'Sin call id: una API o un panel viejo.';
    await ok(`/api/v1/contacts/${contactId}/categorize`, {
      categoryId: category.id,
      subcategoryId: subcategory.id,
      note,
    });
    await readyAgain();

    const task = await taskOf(line.callId);
    expect(task['CallDisposition']).toBe(`${category.name} / ${subcategory.name}`);
    expect(String(task['Description'])).toContain(note);
    expect(await historyOf(line.callId)).toEqual([
      { category: category.id, subcategory: subcategory.id, note },
    ]);
  });
});
