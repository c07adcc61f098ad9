import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from './sqlite-storage';

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * The store holds the token signing key, sessions with dialer tokens and
 * refresh-token hashes (issue 14 §9): only the gateway's own user may read it.
 */
describe('SqliteStorage file permissions', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'gateway-store-'));
  });

  it('creates its folder 0700 and the database with its -wal and -shm siblings 0600', () => {
    const dir = join(root, 'gateway');
    const store = new SqliteStorage(dir);
    store.exec("CREATE TABLE probe (v TEXT); INSERT INTO probe VALUES ('x')");
    const db = join(dir, 'gateway.sqlite');
    expect(mode(dir)).toBe(0o700);
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      expect(existsSync(file)).toBe(true);
      expect({ file, mode: mode(file) }).toEqual({ file, mode: 0o600 });
    }
    store.close();
  });

  it('tightens a folder and files that already exist with looser modes', () => {
    const dir = join(root, 'gateway');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const db = join(dir, 'gateway.sqlite');
    new SqliteStorage(dir).close();
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      if (!existsSync(file)) writeFileSync(file, '');
      chmodSync(file, 0o644);
    }
    const store = new SqliteStorage(dir);
    store.exec("CREATE TABLE IF NOT EXISTS probe (v TEXT); INSERT INTO probe VALUES ('y')");
    expect(mode(dir)).toBe(0o700);
    for (const file of [db, `${db}-wal`, `${db}-shm`])
      expect({ file, mode: mode(file) }).toEqual({ file, mode: 0o600 });
    expect(store.prepare('SELECT v FROM probe ORDER BY rowid DESC').get()).toEqual({ v: 'y' });
    store.close();
  });
});
