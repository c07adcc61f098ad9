import { Client } from 'pg';

export interface HistoryRow {
  call_id: string;
  leg: number;
  contact_id: string | null;
  user_id: string | null;
  category_id: string | null;
  subcategory_id: string | null;
  note: string;
}

/**
 * The dialer's own records in the contact-center database (PGlite over the
 * PostgreSQL wire, libs/contact-center-db): call history rows and category
 * names, read with the `pg` client as any reporting tool would.
 */
export class DialerDb {
  constructor(private readonly url: string) {}

  private async run<T>(sql: string, params: unknown[]): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Every leg of one call, as the dialer journaled it. */
  history(callId: string): Promise<HistoryRow[]> {
    return this.run<HistoryRow>(
      `SELECT call_id, leg, contact_id::text, user_id::text, category_id::text, subcategory_id::text, note
         FROM call_history WHERE call_id = $1 ORDER BY leg`,
      [callId],
    );
  }

  async categoryNames(categoryId: string, subcategoryId: string): Promise<[string, string]> {
    const [row] = await this.run<{ category: string; subcategory: string }>(
      `SELECT c.name AS category, s.name AS subcategory
         FROM categories c JOIN subcategories s ON s.category_id = c.id
        WHERE c.id = $1 AND s.id = $2`,
      [categoryId, subcategoryId],
    );
    if (!row) throw new Error(`no category ${categoryId} / subcategory ${subcategoryId}`);
    return [row.category, row.subcategory];
  }
}
