import { SqliteStorage } from '../store/sqlite-storage';
import { describeSettingsRepository } from './settings.repository.contract';
import { SqliteSettingsRepository } from './sqlite-settings.repository';

describe('SqliteSettingsRepository', () => {
  describeSettingsRepository(() => new SqliteSettingsRepository(new SqliteStorage(':memory:')));
});
