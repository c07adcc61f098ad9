import { request as httpRequest } from 'node:http';
import { salesforceIdSuffix } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { type OrgApiEvent, SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { OutboxWorker } from './outbox/outbox.worker';

jest.setTimeout(30_000);

const TRAVERSAL = '..%2F..%2Fquery%3Fq%3DSELECT%20Id%2CUsername%2CEmail%20FROM%20User';

/**
 * Issue 14 §1: an id or object name from a request never reaches Salesforce
 * unless it is one (15/18 characters, checksum, key prefix of the object).
 * Every refusal is checked on both sides: the answer the agent gets, and the
 * org's own API event log, which must show no call at all.
 */
describe('Salesforce ids and object names from requests', () => {
  let org: SalesforceOrg;
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let token: string;
  let contact: string;
  let lead: string;

  beforeAll(async () => {
    org = await new SalesforceOrg().start();
    dialer = await startFakeDialer();
    dialer.setPosition('a1', (p) => ({ ...p, agent: { ...p.agent, email: SF_DEMO.agentEmail } }));
    gw = await new GatewayHarness({ dialerUrl: dialer.url, salesforceUrl: org.url }).start();
    token = (await gw.login('agent1')).accessToken;
    contact = (await org.query("SELECT Id FROM Contact WHERE Email = 'john.smith@example.com'"))[0].Id;
    lead = (await org.query("SELECT Id FROM Lead WHERE Company = 'Pérez Hnos. S.A.'"))[0].Id;
    // The login's own look-up of the agent's Salesforce user must be over before marks are taken.
    await waitFor(async () => (await org.apiEvents()).events.some((e) => e.queriedEntities.includes('User')));
  });

  afterAll(async () => {
    await gw?.stop();
    await dialer?.stop();
    await org?.stop();
  });

  /** The org's API calls made while `work` ran. */
  async function callsDuring(work: () => Promise<void>): Promise<OrgApiEvent[]> {
    const { last } = await org.apiEvents();
    await work();
    return (await org.apiEvents(last)).events;
  }

  /** A GET sent as written: fetch would resolve dot segments and re-encode before the gateway saw them. */
  function rawGet(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const { hostname, port } = new URL(gw.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { hostname, port, path, method: 'GET', headers: { authorization: `Bearer ${token}` } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('the traversal of the issue is refused with 400 naming recordId, and the org never sees a query', async () => {
    let res: Awaited<ReturnType<typeof rawGet>> | undefined;
    const calls = await callsDuring(async () => {
      res = await rawGet(`/api/v1/crm/records/Contact/${TRAVERSAL}`);
    });
    expect(res?.status).toBe(400);
    expect(res?.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'recordId: must be a Salesforce id: letters and digits only',
      details: {
        issues: [{ path: 'recordId', message: 'must be a Salesforce id: letters and digits only' }],
      },
      requestId: expect.any(String),
    });
    expect(calls).toEqual([]);
  });

  const contact15 = () => contact.slice(0, 15);
  it.each<[string, 'objectType' | 'recordId', () => string]>([
    [
      '".." as the object',
      'objectType',
      () => `/api/v1/crm/records/..%2F..%2Fquery%3Fq%3DSELECT%20Id%20FROM%20User/${contact}`,
    ],
    ['a bare ".." object segment', 'objectType', () => `/api/v1/crm/records/%2E%2E/${contact}`],
    ['"Contact%2F.." as the object', 'objectType', () => `/api/v1/crm/records/Contact%2F../${contact}`],
    [
      'an object that is not a CRM object (User)',
      'objectType',
      () => `/api/v1/crm/records/User/005Pu0000000001IAA`,
    ],
    ['encoded slashes in the id', 'recordId', () => `/api/v1/crm/records/Contact/${contact15()}%2F..%2F..`],
    ['an encoded backslash and dots', 'recordId', () => `/api/v1/crm/records/Contact/..%5C..%5Cquery`],
    [
      'the traversal with a real query string',
      'recordId',
      () => `/api/v1/crm/records/Contact/..%2F..%2Fquery?q=SELECT+Id+FROM+User`,
    ],
    [
      'the key prefix of another object (a Lead as a Contact)',
      'recordId',
      () => `/api/v1/crm/records/Contact/${lead}`,
    ],
    [
      'a 15-character id with a bad character',
      'recordId',
      () => `/api/v1/crm/records/Contact/${contact.slice(0, 14)}_`,
    ],
    [
      'an 18-character id with a bad checksum',
      'recordId',
      () => `/api/v1/crm/records/Contact/${contact15()}AAA`,
    ],
    ['17 characters', 'recordId', () => `/api/v1/crm/records/Contact/${contact.slice(0, 17)}`],
  ])('%s: 400 VALIDATION_FAILED naming %s, nothing sent to the org', async (_name, field, path) => {
    let res: Awaited<ReturnType<typeof rawGet>> | undefined;
    const calls = await callsDuring(async () => {
      res = await rawGet(path());
    });
    expect(res?.status).toBe(400);
    expect(res?.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(new RegExp(`^${field}: `)),
      details: { issues: [expect.objectContaining({ path: field })] },
      requestId: expect.any(String),
    });
    expect(calls).toEqual([]);
  });

  it('a valid id, 18 or 15 characters, still answers 200 with the record, read from the org once', async () => {
    for (const id of [contact, contact15()]) {
      let res: Awaited<ReturnType<GatewayHarness['request']>> | undefined;
      const calls = await callsDuring(async () => {
        res = await gw.request('GET', `/api/v1/crm/records/Contact/${id}`, { token });
      });
      expect(res?.status).toBe(200);
      expect(res?.body).toMatchObject({ Id: contact, Email: 'john.smith@example.com' });
      expect(calls.map((c) => [c.method, c.uri, c.queriedEntities])).toEqual([
        ['GET', `/sobjects/Contact/${id}`, ['Contact']],
      ]);
    }
  });

  it('a well-formed id of no record answers 404 NOT_FOUND', async () => {
    const id15 = '003Pu000000ZZZZ';
    const res = await gw.request('GET', `/api/v1/crm/records/Contact/${id15}${salesforceIdSuffix(id15)}`, {
      token,
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: 'No such record.' });
  });

  describe('click-to-dial (B6)', () => {
    const dials = () => dialer.calls.filter((c) => c.method === 'Dial');

    it.each([
      ['a path in the record id', '../../limits/..'],
      ['an 18-character id with a bad checksum', () => `${contact15()}AAA`],
      ['a 15-character id with a bad character', () => `${contact.slice(0, 14)}-`],
    ])('%s: 400 VALIDATION_FAILED naming crmRecordId; nothing dialed, nothing read', async (_n, value) => {
      const before = dials().length;
      const crmRecordId = typeof value === 'function' ? value() : value;
      let res: Awaited<ReturnType<GatewayHarness['request']>> | undefined;
      const calls = await callsDuring(async () => {
        res = await gw.request('POST', '/api/v1/calls', {
          token,
          body: { number: '+14155550100', crmRecordId },
        });
      });
      expect(res?.status).toBe(400);
      expect(res?.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [expect.objectContaining({ path: 'crmRecordId' })] },
      });
      expect(calls).toEqual([]);
      expect(dials().length).toBe(before);
    });

    it('a valid id of an object Puente does not read (a Case) dials the number alone, without asking the org', async () => {
      dialer.on('Dial', () => ({ call: dialed('c2d-case') }));
      const id15 = '500Pu0000000001';
      let res: Awaited<ReturnType<GatewayHarness['request']>> | undefined;
      const calls = await callsDuring(async () => {
        res = await gw.request('POST', '/api/v1/calls', {
          token,
          body: { number: '+14155550100', crmRecordId: id15 + salesforceIdSuffix(id15) },
        });
      });
      expect(res?.status).toBe(201);
      expect(calls).toEqual([]);
      expect(dials().at(-1)?.body).toEqual({ number: '+14155550100' });
    });

    it("a Contact's id is read from the org (its neoCrmId__c) with one query on Contact", async () => {
      dialer.on('Dial', () => ({ call: dialed('c2d-contact') }));
      let res: Awaited<ReturnType<GatewayHarness['request']>> | undefined;
      const calls = await callsDuring(async () => {
        res = await gw.request('POST', '/api/v1/calls', {
          token,
          body: { number: '+14155550100', crmRecordId: contact },
        });
      });
      expect(res?.status).toBe(201);
      expect(calls.map((c) => c.queriedEntities)).toEqual([['Contact']]);
    });
  });

  it('a queued write naming a bad record id or Task link is parked at once, and never sent', async () => {
    const outbox = gw.app.get(OutboxWorker);
    const before = (await outbox.store.counts()).dead;
    const calls = await callsDuring(async () => {
      await outbox.enqueue('fields', 'forged-fields', {
        objectType: 'Contact',
        recordId: `${contact15()}AAA`,
        values: { neoContactId__c: '1' },
      });
      await outbox.enqueue('task', 'forged-task', {
        task: { CallObject: 'forged-task', WhoId: `../../${contact}` },
      });
      await outbox.round();
    });
    expect((await outbox.store.counts()).dead).toBe(before + 2);
    expect(calls).toEqual([]);
  });

  it('syncing a crafted call id answers 404 and reaches neither the org nor the dialer', async () => {
    let status = 0;
    const calls = await callsDuring(async () => {
      status = (await gw.request('POST', `/api/v1/calls/${TRAVERSAL}/crm/sync`, { token })).status;
    });
    expect(status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('issue 16 §2.3: linking a crafted record or call id is refused before the org is asked', async () => {
    const answers: { status: number; code: string }[] = [];
    const calls = await callsDuring(async () => {
      for (const [callId, body] of [
        ['1', { objectType: 'Contact', recordId: '../../sobjects/User' }],
        ['1', { objectType: 'User', recordId: '005000000000000AAA' }],
        ['1', { objectType: 'Lead', recordId: '003000000000000AAA' }],
        [TRAVERSAL, { objectType: 'Contact', recordId: '003000000000000AAA' }],
      ] as const) {
        const res = await gw.request('POST', `/api/v1/calls/${callId}/crm/link`, { token, body });
        answers.push({ status: res.status, code: res.body?.code });
      }
    });
    expect(answers).toEqual([
      { status: 400, code: 'VALIDATION_FAILED' },
      { status: 400, code: 'VALIDATION_FAILED' },
      { status: 400, code: 'VALIDATION_FAILED' },
      { status: 404, code: 'NOT_FOUND' },
    ]);
    expect(calls).toEqual([]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition never met');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function dialed(callId: string) {
  return {
    callId,
    direction: 'outbound' as const,
    state: 'dialing' as const,
    number: '+14155550100',
    campaignId: null,
    queueId: null,
    dialerMode: 'manual' as const,
    startedAt: new Date().toISOString(),
    answeredAt: null,
    transfer: null,
    participants: [],
    recordingUrl: null,
  };
}
