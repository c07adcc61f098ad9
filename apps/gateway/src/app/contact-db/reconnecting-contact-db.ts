import { boundedBySignal, type ContactDb, ContactDbError } from '@puente/contact-center-db';

/**
 * Opens the real adapter on first use and again after a failed open, so a
 * database that is down when the gateway boots is a readiness problem
 * (DATABASE_UNAVAILABLE, /health/ready says so) rather than a crash loop, and
 * the gateway recovers by itself when it comes back.
 */
export class ReconnectingContactDb implements ContactDb {
  private opening: Promise<ContactDb> | null = null;
  private closed = false;

  constructor(
    readonly dialect: ContactDb['dialect'],
    private readonly open: () => Promise<ContactDb>,
  ) {}

  insertSalesforceContact(input: Parameters<ContactDb['insertSalesforceContact']>[0]) {
    return this.use((db) => db.insertSalesforceContact(input));
  }

  insertSalesforceContacts(inputs: Parameters<ContactDb['insertSalesforceContacts']>[0]) {
    return this.use((db) => db.insertSalesforceContacts(inputs));
  }

  findDatabase(databaseId: string) {
    return this.use((db) => db.findDatabase(databaseId));
  }

  findContactByKey(crmId: string, key: string) {
    return this.use((db) => db.findContactByKey(crmId, key));
  }

  categories(crmId: string) {
    return this.use((db) => db.categories(crmId));
  }

  contactHistory(contactId: string, maxRows: number) {
    return this.use((db) => db.contactHistory(contactId, maxRows));
  }

  /** Bounded by `signal` even while the adapter is still being opened (a hung database stalls the open too). */
  ping(signal?: AbortSignal): Promise<void> {
    return boundedBySignal(
      this.use((db) => db.ping(signal)),
      signal,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    this.opening = null;
    const db = await opening?.catch(() => null);
    await db?.close();
  }

  private async use<T>(work: (db: ContactDb) => Promise<T>): Promise<T> {
    if (this.closed) throw new ContactDbError('DATABASE_UNAVAILABLE', 'the gateway is shutting down');
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = null;
      throw error instanceof ContactDbError
        ? error
        : new ContactDbError(
            'DATABASE_UNAVAILABLE',
            `cannot open the contact-center database: ${String(error)}`,
          );
    });
    return work(await this.opening);
  }
}
