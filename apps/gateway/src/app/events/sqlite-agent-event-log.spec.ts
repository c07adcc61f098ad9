import { SqliteStorage } from '../store/sqlite-storage';
import { describeAgentEventLog } from './agent-event-log.contract';
import { SqliteAgentEventLog } from './sqlite-agent-event-log';

describe('SqliteAgentEventLog', () => {
  describeAgentEventLog(() => new SqliteAgentEventLog(new SqliteStorage(':memory:'), 5), 5);
});
