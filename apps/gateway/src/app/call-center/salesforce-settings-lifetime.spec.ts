import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { SessionService } from '../auth/session.service';
import { SqliteSessionRepository } from '../auth/sqlite-session.repository';
import { SqliteStorage } from '../store/sqlite-storage';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { SettingsRepository } from './settings.repository';

const sent = { callCenter: { '/label': 'Ventas' }, softphoneLayout: null };

/**
 * What a session's panel read from Salesforce ends with the session (issue
 * 17 §2), now that it lives in the SettingsRepository and no longer in the
 * sessions' own store (issue 18 §1): on logout, and when a session found
 * expired at start is discarded. And the caller a controller sees is a
 * Principal, without the dialer token.
 */
describe('Salesforce settings live as long as their session', () => {
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;

  beforeEach(async () => {
    dialer = await startFakeDialer();
    gw = await new GatewayHarness({ dialerUrl: dialer.url }).start();
  });

  afterEach(async () => {
    await gw.stop();
    await dialer.stop();
  });

  const loginWithSettings = async () => {
    const session = await gw.login('agent1');
    const put = await gw.request('PUT', '/api/v1/session/salesforce-settings', {
      token: session.accessToken,
      body: sent,
    });
    expect(put.status).toBe(200);
    expect(await gw.app.get(SettingsRepository).salesforceSettings(session.sessionId)).toEqual(sent);
    return session;
  };

  it('are dropped on logout', async () => {
    const session = await loginWithSettings();
    const out = await gw.request('DELETE', '/api/v1/sessions/current', { token: session.accessToken });
    expect(out.status).toBeLessThan(300);
    expect(await gw.app.get(SettingsRepository).salesforceSettings(session.sessionId)).toBeUndefined();
  });

  it('are dropped when the gateway starts and finds the session expired', async () => {
    const session = await loginWithSettings();
    await gw.stop();
    const storage = new SqliteStorage(`${gw.dataDir}/gateway`);
    const sessions = new SqliteSessionRepository(storage);
    for (const s of await sessions.all()) await sessions.put({ ...s, refreshExpiresAt: Date.now() - 1 });
    storage.close();
    gw = await new GatewayHarness({ dialerUrl: dialer.url, dataDir: gw.dataDir }).start();
    expect(gw.app.get(SessionService).get(session.sessionId)).toBeUndefined();
    expect(await gw.app.get(SettingsRepository).salesforceSettings(session.sessionId)).toBeUndefined();
  });

  it('the caller handed to controllers carries no dialer token nor refresh hash', async () => {
    const session = await gw.login('agent1');
    const { session: caller } = await gw.app.get(SessionService).authenticate(session.accessToken);
    expect(caller).toMatchObject({ sessionId: session.sessionId, agentId: session.agent.agentId });
    expect(Object.keys(caller).sort()).toEqual(
      ['agentId', 'device', 'displayName', 'email', 'roles', 'sessionId', 'user'].sort(),
    );
    expect(gw.app.get(SessionService).dialerToken(caller)).toEqual(expect.any(String));
  });
});
