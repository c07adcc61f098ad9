import { startClusterNode } from '../../testing/cluster-node';
import { Logger } from '@nestjs/common';
import { SOCKET_NAMESPACES } from '@puente/contracts';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { describeWithRedis, startRedis, type TestRedis } from '@puente/server-kit/testing';
import { io, Manager, type Socket } from 'socket.io-client';
import { CapturedLogs } from '../../testing/captured-logs';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { until } from '../../testing/ledger';
import { TcpGate } from '../../testing/tcp-gate';
import { SessionService } from '../auth/session.service';
import { AgentOwnership } from '../events/agent-ownership';
import { SOCKETS_RELEASED_AFTER_MS } from '../realtime/redis-loss';
import { REDIS, type RedisConnection } from './redis.provider';

const CALL = {
  callId: 'c-shared-session',
  direction: 'outbound' as const,
  state: 'dialing' as const,
  number: '+541155550077',
  campaignId: null,
  queueId: null,
  dialerMode: 'manual' as const,
  startedAt: new Date().toISOString(),
  answeredAt: null,
  transfer: null,
  participants: [],
  recordingUrl: null,
};
const SOCKET = { transports: ['websocket'], reconnection: false };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 18 §2, sessions on Redis: a session made on node A is served by
 * node B (commands, refresh, logout), a refresh token rotates once across
 * the cluster, and an end on one node closes the session on every node.
 */
