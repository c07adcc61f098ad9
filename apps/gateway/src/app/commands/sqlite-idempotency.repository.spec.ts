import { SqliteStorage } from '../store/sqlite-storage';
import { describeIdempotencyRepository } from './idempotency.repository.contract';
import { SqliteIdempotencyRepository } from './sqlite-idempotency.repository';

describe('SqliteIdempotencyRepository', () => {
  describeIdempotencyRepository(() => new SqliteIdempotencyRepository(new SqliteStorage(':memory:')));
});
