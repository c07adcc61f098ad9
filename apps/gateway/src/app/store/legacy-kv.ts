import type { SqliteStorage } from './sqlite-storage';

/**
 * Versions before issue 18 kept four unrelated things in one `kv` table
 * (the token signing key, the missed-calls cursor, Salesforce settings per
 * session, panel settings per user). Each owner now has its own table and,
 * when it opens, takes its rows out of `kv` with this: the rows whose key is
 * `key` (or starts with it, with `prefix`), removed from `kv` in the same
 * transaction as the caller's inserts. `kv` is dropped once empty.
 */
export function takeLegacyKv(
  storage: SqliteStorage,
  key: string,
  { prefix = false }: { prefix?: boolean } = {},
): { key: string; value: string }[] {
  if (!storage.columns('kv').has('key')) return [];
  // substr, not LIKE: a key's own % or _ must not match other keys.
  const where = prefix ? 'substr(key, 1, ?) = ?' : 'key = ?';
  const params = prefix ? [key.length, key] : [key];
  const rows = storage.prepare(`SELECT key, value FROM kv WHERE ${where}`).all(...params) as {
    key: string;
    value: string;
  }[];
  storage.prepare(`DELETE FROM kv WHERE ${where}`).run(...params);
  const left = storage.prepare('SELECT count(*) AS n FROM kv').get() as { n: number };
  if (left.n === 0) storage.exec('DROP TABLE kv');
  return rows;
}
