import { SqliteStorage } from '../store/sqlite-storage';
import { describeIvrSignatureStore } from './ivr-signature.store.contract';
import { SqliteIvrSignatureStore } from './sqlite-ivr-signature.store';

describe('SqliteIvrSignatureStore', () => {
  describeIvrSignatureStore(
    () => new SqliteIvrSignatureStore(new SqliteStorage(':memory:')),
    () => new Promise((resolve) => setTimeout(resolve, 80)),
  );
});
