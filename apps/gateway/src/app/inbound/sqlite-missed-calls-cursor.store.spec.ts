import { SqliteStorage } from '../store/sqlite-storage';
import { describeMissedCallsCursorStore } from './missed-calls-cursor.store.contract';
import { SqliteMissedCallsCursorStore } from './sqlite-missed-calls-cursor.store';

describe('SqliteMissedCallsCursorStore', () => {
  describeMissedCallsCursorStore(() => new SqliteMissedCallsCursorStore(new SqliteStorage(':memory:')));
});
