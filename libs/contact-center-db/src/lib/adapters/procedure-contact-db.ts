import {
  type CallHistoryRecord,
  type CategoryRecord,
  type ContactDatabaseInfo,
  type ContactDb,
  ContactDbError,
  type ContactRecord,
  type InsertContactInput,
  type InsertContactResult,
} from '../port/contact-db';
import type { ProcedureArgs, ProcedureName } from '../sql/procedures';
import { type Row, toId } from '../sql/sql-client';
import {
  checkInsertInput,
  checkMaxRows,
  groupCategories,
  isId,
  toContactRecord,
  toHistoryRecord,
  toInsertResult,
} from './contact-db-rows';

/**
 * The port's behaviour, written once: input checks, which procedure each
 * method runs and how its rows become records. A dialect adapter only says
 * how to run a procedure and map its driver's errors, which is all that
 * differs between SQL Server and PostgreSQL ("two adapters, one behaviour").
 */
export abstract class ProcedureContactDb implements ContactDb {
  abstract readonly dialect: ContactDb['dialect'];

  /** Runs one procedure of PROCEDURES; failures already mapped to ContactDbError where they mean one. */
  protected abstract run<N extends ProcedureName>(name: N, args: ProcedureArgs<N>): Promise<Row[]>;
  abstract ping(signal?: AbortSignal): Promise<void>;
  abstract close(): Promise<void>;

  async insertSalesforceContact(input: InsertContactInput): Promise<InsertContactResult> {
    const { data, ani } = checkInsertInput(input);
    const rows = await this.run('CONTACTO_INSERT_SALESFORCE', {
      DATA: data,
      ANI: ani,
      IDDATABASE: input.databaseId,
    });
    return toInsertResult(rows[0]);
  }

  /** One call per input, side by side; PgContactDb sends them as one statement instead. */
  insertSalesforceContacts(
    inputs: readonly InsertContactInput[],
  ): Promise<PromiseSettledResult<InsertContactResult>[]> {
    return Promise.allSettled(inputs.map((input) => this.insertSalesforceContact(input)));
  }

  async findDatabase(databaseId: string): Promise<ContactDatabaseInfo | null> {
    if (!isId(databaseId)) return null;
    const [row] = await this.run('DATABASE_EXISTS', { IDDATABASE: databaseId });
    // PostgreSQL answers a boolean, SQL Server a bit (1).
    if (!row || !(row['found'] === true || row['found'] === 1)) return null;
    return { databaseId, crmId: toId(row['crm_id']), name: String(row['name'] ?? '') };
  }

  async findContactByKey(crmId: string, key: string): Promise<ContactRecord | null> {
    if (!isId(crmId))
      throw new ContactDbError('CRM_NOT_FOUND', `CRM ${JSON.stringify(crmId)} does not exist`);
    if (typeof key !== 'string' || key.trim() === '') return null;
    const [row] = await this.run('CONTACT_FIND_BY_KEY', { IDCRM: crmId, KEY: key });
    return row ? toContactRecord(row) : null;
  }

  async categories(crmId: string): Promise<CategoryRecord[]> {
    if (!isId(crmId))
      throw new ContactDbError('CRM_NOT_FOUND', `CRM ${JSON.stringify(crmId)} does not exist`);
    return groupCategories(await this.run('CRM_CATEGORIES', { IDCRM: crmId }));
  }

  async contactHistory(contactId: string, maxRows: number): Promise<CallHistoryRecord[]> {
    if (!isId(contactId))
      throw new ContactDbError('CONTACT_NOT_FOUND', `contact ${JSON.stringify(contactId)} does not exist`);
    const rows = await this.run('CONTACT_HISTORY', {
      IDCONTACT: contactId,
      MAXROWS: checkMaxRows(maxRows),
    });
    return rows.map(toHistoryRecord);
  }
}
