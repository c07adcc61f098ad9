import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import {
  API_VERSION,
  clientCredentialsConnection,
  demoOAuth2,
  refreshableConnection,
  rejectionOf,
} from '../testing/jsforce-clients';

async function operator(emulator: TestEmulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${emulator.url}/__emulator${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('fault injection and token refresh with jsforce as the client', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 50 });
  });

  afterEach(() => operator(emulator, 'DELETE', '/faults'));
  afterAll(() => emulator.close());

  it('refreshes with the refresh token after every session is expired, once for concurrent calls, at the same URL', async () => {
    const conn = await refreshableConnection(emulator.url);
    const before = conn.accessToken;
    let refreshes = 0;
    conn.on('refresh', () => refreshes++);
    expect((await operator(emulator, 'POST', '/sessions/expire')).body['expired']).toBeGreaterThan(0);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => conn.query('SELECT Id FROM User LIMIT 1')),
    );
    expect(results.every((r) => r.totalSize === 1)).toBe(true);
    expect(refreshes).toBe(1);
    expect(conn.accessToken).not.toBe(before);
    expect(conn.instanceUrl).toBe(emulator.url);
  });

  it('answers the next call 401 when told, ending the session: client credentials re-authorize through refreshFn', async () => {
    const conn = await clientCredentialsConnection(emulator.url);
    const before = conn.accessToken as string;
    await operator(emulator, 'PATCH', '/faults', { unauthorizedNextCalls: 1 });
    expect((await conn.query('SELECT Id FROM User LIMIT 1')).totalSize).toBe(1);
    expect(conn.accessToken).not.toBe(before);
    const stale = new Connection({ instanceUrl: emulator.url, accessToken: before, version: API_VERSION });
    expect(await rejectionOf(stale.query('SELECT Id FROM User'))).toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
    });
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED while switched on, and after N calls', async () => {
    const conn = await clientCredentialsConnection(emulator.url);
    await operator(emulator, 'PATCH', '/faults', { requestLimitExceeded: true });
    expect(await rejectionOf(conn.query('SELECT Id FROM User'))).toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      message: 'TotalRequests Limit exceeded.',
    });
    await operator(emulator, 'PUT', '/faults', { requestLimitAfterCalls: 1 });
    await conn.query('SELECT Id FROM User LIMIT 1');
    expect(await rejectionOf(conn.limits())).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
  });

  it('answers 500 UNKNOWN_EXCEPTION for the share of calls the error rate says; jsforce retries those', async () => {
    const conn = await clientCredentialsConnection(emulator.url);
    await operator(emulator, 'PATCH', '/faults', { errorRate: 1 });
    const res = await fetch(`${emulator.url}/services/data/v62.0/limits`, {
      headers: { Authorization: `Bearer ${conn.accessToken}` },
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual([
      {
        errorCode: 'UNKNOWN_EXCEPTION',
        message: expect.stringMatching(
          /^An unexpected error occurred\. Please include this ErrorId if you contact support: /,
        ),
      },
    ]);
    // jsforce retries a 500 after 500 ms (then 1 s, 2 s…), so one failed call costs time, not the answer.
    await operator(emulator, 'PATCH', '/faults', { errorRate: 0, failNextCalls: 1 });
    const started = performance.now();
    expect((await conn.query('SELECT Id FROM User LIMIT 1')).totalSize).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('adds the configured latency to API and token calls', async () => {
    await operator(emulator, 'PATCH', '/faults', { latencyMs: 120 });
    const started = performance.now();
    const conn = await clientCredentialsConnection(emulator.url);
    await conn.query('SELECT Id FROM User LIMIT 1');
    expect(performance.now() - started).toBeGreaterThanOrEqual(230);
  });

  it('counts token and API requests, refused ones included, and how many token requests overlapped', async () => {
    await operator(emulator, 'DELETE', '/requests');
    await operator(emulator, 'PATCH', '/faults', { latencyMs: 100 });
    const [token] = await Promise.all(
      [1, 2, 3].map(() => demoOAuth2(emulator.url).requestToken({ grant_type: 'client_credentials' })),
    );
    await rejectionOf(demoOAuth2(emulator.url, 'wrong').requestToken({ grant_type: 'client_credentials' }));
    // Plain fetch: jsforce would retry the 500 by itself and blur the counts.
    const limits = (bearer: string) =>
      fetch(`${emulator.url}/services/data/v62.0/limits`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect((await limits(token.access_token)).status).toBe(200);
    expect((await limits('00Dnot-a-session')).status).toBe(401);
    await operator(emulator, 'PATCH', '/faults', { failNextCalls: 1 });
    expect((await limits(token.access_token)).status).toBe(500);
    const counted = await operator(emulator, 'GET', '/requests');
    expect(counted.body).toMatchObject({
      token: { requests: 4, refused: 1, inFlight: 0, maxInFlight: 3 },
      api: { requests: 3, unauthorized: 1, failed: 1 },
    });
    expect((await operator(emulator, 'GET', '')).body['requests']).toEqual(counted.body);
    expect((await operator(emulator, 'DELETE', '/requests')).body).toMatchObject({
      token: { requests: 0, maxInFlight: 0 },
      api: { requests: 0 },
    });
  });

  it('shows and validates the fault settings at /__emulator', async () => {
    const status = await operator(emulator, 'GET', '');
    expect(status.body).toMatchObject({ orgId: expect.stringMatching(/^00D/), faults: { errorRate: 0 } });
    expect(await operator(emulator, 'PATCH', '/faults', { errorRate: 2 })).toMatchObject({ status: 400 });
    expect(await operator(emulator, 'PATCH', '/faults', { erorRate: 0.1 })).toMatchObject({ status: 400 });
  });
});

describe('fault settings from the environment', () => {
  it('starts with the configured API limit, 401 rate and REQUEST_LIMIT_EXCEEDED', async () => {
    const limited = await startTestEmulator({
      SALESFORCE_EMULATOR_SEED_RECORDS: 0,
      SALESFORCE_EMULATOR_DAILY_API_LIMIT: 2,
    });
    const conn = await clientCredentialsConnection(limited.url);
    await conn.limits();
    await conn.limits();
    expect(await rejectionOf(conn.limits())).toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    await limited.close();
    const blocked = await startTestEmulator({
      SALESFORCE_EMULATOR_SEED_RECORDS: 0,
      SALESFORCE_EMULATOR_REQUEST_LIMIT_EXCEEDED: true,
    });
    expect(await rejectionOf((await clientCredentialsConnection(blocked.url)).limits())).toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    });
    await blocked.close();
    const flaky = await startTestEmulator({
      SALESFORCE_EMULATOR_SEED_RECORDS: 0,
      SALESFORCE_EMULATOR_UNAUTHORIZED_RATE: 1,
    });
    const stale = new Connection({
      instanceUrl: flaky.url,
      accessToken: (await clientCredentialsConnection(flaky.url)).accessToken as string,
      version: API_VERSION,
    });
    expect(await rejectionOf(stale.limits())).toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
    await flaky.close();
  });
});

describe('the login rate limit', () => {
  it("refuses a user's logins beyond the hourly allowance, as Salesforce does, without ending live sessions", async () => {
    const org = await startTestEmulator({
      SALESFORCE_EMULATOR_SEED_RECORDS: 0,
      SALESFORCE_EMULATOR_LOGINS_PER_HOUR: 2,
    });
    const first = await clientCredentialsConnection(org.url);
    await demoOAuth2(org.url).requestToken({ grant_type: 'client_credentials' });
    const refused = await rejectionOf(demoOAuth2(org.url).requestToken({ grant_type: 'client_credentials' }));
    expect(refused).toMatchObject({ name: 'invalid_grant', message: 'login rate exceeded' });
    expect((await first.limits()).DailyApiRequests).toBeDefined();
    await org.close();
  });
});

describe('persistence in the data folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sf-org-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps records and sessions across a restart and does not seed again', async () => {
    const config = {
      PUENTE_DATA_DIR: dir,
      SALESFORCE_EMULATOR_PERSIST: true,
      SALESFORCE_EMULATOR_SEED_RECORDS: 40,
    };
    const first = await startTestEmulator(config);
    const conn = await clientCredentialsConnection(first.url);
    const { id } = await conn
      .sobject('Contact')
      .create({ LastName: 'Persistente', Phone: '+54 11 4999-0000' });
    const counts = first.org.recordCounts();
    await first.close();
    expect(readdirSync(join(dir, 'salesforce', 'records'))).toContain('Contact.json');
    expect(readdirSync(join(dir, 'salesforce')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await startTestEmulator(config);
    expect(second.org.recordCounts()).toEqual(counts);
    const again = new Connection({
      instanceUrl: second.url,
      accessToken: conn.accessToken as string,
      version: API_VERSION,
    });
    const found = await again.query(
      `SELECT Id FROM PhoneIndex__c WHERE E164__c = '+541149990000' AND RecordId__c = '${id}'`,
    );
    expect(found.totalSize).toBe(1);
    const more = await again.sobject('Contact').create({ LastName: 'Después' });
    expect(more.id).not.toBe(id);
    await second.close();
  });
});
