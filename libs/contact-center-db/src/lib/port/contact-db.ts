import type { ProcedureErrorCode } from '../sql/procedures';

/**
 * The gateway's view of the contact-center database (DESIGN: ports and
 * adapters). Two adapters implement it with one behaviour: `mssql` for a
 * customer's SQL Server and `pg` for PostgreSQL or the embedded PGlite. Each
 * method runs exactly one stored procedure of PROCEDURES.
 */
export interface ContactDb {
  readonly dialect: 'postgres' | 'mssql';
  /** D1: CONTACTO_INSERT_SALESFORCE(@DATA, @ANI, @IDDATABASE). */
  insertSalesforceContact(input: InsertContactInput): Promise<InsertContactResult>;
  /**
   * D1 for several callers at once: each input gets its own outcome, in input
   * order, the same as if it had been inserted alone, and a refused input
   * leaves nothing written. Where the dialect allows it they share one round
   * trip and one commit (the gateway batches concurrent IVR requests so).
   */
  insertSalesforceContacts(
    inputs: readonly InsertContactInput[],
  ): Promise<PromiseSettledResult<InsertContactResult>[]>;
  /** DATABASE_EXISTS: null when there is no such contact database. */
  findDatabase(databaseId: string): Promise<ContactDatabaseInfo | null>;
  /** CONTACT_FIND_BY_KEY (B6 click-to-dial). */
  findContactByKey(crmId: string, key: string): Promise<ContactRecord | null>;
  /** CRM_CATEGORIES (C5), grouped by category. */
  categories(crmId: string): Promise<CategoryRecord[]>;
  /** CONTACT_HISTORY, newest first. */
  contactHistory(contactId: string, maxRows: number): Promise<CallHistoryRecord[]>;
  /**
   * A cheap round trip, for readiness checks. Rejects with DATABASE_UNAVAILABLE
   * as soon as `signal` aborts, however the database behaves.
   */
  ping(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export interface InsertContactInput {
  /** The caller's search data (Clave_1); '' is allowed and yields "idContacto-". */
  data: string;
  /** The caller's number, already normalised (E.164, or 'anonymous' for private callers, D3). */
  ani: string;
  databaseId: string;
}

export interface InsertContactResult {
  /** "idContacto-Data" (SPEC D1). */
  clavesf: string;
  contactId: string;
  data: string;
  /** False when the key already had a contact in this CRM. */
  created: boolean;
}

export interface ContactDatabaseInfo {
  databaseId: string;
  crmId: string;
  name: string;
}

export interface ContactRecord {
  contactId: string;
  databaseId: string;
  crmId: string;
  key: string;
  phones: string[];
  fields: Record<string, string>;
}

export interface CategoryRecord {
  id: string;
  name: string;
  /** Choosing it asks for a callback date (AGENDAR). */
  schedules: boolean;
  subcategories: { id: string; name: string }[];
}

export interface CallHistoryRecord {
  callId: string;
  direction: 'inbound' | 'outbound';
  number: string;
  userId: string | null;
  startedAt: string;
  endedAt: string | null;
  talkSeconds: number;
  cause: string | null;
  category: string | null;
  subcategory: string | null;
}

/** A refusal the procedures raise on purpose, with its stable code. */
export class ContactDbError extends Error {
  constructor(
    readonly code: ProcedureErrorCode | 'DATABASE_UNAVAILABLE' | 'TIMEOUT',
    message: string,
  ) {
    super(message);
    this.name = 'ContactDbError';
  }
}
