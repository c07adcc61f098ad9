import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../store/sqlite-storage';
import { SeenSignatures } from './seen-signatures';
import { SqliteIvrSignatureStore } from './sqlite-ivr-signature.store';

describe('SeenSignatures (issue 6 §2: replays refused)', () => {
  let dir: string;
  let storage: SqliteStorage;
  let store: SqliteIvrSignatureStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seen-signatures-'));
    storage = new SqliteStorage(dir);
    store = new SqliteIvrSignatureStore(storage);
  });

  afterEach(() => {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a signature once and refuses it afterwards', () => {
    const seen = new SeenSignatures(store);
    expect(seen.firstTime('v1=aa', 'ivr-1')).toBe(true);
    expect(seen.firstTime('v1=aa', 'ivr-1')).toBe(false);
    expect(seen.firstTime('v1=bb', 'ivr-1')).toBe(true);
  });

  it('still refuses a replay after a restart', () => {
    new SeenSignatures(store).firstTime('v1=aa', 'ivr-1');
    storage.close();
    storage = new SqliteStorage(dir);
    store = new SqliteIvrSignatureStore(storage);
    const afterRestart = new SeenSignatures(store);
    expect(afterRestart.firstTime('v1=aa', 'ivr-1')).toBe(false);
    expect(afterRestart.firstTime('v1=cc', 'ivr-1')).toBe(true);
  });

  it('writes what it saw in one batch within a quarter second, not one write per request', async () => {
    const stored = () =>
      (
        storage.prepare('SELECT count(*) AS n FROM ivr_signature').get() as {
          n: number;
        }
      ).n;
    const seen = new SeenSignatures(store);
    // The first request also expires old rows, which is written at once: let it pass.
    seen.firstTime('v1=first', 'ivr-1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stored()).toBe(1);
    for (const s of ['v1=a', 'v1=b', 'v1=c']) seen.firstTime(s, 'ivr-1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stored()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stored()).toBe(4);
  });

  it('forgets signatures older than the window, in memory and in the store', () => {
    const seen = new SeenSignatures(store);
    const start = Date.now();
    seen.firstTime('v1=old', 'ivr-1', start);
    seen.firstTime('v1=young', 'ivr-1', start + SeenSignatures.windowMs / 2);
    const later = start + SeenSignatures.windowMs + 1;
    seen.firstTime('v1=new', 'ivr-1', later);
    expect(seen.size).toBe(2);
    // The timestamp check refuses the old request by now; the signature is no longer needed.
    expect(store.seenSince(0).map((r) => r.signature)).toEqual(['v1=young', 'v1=new']);
    expect(seen.firstTime('v1=young', 'ivr-1', later)).toBe(false);
  });
});
