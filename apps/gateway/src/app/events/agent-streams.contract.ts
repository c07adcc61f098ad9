import type { AgentEvent, AgentState } from '@puente/contracts';
import { input } from './agent-event-input';
import type { AgentStreams } from './agent-streams.service';

const contact = {
  lastCallId: '3',
  contactId: '501',
  databaseId: '12',
  crmId: '3',
  crmKey: 'K-501',
  phoneNumber: '+541155551234',
  campaignId: '1',
  queueId: null,
  callReason: null,
  externalData: {},
};

const idle = () => input('agent.state_changed', { activity: 'idle', breakState: null });

/**
 * What any AgentStreams does (one node's and a cluster's), checked after
 * `settled`: a cluster commits shortly after `append` returns.
 */
export function describeAgentStreams(make: () => AgentStreams | Promise<AgentStreams>): void {
  describe('AgentStreams behaviour', () => {
    let streams: AgentStreams;
    let published: AgentEvent[];
    beforeEach(async () => {
      streams = await make();
      published = [];
      streams.published.subscribe((e) => published.push(e));
    });

    it('numbers events per agent from 1 and publishes each once, to acting and showing subscribers', async () => {
      const observed: number[] = [];
      streams.observed.subscribe((e) => observed.push(e.seq));
      streams.append('7', [idle(), idle()]);
      streams.append('7', [idle()]);
      streams.append('8', [idle()]);
      await Promise.all([streams.settled('7'), streams.settled('8')]);
      expect(published.filter((e) => e.agentId === '7').map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(published.filter((e) => e.agentId === '8').map((e) => e.seq)).toEqual([1]);
      expect(observed.sort()).toEqual([1, 1, 2, 3]);
    });

    it('a resync moves the dialer cursor back (a restarted dialer counts from 1) while the panel seq goes on', async () => {
      streams.append('7', [idle()], 40);
      streams.append('7', [], 12);
      await streams.settled('7');
      expect(streams.dialerSeq('7')).toBe(40);
      streams.resync('7', [input('agent.state_changed', { activity: 'available', breakState: null })], {
        seq: 2,
        epoch: 'run-2',
        instanceId: 'dialer-A',
      });
      await streams.settled('7');
      expect(published.map((e) => e.seq)).toEqual([1, 2]);
      expect(streams.dialerCursor('7')).toEqual({ seq: 2, epoch: 'run-2', instanceId: 'dialer-A' });
      streams.append('7', [], 1);
      await streams.settled('7');
      expect(streams.dialerSeq('7')).toBe(2);
    });

    it('skips a dialer update whose seq was already applied', async () => {
      streams.append('7', [idle()], 5, 'update');
      streams.append('7', [idle()], 5, 'update');
      streams.append('7', [idle()], 4, 'update');
      await streams.settled('7');
      expect(published.map((e) => e.seq)).toEqual([1]);
    });

    it('subscribers see the state as of each event of a batch, not only the end of it', async () => {
      const seen: [string, AgentState['call']][] = [];
      streams.published.subscribe((e) => seen.push([e.type, streams.state('7').call]));
      streams.append('7', [
        input('call.offered', {
          callId: '3',
          direction: 'outbound',
          party: '+541155551234',
          dialerMode: 'predictive',
          campaignId: '1',
          queueId: null,
          status: 'ringing',
          contact,
        }),
        input('call.ended', { callId: '3', cause: 'ended_while_disconnected' }),
        input('contact.released', {
          contactId: '501',
          categoryId: null,
          subcategoryId: null,
          scheduledFor: null,
        }),
      ]);
      await streams.settled('7');
      expect(seen.map(([type, call]) => [type, call?.status ?? null])).toEqual([
        ['call.offered', 'ringing'],
        ['call.ended', 'ended'],
        ['contact.released', null],
      ]);
      expect(streams.state('7').call).toBeNull();
    });

    it('resumes a panel with the events it missed, or a snapshot when it knows nothing', async () => {
      for (let i = 0; i < 5; i++) streams.append('7', [idle()]);
      await streams.settled('7');
      const replay = await streams.resume('7', 2);
      expect(replay.mode === 'replay' && replay.events.map((e) => e.seq)).toEqual([3, 4, 5]);
      expect(await streams.resume('7', 5)).toEqual({ mode: 'replay', events: [] });
      const snapshot = await streams.resume('7', 0);
      expect(snapshot.mode).toBe('snapshot');
    });
  });
}
