import { MetricsService } from '../metrics/metrics.service';
import { SqliteStorage } from '../store/sqlite-storage';
import { describeAgentStreams } from './agent-streams.contract';
import { LocalAgentStreams } from './local-agent-streams';
import { SqliteAgentEventLog } from './sqlite-agent-event-log';

describe('LocalAgentStreams (issue 15 §1, one node)', () => {
  let store: SqliteStorage;
  afterEach(() => store.close());

  describeAgentStreams(() => {
    store = new SqliteStorage(':memory:');
    return new LocalAgentStreams(new SqliteAgentEventLog(store, 100), new MetricsService());
  });
});
