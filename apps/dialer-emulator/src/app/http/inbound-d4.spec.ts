import { MemoryDialerStore } from '../store/memory-store';
import { type AgentHandle, startTestDialer, type TestDialer } from '../../testing/test-dialer';

/**
 * D4 in the emulator, over HTTP: missed calls (one entry per call, for the
 * queue's responsible user, whoever's phone rang), owner routing with the
 * queue's wait, and the blacklist treatments per queue.
 */
describe('inbound D4: missed calls, owners, blacklist', () => {
  let dialer: TestDialer;
  let store: MemoryDialerStore;
  const place = async (body: Record<string, unknown>) => {
    const res = await fetch(`${dialer.url}/operator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as {
      callId: string;
      clavesf: string | null;
      contactId: string | null;
      refused: string | null;
      ownerHold: string | null;
    };
  };
  const hangup = (callId: string) =>
    fetch(`${dialer.url}/operator/calls/${callId}/hangup`, { method: 'POST' });
  const ready = async (user: string, device: string): Promise<AgentHandle> => {
    const agent = await dialer.login(user, device);
    await agent.call('CRM_Available', {});
    return agent;
  };

  beforeEach(async () => {
    store = new MemoryDialerStore({ contacts: 100 });
    // Callers wait (almost) forever unless the test hangs up; agents answer after 1 s.
    dialer = await startTestDialer({
      store,
      rates: { customersHangUp: false, queuePatienceSecondsMean: 36000, agentAnswerSeconds: 1 },
    });
  });
  afterEach(() => dialer.close());

  it('a caller who hangs up while phones ring is ONE missed call for the responsible user', async () => {
    const reader = await dialer.login('agent15', '1015');
    const agent = await ready('agent01', '1001');
    const placed = await place({ number: '+541155551234', queueId: '1' });
    // agent01's phone is ringing (auto-answer after 1 s); the caller gives up first.
    expect((await agent.call('Position', {})).call?.state).toBe('ringing');
    await hangup(placed.callId);
    const page = await reader.call('Get_MissedCalls', {});
    expect(page.missedCalls).toHaveLength(1);
    expect(page.missedCalls[0]).toMatchObject({
      seq: 1,
      callId: placed.callId,
      queueId: '1',
      number: '+541155551234',
      clavesf: placed.clavesf,
      crmKey: '+541155551234',
      cause: 'abandoned',
      responsible: { userId: '21', user: 'super01', email: 'supervisor1@puente.demo' },
      offeredTo: [agent.agentId],
    });
    // The cursor: nothing new after the last one read.
    expect((await reader.call('Get_MissedCalls', { after: page.last })).missedCalls).toEqual([]);
  });

  it('a caller nobody takes leaves after the queue max wait (max_wait); answered calls are not missed', async () => {
    const reader = await dialer.login('agent15', '1015');
    dialer.engine.world.queue('1').maxWaitSeconds = 30;
    const waiting = await place({ number: '+541155550001', queueId: '1' });
    await dialer.advance(31);
    const agent = await ready('agent01', '1001');
    await place({ number: '+541155550002', queueId: '1' });
    await dialer.advance(2);
    expect((await agent.call('Position', {})).call?.state).toBe('talking');
    const { missedCalls } = await reader.call('Get_MissedCalls', {});
    expect(missedCalls.map((m) => [m.callId, m.cause, m.offeredTo])).toEqual([
      [waiting.callId, 'max_wait', []],
    ]);
  });

  it('a known caller with an owner rings the owner first, waits for a busy owner, then anyone', async () => {
    const first = await place({ number: '+541155557777', queueId: '1' });
    await hangup(first.callId);
    const contactId = first.contactId ?? '';
    const owner = await ready('agent02', '1002');
    store.setOwner(contactId, owner.agentId);
    const other = await ready('agent01', '1001');
    await dialer.advance(1);
    // Both free; agent01 has waited longer, but the owner gets the call.
    const toOwner = await place({ number: '+541155557777', queueId: '1' });
    expect(toOwner.ownerHold).toBe(owner.agentId);
    expect((await owner.call('Position', {})).call?.callId).toBe(toOwner.callId);
    expect((await other.call('Position', {})).call).toBeNull();
    // The owner is busy now: the next call waits for them (15 s in queue 1), then goes to anyone.
    const held = await place({ number: '+541155557777', queueId: '1' });
    await dialer.advance(10);
    expect((await other.call('Position', {})).call).toBeNull();
    await dialer.advance(6);
    expect((await other.call('Position', {})).call?.callId).toBe(held.callId);
  });

  it('owner routing is per queue, and an owner on a break is not waited for', async () => {
    const first = await place({ number: '+541155558888', queueId: '1' });
    await hangup(first.callId);
    const owner = await ready('agent02', '1002');
    store.setOwner(first.contactId ?? '', owner.agentId);
    await owner.call('Pause', { breakStateId: '1' });
    const other = await ready('agent01', '1001');
    const placed = await place({ number: '+541155558888', queueId: '1' });
    expect(placed.ownerHold).toBeNull();
    expect((await other.call('Position', {})).call?.callId).toBe(placed.callId);
    dialer.engine.world.queue('1').ownerRouting = false;
    await owner.call('Unpause', {});
    const again = await place({ number: '+541155558888', queueId: '1' });
    expect(again.ownerHold).toBeNull();
  });

  it('blacklisted callers get the queue treatment: no contact, no queueing, no missed call', async () => {
    const reader = await dialer.login('agent15', '1015');
    const agent = await ready('agent01', '1001');
    store.addToBlacklist('+5491155550666');
    const rejected = await place({ number: '+5491155550666', queueId: '1' });
    expect(rejected).toMatchObject({ refused: 'reject', clavesf: null, contactId: null });
    const announced = await place({ number: '+5491155550666', queueId: '2', data: '30111222' });
    expect(announced).toMatchObject({ refused: 'announcement', clavesf: null });
    await dialer.advance(10);
    expect((await agent.call('Position', {})).call).toBeNull();
    dialer.engine.world.queue('1').blacklistTreatment = 'allow';
    const allowed = await place({ number: '+5491155550666', queueId: '1' });
    expect(allowed.refused).toBeNull();
    expect(allowed.clavesf).toMatch(/^\d+-\+5491155550666$/);
    const causes = store.history.filter((h) => h.number === '+5491155550666').map((h) => h.cause);
    expect(causes).toEqual(['blacklist_reject', 'blacklist_announcement']);
    expect((await reader.call('Get_MissedCalls', {})).missedCalls).toEqual([]);
  });
});
