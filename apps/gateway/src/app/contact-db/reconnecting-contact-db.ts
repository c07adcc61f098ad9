import {
  boundedBySignal,
  type ContactDb,
  ContactDbError,
  type InsertContactResult,
} from '@puente/contact-center-db';
import { type ContactDbCircuit, isDatabaseOutage } from './contact-db-circuit';

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
    /** When given, every call goes through it: a database that stops answering fails calls at once. */
    private readonly circuit?: ContactDbCircuit,
  ) {}

  insertSalesforceContact(input: Parameters<ContactDb['insertSalesforceContact']>[0]) {
    return this.use((db) => db.insertSalesforceContact(input));
  }

  /**
   * A batch whose every input failed because the database could not serve it counts as one failed
   * call for the circuit; the inputs still get their own outcomes, as the port promises.
   */
  async insertSalesforceContacts(
    inputs: Parameters<ContactDb['insertSalesforceContacts']>[0],
  ): Promise<PromiseSettledResult<InsertContactResult>[]> {
    try {
      return await this.use(async (db) => {
        const outcomes = await db.insertSalesforceContacts(inputs);
        const outage = outcomes.find(
          (o): o is PromiseRejectedResult => o.status === 'rejected' && isDatabaseOutage(o.reason),
        );
        if (outage && outcomes.every((o) => o.status === 'rejected' && isDatabaseOutage(o.reason)))
          throw outage.reason;
        return outcomes;
      });
    } catch (error) {
      if (!isDatabaseOutage(error)) throw error;
      return inputs.map(() => ({ status: 'rejected', reason: error }));
    }
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

  private use<T>(work: (db: ContactDb) => Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(new ContactDbError('DATABASE_UNAVAILABLE', 'the gateway is shutting down'));
    return this.circuit ? this.circuit.run(() => this.opened(work)) : this.opened(work);
  }

  private async opened<T>(work: (db: ContactDb) => Promise<T>): Promise<T> {
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
