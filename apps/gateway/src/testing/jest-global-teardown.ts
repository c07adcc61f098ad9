export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __PUENTE_CONTACT_DB__?: { close(): Promise<void> } }).__PUENTE_CONTACT_DB__?.close();
}
