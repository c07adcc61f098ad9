import { SqliteStorage } from '../store/sqlite-storage';
import { describeMonitorAuditRepository } from './monitor-audit.repository.contract';
import { SqliteMonitorAuditRepository } from './sqlite-monitor-audit.repository';

describe('SqliteMonitorAuditRepository', () => {
  describeMonitorAuditRepository(() => new SqliteMonitorAuditRepository(new SqliteStorage(':memory:')));
});
