/** Rows of a result, each a plain object keyed by column name. */
export type Row = Record<string, unknown>;

/** What can run a statement: the client itself, or a transaction it opened. */
export interface SqlQueryable {
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  exec(script: string): Promise<void>;
}

/**
 * A PostgreSQL-dialect connection, embedded (PGlite) or remote (pg.Pool).
 * Everything the emulator and the pg adapter do goes through this interface,
 * so the same code and the same tests run on both.
 */
export interface SqlClient extends SqlQueryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A failure reported by the database, with its SQLSTATE when there is one. */
export interface DatabaseErrorLike {
  code?: string;
  message: string;
}

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Timestamps come back as Date from both drivers; ISO strings on the way out. */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const parsed = new Date(String(value));
  return Number.isNaN(parsed.getTime()) ? String(value) : parsed.toISOString();
}

/** Identifiers leave the database as text; numbers from int8 columns differ by driver. */
export function toId(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** JSON columns: pg and PGlite parse jsonb; SQL Server hands back text. */
export function toFields(value: unknown): Record<string, string> {
  let source: unknown = value;
  if (typeof value === 'string') {
    try {
      source = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!source || typeof source !== 'object' || Array.isArray(source)) return {};
  const fields: Record<string, string> = {};
  for (const [key, v] of Object.entries(source as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    fields[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return fields;
}
