import { SqliteStorage } from '../../store/sqlite-storage';
import { describeOutboxRepository } from './outbox.repository.contract';
import { SqliteOutboxRepository } from './sqlite-outbox.repository';

describe('SqliteOutboxRepository', () => {
  describeOutboxRepository(() => new SqliteOutboxRepository(new SqliteStorage(':memory:')));
});
