// Global setup runs outside Jest's module registry, where the workspace path
// aliases do not apply: the library is reached by its path instead.
// eslint-disable-next-line @nx/enforce-module-boundaries -- see above
import { seedDemoData, startPgliteServer } from '../../../../libs/contact-center-db/src/index';

/**
 * One contact-center database for the whole gateway test run: PGlite served
 * on a real PostgreSQL socket, exactly as the dialer emulator serves it in
 * the embedded stack. Booting PGlite takes seconds, so every harness shares
 * this one and connects with the real `pg` adapter.
 */
export default async function globalSetup(): Promise<void> {
  const server = await startPgliteServer({ port: 0, maxConnections: 64 });
  await seedDemoData(server.client, { contacts: 300 });
  process.env['PUENTE_TEST_CONTACT_DB_URL'] = server.url;
  (globalThis as { __PUENTE_CONTACT_DB__?: { close(): Promise<void> } }).__PUENTE_CONTACT_DB__ = server;
}
