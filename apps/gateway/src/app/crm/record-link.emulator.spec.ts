import type { AgentEvent } from '@puente/contracts';
import { Client } from 'pg';
import { EmulatorProcess } from '../../testing/emulator-process';
import { GatewayHarness, type PanelClient } from '../../testing/gateway-harness';
import { until } from '../../testing/ledger';
import { SalesforceOrg } from '../../testing/salesforce-org';
import { OutboxWorker } from './outbox/outbox.worker';

/**
 * Issue 16 §2.3 and §2.4 end to end: the Salesforce record a call is about is
 * the one the agent picked among several matches, or the one they clicked to
 * dial from, and it is that record the Task in the local org names (WhoId /
 * WhatId); a clicked record that carries the dialer's ids is dialled as that
 * dialer contact, so the call can be categorised (the history row of the
 * call in the contact-center database). Real processes: the built dialer
 * emulator (frozen clock), the Salesforce emulator, the gateway in process.
 */
jest.setTimeout(240_000);

interface Category {
  id: string;
  name: string;
  schedules: boolean;
  subcategories: { id: string; name: string }[];
}

type Pop = Extract<AgentEvent, { type: 'crm.pop' }>;

describe('the record of a call is the one picked or clicked (issue 16 §2.3, §2.4)', () => {
  let dialer: EmulatorProcess;
  let org: SalesforceOrg;
  let gw: GatewayHarness;
  let panel: PanelClient;
  let db: Client;
  let token = '';
  /** A call of agent01's that has ended: another agent may not link a record to it. */
  let endedCallId: string | null = null;

  const post = (path: string, body?: unknown) => gw.request('POST', path, { token, body });
  const ok = async (path: string, body?: unknown) => {
    const res = await post(path, body);
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
  /** The Tasks of a call in the org, by CallObject, after one outbox round. */
  const tasksOf = async (callId: string) => {
    await gw.app.get(OutboxWorker).round();
    return org.query(
      `SELECT Id, CallObject, CallDisposition, WhoId, WhatId FROM Task WHERE CallObject = '${await dialer.callObjectOf(callId)}'`,
    );
  };
  /** The one Task of a call, once it has its disposition (two Tasks fail the test). */
  const taskOf = async (callId: string) => {
    const tasks = await until(
      `the Task of call ${callId} with its disposition`,
      async () => {
        const found = await tasksOf(callId);
        return found.length > 1 || found[0]?.['CallDisposition'] ? found : null;
      },
      15_000,
      100,
    );
    expect(tasks).toHaveLength(1);
    return tasks[0];
  };
  const popOf = async (callId: string) =>
    (await panel.waitFor((e) => e.type === 'crm.pop' && e.payload.callId === callId, 10_000)) as Pop;
  const categorise = async (callId: string, contactId: string, crmId: string, note: string) => {
    const items = (await gw.request('GET', `/api/v1/crms/${crmId}/categories`, { token })).body
      .items as Category[];
    const category = items.find((c) => !c.schedules && c.subcategories.length > 0);
    if (!category) throw new Error(`CRM ${crmId} has no plain category with subcategories`);
    const subcategory = category.subcategories[0];
    await ok(`/api/v1/contacts/${contactId}/categorize`, {
      callId,
      categoryId: category.id,
      subcategoryId: subcategory.id,
      note,
    });
    return { category, subcategory };
  };
  const hangUpToWrapUp = async (callId: string) => {
    await ok(`/api/v1/calls/${callId}/hangup`);
    return panel.waitForState((s) => s.call?.callId === callId && s.activity === 'wrap_up');
  };
  const readyAgain = async () => {
    await panel.waitForState((s) => s.contact === null);
    await ok('/api/v1/agent/ready');
    await panel.waitForState((s) => s.activity === 'available' && s.call === null);
  };
  const inCampaign = async () => {
    if (panel.state.activity === 'paused') await ok('/api/v1/agent/unpause');
    if (panel.state.campaign?.id !== '1') await ok('/api/v1/campaigns/1/join');
    await panel.waitForState((s) => s.campaign?.id === '1' && s.activity === 'available');
  };
  /** A predictive call of campaign 1 ringing at a customer who is in the dialer's contacts. */
  const predictiveLine = () =>
    until('a predictive line', async () => {
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
  /** Three records with the customer's number, of two types: the pop finds them all by phone. */
  const threeMatches = async (phone: string, tag: string) => ({
    first: await org.create('Contact', {
      FirstName: 'Primera',
      LastName: `Coincidencia ${tag}`,
      Phone: phone,
    }),
    second: await org.create('Contact', {
      FirstName: 'Segunda',
      LastName: `Coincidencia ${tag}`,
      Phone: phone,
    }),
    lead: await org.create('Lead', {
      FirstName: 'Elegida',
      LastName: `Coincidencia ${tag}`,
      Company: `Elegida ${tag} S.A.`,
      Phone: phone,
    }),
  });

  beforeAll(async () => {
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
    const call = panel.state.call;
    if (call && call.status !== 'ended') await post(`/api/v1/calls/${call.callId}/hangup`);
    const contactId = panel.state.contact?.contactId;
    if (contactId) await post(`/api/v1/contacts/${contactId}/release`);
    if (panel.state.activity === 'paused') await post('/api/v1/agent/unpause');
    else if (panel.state.activity !== 'available') await post('/api/v1/agent/ready');
  });

  afterAll(async () => {
    await db?.end();
    await gw?.stop();
    await Promise.all([dialer?.stop(), org?.stop()]);
  });

  it('issue 16 §2.3: several matches come as a pick list searched by the matched key; the picked record is the WhoId', async () => {
    await inCampaign();
    const line = await predictiveLine();
    const records = await threeMatches(line.number, line.callId);
    await dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    const pop = await popOf(line.callId);

    // The console's search page is asked for exactly what the gateway matched.
    expect(pop.payload).toMatchObject({ searchBy: 'Phone', callerName: 'Several matches', caller: null });
    expect(pop.payload.decision).toEqual({ type: 'search', searchString: pop.payload.searchData });
    const candidates = pop.payload.candidates ?? [];
    expect(pop.payload.matches).toBe(candidates.length);
    expect(candidates.map((c) => c.recordId)).toEqual(
      expect.arrayContaining([records.first, records.second, records.lead]),
    );
    // Each match with its name, object type and the Call Center's display fields (STARFACE).
    expect(candidates.find((c) => c.recordId === records.lead)).toMatchObject({
      objectType: 'Lead',
      name: `Elegida Coincidencia ${line.callId}`,
      fields: expect.arrayContaining([{ label: 'Company', value: `Elegida ${line.callId} S.A.` }]),
    });

    const linked = await ok(`/api/v1/calls/${line.callId}/crm/link`, {
      objectType: 'Lead',
      recordId: records.lead,
    });
    expect(linked).toEqual({
      objectType: 'Lead',
      recordId: records.lead,
      name: `Elegida Coincidencia ${line.callId}`,
    });
    await panel.waitForState((s) => s.crm?.linked?.recordId === records.lead);

    const wrap = await hangUpToWrapUp(line.callId);
    const note = 'Eligió el registro de la empresa.';
    const { category, subcategory } = await categorise(
      line.callId,
      line.contactId ?? '',
      wrap.contact?.crmId ?? '',
      note,
    );
    await readyAgain();
    endedCallId = line.callId;
    const task = await taskOf(line.callId);
    expect(task).toMatchObject({
      CallObject: await dialer.callObjectOf(line.callId),
      WhoId: records.lead,
      CallDisposition: `${category.name} / ${subcategory.name}`,
    });
    expect(await historyOf(line.callId)).toEqual([
      { category: category.id, subcategory: subcategory.id, note },
    ]);
  });

  it('issue 16 §2.3: a record picked after the call ended relinks the Task already written', async () => {
    await inCampaign();
    const line = await predictiveLine();
    const records = await threeMatches(line.number, line.callId);
    await dialer.operator('POST', `/operator/calls/${line.callId}/answer`);
    await popOf(line.callId);
    const wrap = await hangUpToWrapUp(line.callId);
    // The Task of the ended call is in the org already, linked to nothing.
    const first = await until('the Task of the ended call', async () => {
      const found = await tasksOf(line.callId);
      return found.length > 0 ? found : null;
    });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ WhoId: null, WhatId: null });

    await ok(`/api/v1/calls/${line.callId}/crm/link`, { objectType: 'Contact', recordId: records.second });
    await categorise(line.callId, line.contactId ?? '', wrap.contact?.crmId ?? '', 'Era la segunda.');
    const task = await taskOf(line.callId);
    expect(task).toMatchObject({ Id: first[0]['Id'], WhoId: records.second });
    await readyAgain();
  });

  it('issue 16 §2.3: linking refuses a call that is not the agent’s and an id that is not of the object', async () => {
    const john = (await org.query("SELECT Id FROM Contact WHERE Email = 'john.smith@example.com'"))[0].Id;
    const unknownCall = await post('/api/v1/calls/999999/crm/link', {
      objectType: 'Contact',
      recordId: john,
    });
    expect(unknownCall.status).toBe(404);
    expect(unknownCall.body).toMatchObject({ code: 'NOT_FOUND' });
    if (endedCallId) {
      // Another agent names agent01's call: not theirs, whatever the record.
      const other = await gw.login('agent02', 'puente', '1002');
      const res = await gw.request('POST', `/api/v1/calls/${endedCallId}/crm/link`, {
        token: other.accessToken,
        body: { objectType: 'Contact', recordId: john },
      });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      await gw.request('DELETE', '/api/v1/sessions/current', { token: other.accessToken });
    }
    for (const body of [
      { objectType: 'Lead', recordId: john },
      // The case checksum of 15 digits is AAA.
      { objectType: 'Contact', recordId: '003000000000000EAA' },
      { objectType: 'Task', recordId: '00T000000000000AAA' },
      { objectType: 'Contact', recordId: '../../sobjects/User' },
    ]) {
      const res = await post('/api/v1/calls/999999/crm/link', body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('issue 16 §2.4: click-to-dial stays on the clicked record, dials its dialer contact and can be categorised', async () => {
    // From a break, so that no predictive call comes in meanwhile.
    const breaks = (await gw.request('GET', '/api/v1/break-states', { token })).body.items;
    if (panel.state.campaign) await ok(`/api/v1/campaigns/${panel.state.campaign.id}/leave`);
    await ok('/api/v1/agent/pause', { breakStateId: breaks[0].id });
    await panel.waitForState((s) => s.activity === 'paused');
    const {
      rows: [customer],
    } = await db.query(
      "SELECT id::text AS id, crm_id::text AS crm, phone FROM contacts WHERE phone <> '' AND dial_status = 'new' ORDER BY id DESC LIMIT 1",
    );
    // The record carries the dialer's ids (written by an earlier pop, C3); another record shares its number.
    const clicked = await org.create('Contact', {
      FirstName: 'Clic',
      LastName: `Para Marcar ${customer.id}`,
      Phone: customer.phone,
      neoContactId__c: customer.id,
      neoCrmId__c: customer.crm,
    });
    await org.create('Lead', {
      LastName: `Mismo Número ${customer.id}`,
      Company: 'Otra S.A.',
      Phone: customer.phone,
    });

    const dialed = await ok('/api/v1/calls', { number: customer.phone, crmRecordId: clicked });
    const call = ((await dialer.state()).calls as { callId: string; contactId: string | null }[]).find(
      (c) => c.callId === dialed.callId,
    );
    expect(call?.contactId).toBe(customer.id);
    const pop = await popOf(dialed.callId);
    // No search page: the record the agent clicked stays open and is the call's.
    expect(pop.payload).toMatchObject({
      decision: { type: 'record', objectType: 'Contact', recordId: clicked },
      caller: { recordId: clicked },
    });
    await dialer.operator('POST', `/operator/calls/${dialed.callId}/answer`);
    const talking = await panel.waitForState(
      (s) => s.call?.callId === dialed.callId && s.call?.status === 'talking',
    );
    expect(talking.contact?.contactId).toBe(customer.id);
    expect(talking.crm?.linked?.recordId).toBe(clicked);

    await ok(`/api/v1/calls/${dialed.callId}/hangup`);
    const wrap = await panel.waitForState((s) => s.call?.status === 'ended' && s.contact !== null);
    const note = 'Llamado desde su ficha.';
    const { category, subcategory } = await categorise(
      dialed.callId,
      customer.id,
      wrap.contact?.crmId ?? customer.crm,
      note,
    );
    await panel.waitForState((s) => s.contact === null);
    const task = await taskOf(dialed.callId);
    expect(task).toMatchObject({ WhoId: clicked, CallDisposition: `${category.name} / ${subcategory.name}` });
    expect(await historyOf(dialed.callId)).toEqual([
      { category: category.id, subcategory: subcategory.id, note },
    ]);
  });
});
