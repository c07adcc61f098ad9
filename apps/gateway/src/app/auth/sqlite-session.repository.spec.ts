import { SqliteStorage } from '../store/sqlite-storage';
import { describeSessionRepository } from './session.repository.contract';
import { describeSigningKeyRepository } from './signing-key.repository.contract';
import { SqliteSessionRepository } from './sqlite-session.repository';
import { SqliteSigningKeyRepository } from './sqlite-signing-key.repository';

describe('SQLite auth repositories', () => {
  describeSessionRepository(() => new SqliteSessionRepository(new SqliteStorage(':memory:')));
  describeSigningKeyRepository(() => new SqliteSigningKeyRepository(new SqliteStorage(':memory:')));
});
