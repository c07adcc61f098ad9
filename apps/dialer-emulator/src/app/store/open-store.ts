import { join } from 'node:path';
import { seedDemoData, startPgliteServer } from '@puente/contact-center-db';
import type { DialerStore } from './dialer-store';
import { MemoryDialerStore } from './memory-store';
import { SqlDialerStore } from './sql-store';

export interface OpenStoreOptions {
  kind: 'pglite' | 'memory';
  /** PUENTE_DATA_DIR; empty: in memory. */
  dataDir: string;
  port: number;
  host: string;
  contacts: number;
  seed: number;
}

export interface OpenedStore {
  store: DialerStore;
  /** postgres:// URL of the served database (null for the memory store). */
  contactDbUrl: string | null;
  storage: string;
  close(): Promise<void>;
}

/**
 * The contact-center database for this run: PGlite (migrated, demo data
 * seeded idempotently) persisted under <data dir>/dialer/pgdata and served on
 * a real socket for the gateway; or plain maps.
 */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  if (options.kind === 'memory') {
    const store = new MemoryDialerStore({ contacts: options.contacts, seed: options.seed });
    return { store, contactDbUrl: null, storage: 'memory', close: () => store.close() };
  }
  const dataDir = options.dataDir ? join(options.dataDir, 'dialer', 'pgdata') : undefined;
  const server = await startPgliteServer({ dataDir, port: options.port, host: options.host });
  try {
    await seedDemoData(server.client, { contacts: options.contacts });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    store: new SqlDialerStore(server.client),
    contactDbUrl: server.url,
    storage: dataDir ? `pglite:${dataDir}` : 'pglite:memory',
    close: () => server.close(),
  };
}
