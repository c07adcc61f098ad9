import { describeIdempotencyRecords } from '@puente/server-kit/testing';
import { SqliteStorage } from '../store/sqlite-storage';
import { SqliteIdempotencyRepository } from './sqlite-idempotency.repository';

// The behaviour every store of IdempotentRuns keeps (server-kit), here on the node's SQLite file.
describeIdempotencyRecords(
  'SqliteIdempotencyRepository',
  () => new SqliteIdempotencyRepository(new SqliteStorage(':memory:')),
);