describeWithRedis('sessions shared by two gateway nodes (issue 18 §2)', () => {
  let redis: TestRedis;
  let dialer: FakeNeoApiServer;
  let a: GatewayHarness;
  let b: GatewayHarness;
  const sockets: Socket[] = [];
  const logs = new CapturedLogs();
  const env = {
    LOGIN_RATE_PER_USER: '100',
    LOGIN_RATE_PER_ADDRESS: '100',
    REFRESH_RATE_PER_SESSION: '100',
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = await startRedis();
    dialer = await startFakeDialer();
    dialer.on('Dial', () => ({ call: CALL }));
    a = await startClusterNode(redis.url, { dialerUrl: dialer.url, env });
    b = await startClusterNode(redis.url, { dialerUrl: dialer.url, env });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a?.stop();
    await b?.stop();
    await dialer?.stop();
    await redis?.stop();
  });

  const dials = (agentId: string) =>
    dialer.calls.filter((c) => c.method === 'Dial' && c.agentId === agentId).length;
  const refresh = (node: GatewayHarness, refreshToken: string) =>
    node.request('POST', '/api/v1/sessions/refresh', { body: { refreshToken }, key: false });
  /** A panel's socket of the agents' namespace on one node, connected. */
  const panelOn = async (node: GatewayHarness, token: string): Promise<Socket> => {
    const socket = io(`${node.url}${SOCKET_NAMESPACES.agents}`, { ...SOCKET, auth: { token } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const dial = (node: GatewayHarness, token: string, key: string) =>
    node.request('POST', '/api/v1/calls', { token, body: { number: '+541155550077' }, key });

  it("a command on B with A's access token acts at the dialer", async () => {
    const session = await a.login('agent1');
    const before = dials('a1');
    const res = await dial(b, session.accessToken, 'shared-dial-0001');
    expect(res.status).toBe(201);
    expect(dials('a1')).toBe(before + 1);
  });

  it('a refresh on B rotates the token: the old refresh token is refused on A', async () => {
    const session = await a.login('agent2');
    const onB = await refresh(b, session.refreshToken);
    expect(onB.status).toBe(200);
    const fresh = onB.body as { accessToken: string; refreshToken: string; sessionId: string };
    expect(fresh.sessionId).toBe(session.sessionId);
    expect((await refresh(a, session.refreshToken)).status).toBe(401);
    // The new pair works on A.
    expect((await dial(a, fresh.accessToken, 'shared-dial-0002')).status).toBe(201);
    expect((await refresh(a, fresh.refreshToken)).status).toBe(200);
  });

  it('two refreshes with the same token at once on A and B: exactly one succeeds', async () => {
    for (let round = 0; round < 5; round++) {
      const session = await a.login('agent2');
      const answers = await Promise.all([refresh(a, session.refreshToken), refresh(b, session.refreshToken)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
      // The one new refresh token is good on the node whose refresh lost.
      const winner = answers[0].status === 200 ? 0 : 1;
      const next = (answers[winner].body as { refreshToken: string }).refreshToken;
      expect((await refresh(winner === 0 ? b : a, next)).status).toBe(200);
    }
  });

  it("logout on B: A refuses the access token and A's socket of that session hears session.ended", async () => {
    const session = await a.login('agent1');
    const socket = await panelOn(a, session.accessToken);
    const ended = new Promise<{ reason: string }>((resolve) => socket.once('session.ended', resolve));
    expect(
      (await b.request('DELETE', '/api/v1/sessions/current', { token: session.accessToken })).status,
    ).toBe(204);
    expect(await ended).toEqual({ reason: 'logout' });
    const onA = await dial(a, session.accessToken, 'shared-dial-0003');
    expect(onA.status).toBe(401);
    expect(onA.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a logout on B that node C could not hear (C cut off Redis for a moment): C closes the socket once Redis is back', async () => {
    // Node C reaches Redis through a gate of its own, to be cut off alone.
    const gate = await new TcpGate({ host: '127.0.0.1', port: redis.port }).open();
    const c = await startClusterNode(`redis://127.0.0.1:${gate.port}`, { dialerUrl: dialer.url, env });
    try {
      const session = await b.login('agent1');
      const socket = await panelOn(c, session.accessToken);
      const ended = new Promise<{ reason: string }>((resolve) => socket.once('session.ended', resolve));
      const connection = c.app.get<RedisConnection>(REDIS);
      await gate.cut();
      await until('C without Redis', () => !connection.isUp || undefined, 2000, 10);
      // The end is published while C cannot hear it; C is back well within the sockets' grace.
      const cutAt = Date.now();
      expect(
        (await b.request('DELETE', '/api/v1/sessions/current', { token: session.accessToken })).status,
      ).toBe(204);
      await gate.open();
      const told = await Promise.race([ended, sleep(SOCKETS_RELEASED_AFTER_MS).then(() => null)]);
      expect(told).toEqual({ reason: 'expired' });
      expect(Date.now() - cutAt).toBeLessThan(SOCKETS_RELEASED_AFTER_MS);
      await until('the socket closed', () => !socket.connected || undefined, 1000, 10);
    } finally {
      await c.stop();
      await gate.cut();
    }
  });

  it('Redis frozen: a command answers 503 REDIS_UNAVAILABLE; after SIGCONT the same session works again', async () => {
    const session = await a.login('agent2');
    const before = dials('a2');
    // Nest's logger is one per process (the last node started set it): every in-process node logs here now.
    Logger.overrideLogger(logs);
    await redis.kill('SIGSTOP');
    try {
      const res = await dial(b, session.accessToken, 'shared-dial-0004');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'REDIS_UNAVAILABLE' });
      // The operator sees why, where, and for which request (no token in the line).
      const logged = logs.about(res.body.requestId);
      expect(logged.map((l) => l.level)).toContain('warn');
      expect(logged.find((l) => l.level === 'warn')?.text).toMatch(
        /Redis cannot be reached: .*RedisSessionRepository/s,
      );
      expect(logged.map((l) => l.text).join('\n')).not.toContain(session.accessToken);
      const refreshed = await refresh(b, session.refreshToken);
      expect(refreshed.status).toBe(503);
      expect(dials('a2')).toBe(before);
      // A panel connecting now is refused for what it is, not as logged out (it would refresh its
      // token or end the session, where it only has to try again) …
      const manager = new Manager(b.url, SOCKET);
      const status = manager.socket(SOCKET_NAMESPACES.status);
      sockets.push(status);
      await new Promise<void>((resolve) => status.once('connect', () => resolve()));
      // … and its connection is closed, so that its next attempt goes through the balancer again, maybe
      // to a node that has Redis: left open, the panel's /status socket on it pinned the panel here.
      const closed = new Promise<void>((resolve) => manager.once('close', () => resolve()));
      const socket = manager.socket(SOCKET_NAMESPACES.agents, { auth: { token: session.accessToken } });
      sockets.push(socket);
      const refusal = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      expect(refusal.data?.code).toBe('REDIS_UNAVAILABLE');
      await expect(
        Promise.race([closed.then(() => 'closed'), sleep(2000).then(() => 'still open')]),
      ).resolves.toBe('closed');
    } finally {
      await redis.kill('SIGCONT');
    }
    const deadline = Date.now() + 5000;
    let again = { status: 0 } as { status: number };
    while (Date.now() < deadline && again.status !== 201) {
      again = await dial(b, session.accessToken, 'shared-dial-0005');
      if (again.status !== 201) await new Promise((r) => setTimeout(r, 100));
    }
    expect(again.status).toBe(201);
    expect(dials('a2')).toBe(before + 1);
    // A comes back by itself too, on its own reconnect schedule (up to REDIS_RECONNECT_MAX_MS behind B's).
    let refreshed = 0;
    for (const end = Date.now() + 10_000; Date.now() < end && refreshed !== 200;) {
      refreshed = (await refresh(a, session.refreshToken)).status;
      if (refreshed !== 200) await sleep(100);
    }
    expect(refreshed).toBe(200);
  }, 30_000);

  it('a node that loses an agent to another node still acts for the requests it had already let in', async () => {
    const session = await a.login('agent1');
    const onA = a.app.get(SessionService);
    // A request authenticated on A (its guard ran) whose handler has not asked for the dialer token yet …
    const { session: caller } = await onA.authenticate(session.accessToken);
    // … while another node takes the agent over, as one does when A's heartbeat lapsed (a stalled node).
    await b.app.get(AgentOwnership).claim('a1');
    await until(
      'node A to hear that the agent is followed elsewhere',
      async () => !onA.all().some((s) => s.sessionId === session.sessionId) || undefined,
      5000,
      20,
    );
    // The session goes on (on B): A's request acts with it instead of answering 401.
    const onB = b.app.get(SessionService);
    await onB.authenticate(session.accessToken);
    expect(onA.dialerToken(caller)).toBe(onB.dialerToken(caller));
    expect((await dial(a, session.accessToken, 'shared-dial-0006')).status).toBe(201);
  });
});
