import type { AgentState } from '@puente/contracts';
import { MetricsService } from '../metrics/metrics.service';
import { SqliteStorage } from '../store/sqlite-storage';
import { input } from './agent-event-input';
import { AgentStreams } from './agent-streams.service';
import { SqliteAgentEventLog } from './sqlite-agent-event-log';

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

describe('AgentStreams (issue 15 §1)', () => {
  let store: SqliteStorage;
  let streams: AgentStreams;

  beforeEach(() => {
    store = new SqliteStorage(':memory:');
    streams = new AgentStreams(new SqliteAgentEventLog(store, 100), new MetricsService());
  });

  afterEach(() => store.close());

  it('a resync moves the dialer cursor back (a restarted dialer counts from 1) while the panel seq goes on', () => {
    streams.append('7', [input('agent.state_changed', { activity: 'idle', breakState: null })], 40);
    streams.append('7', [], 12);
    expect(streams.dialerSeq('7')).toBe(40);
    const events = streams.resync(
      '7',
      [input('agent.state_changed', { activity: 'available', breakState: null })],
      {
        seq: 2,
        epoch: 'run-2',
        instanceId: 'dialer-A',
      },
    );
    expect(events.map((e) => e.seq)).toEqual([2]);
    expect(streams.dialerCursor('7')).toEqual({ seq: 2, epoch: 'run-2', instanceId: 'dialer-A' });
    streams.append('7', [], 1);
    expect(streams.dialerSeq('7')).toBe(2);
  });

  it('subscribers see the state as of each event of a batch, not only the end of it', () => {
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
    expect(seen.map(([type, call]) => [type, call?.status ?? null])).toEqual([
      ['call.offered', 'ringing'],
      ['call.ended', 'ended'],
      ['contact.released', null],
    ]);
    expect(streams.state('7').call).toBeNull();
  });
});
