import { SqliteStorage } from '../store/sqlite-storage';
import { describeIvrSignatureStore, describeReplayGuard } from './ivr-signature.store.contract';
import { SeenSignatures } from './seen-signatures';
import { SqliteIvrSignatureStore } from './sqlite-ivr-signature.store';

describe('SqliteIvrSignatureStore', () => {
  describeIvrSignatureStore(
    () => new SqliteIvrSignatureStore(new SqliteStorage(':memory:')),
    () => new Promise((resolve) => setTimeout(resolve, 80)),
  );

  // One node: SeenSignatures alone, in memory over the SQLite store.
  describeReplayGuard('one node on SQLite', async () => {
    const seen = new SeenSignatures(new SqliteIvrSignatureStore(new SqliteStorage(':memory:')));
    return [(signature, keyId) => seen.accept(signature, keyId)];
  });
});
