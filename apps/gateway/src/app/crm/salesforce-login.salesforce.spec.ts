import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { callCenterFile, offerCall, popOf, streamOpen } from '../../testing/call-script';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { SalesforceOrg, SF_DEMO } from '../../testing/salesforce-org';
import { CrmUnavailableError } from './crm.port';
import { classify } from './jsforce-crm.adapter';
import { OutboxWorker } from './outbox/outbox.worker';
import { jwtAudience } from './salesforce-auth';

jest.setTimeout(30_000);

describe("the gateway's Salesforce login (F2)", () => {
  const keys = mkdtempSync(join(tmpdir(), 'sf-jwt-'));
  const publicKey = join(keys, 'public.pem');
  const privateKey = join(keys, 'private.pem');
  let org: SalesforceOrg;
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness | undefined;

  beforeAll(async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    org = await new SalesforceOrg({ SALESFORCE_EMULATOR_JWT_PUBLIC_KEY: publicKey }).start();
    dialer = await startFakeDialer();
  });

  afterEach(async () => {
    await gw?.stop();
    gw = undefined;
  });

  afterAll(async () => {
    await dialer?.stop();
    await org?.stop();
  });

  async function gatewayWith(env: Record<string, string>) {
    gw = await new GatewayHarness({
      dialerUrl: dialer.url,
      salesforceUrl: org.url,
      env: { CALL_CENTER_FILE: callCenterFile(), ...env },
    }).start();
    const session = await gw.login('agent1');
    const panel = await gw.panel(session.accessToken);
    await streamOpen(dialer, 'a1');
    return { gw, panel, token: session.accessToken };
  }

  it('logs in with a JWT bearer assertion as the named user, and signs a new one when the session ends', async () => {
    const { panel } = await gatewayWith({
      SALESFORCE_AUTH: 'jwt',
      SALESFORCE_USERNAME: SF_DEMO.integrationUser,
      SALESFORCE_JWT_KEY_FILE: privateKey,
    });
    const first = await popOf(panel, offerCall(dialer, 'a1', { number: '+5491155550001' }));
    expect(first.payload.decision.type).toBe('record');
    await org.expireSessions();
    const callId = offerCall(dialer, 'a1', { number: '+5491155550001', contactId: '71001' });
    const second = await popOf(panel, callId);
    expect(second.payload.decision.type).toBe('record');
    const recordId = second.payload.decision.type === 'record' ? second.payload.decision.recordId : '';
    await gw?.app.get(OutboxWorker).round();
    const [row] = await org.query(
      `SELECT neoContactId__c, LastModifiedBy.Username FROM Contact WHERE Id = '${recordId}'`,
    );
    expect(row).toMatchObject({
      neoContactId__c: '71001',
      LastModifiedBy: { Username: SF_DEMO.integrationUser },
    });
    expect(panel.events.filter((e) => e.type === 'system.error')).toEqual([]);
  });

  it('says plainly when Salesforce refuses the credentials, and keeps the call log waiting', async () => {
    const { panel, token } = await gatewayWith({ SALESFORCE_CLIENT_SECRET: 'not-the-secret' });
    const callId = offerCall(dialer, 'a1', { number: '+5491155550001' });
    const pop = await popOf(panel, callId);
    expect(pop.payload.decision).toEqual({ type: 'none' });
    const error = await panel.waitFor((e) => e.type === 'system.error');
    expect(error.payload).toMatchObject({ code: 'CRM_ERROR', message: expect.stringContaining('login') });
    const search = await gw?.request('GET', '/api/v1/crm/search?q=Carmen', { token });
    expect(search?.body).toMatchObject({ code: 'CRM_ERROR' });
    dialer.emit('a1', 'CallEnded', { callId, cause: 'no_answer', talkSeconds: 0 });
    await panel.waitFor((e) => e.type === 'call.ended' && e.payload.callId === callId);
    const outbox = gw?.app.get(OutboxWorker);
    for (let i = 0; i < 10; i++) await outbox?.retryNow();
    // Ten refused logins later the Task is still waiting, not parked: it goes once the secret is fixed.
    expect(await outbox?.store.counts()).toEqual({ pending: 1, dead: 0 });
  });
});

describe('Salesforce error classes and the JWT audience', () => {
  it.each([
    ['REQUEST_LIMIT_EXCEEDED', true],
    ['UNKNOWN_EXCEPTION', true],
    ['ERROR_HTTP_503', true],
    ['INVALID_FIELD', false],
    ['DUPLICATE_VALUE', false],
    ['MALFORMED_QUERY', false],
  ])('%s is unavailable: %s', (errorCode, unavailable) => {
    const error = Object.assign(new Error(errorCode), { errorCode });
    expect(classify(error) instanceof CrmUnavailableError).toBe(unavailable);
  });

  it('treats an error without a code (network) as unavailable', () => {
    expect(classify(new TypeError('fetch failed'))).toBeInstanceOf(CrmUnavailableError);
  });

  it.each([
    ['https://login.salesforce.com', 'https://login.salesforce.com'],
    ['https://acme.my.salesforce.com', 'https://login.salesforce.com'],
    ['https://test.salesforce.com', 'https://test.salesforce.com'],
    ['https://acme--uat.sandbox.my.salesforce.com', 'https://test.salesforce.com'],
    ['https://acme--uat.my.salesforce.com', 'https://test.salesforce.com'],
    ['http://127.0.0.1:7002/', 'http://127.0.0.1:7002'],
  ])('the audience for %s is %s', (loginUrl, audience) => {
    expect(jwtAudience(loginUrl)).toBe(audience);
  });
});
