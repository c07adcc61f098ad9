import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { AgentStreams } from '../events/agent-streams.service';
import { input } from '../events/agent-event-input';

/**
 * Issue 18 §3 (the rolling restart saw agent11#14 twice): a socket joins its
 * agent's room before its resume answer is read, so an event committed in
 * between reached it live *and* in the answer. In a cluster the answer is
 * read from Redis, so that window is a network round trip wide; here the
 * commit is put inside it on purpose.
 */
describe('a panel resuming while events are committed (issue 18 §3)', () => {
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

  it('gets each event once, in order: the answer, then what came live after it', async () => {
    const token = (await gw.login('agent1')).accessToken;
    const first = await gw.panel(token);
    const streams = gw.app.get(AgentStreams);
    const agentId = first.state.agentId || 'a1';
    const resume = streams.resume.bind(streams);
    const error = (n: number) => input('system.error', { code: 'TEST', message: `during resume ${n}` });
    // Commits land while the answer is read: one before the read starts, one after it.
    jest.spyOn(streams, 'resume').mockImplementation(async (id, lastSeq) => {
      streams.append(id, [error(1)]);
      await streams.settled(id);
      const answer = await resume(id, lastSeq);
      streams.append(id, [error(2)]);
      await streams.settled(id);
      return answer;
    });

    const before = first.state.seq;
    const second = await gw.panel(token, before, agentId, first.state);
    await second.waitFor((e) => e.type === 'system.error' && e.payload.message === 'during resume 2');
    streams.append(agentId, [error(3)]);
    await second.waitFor((e) => e.type === 'system.error' && e.payload.message === 'during resume 3');

    const seqs = second.events.map((e) => e.seq);
    expect(seqs).toEqual([before + 1, before + 2, before + 3]);
    expect(second.state).toEqual(streams.state(agentId));
    // The panel that was already there saw them live, once each.
    await first.waitFor((e) => e.seq === before + 3);
    expect(first.events.filter((e) => e.seq > before).map((e) => e.seq)).toEqual(seqs);
  });
});
