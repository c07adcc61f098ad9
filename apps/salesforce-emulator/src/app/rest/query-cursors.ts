import { SfApiError } from '../errors/sf-error';
import { mintId } from '../ids/sf-id';
import type { OutputRecord } from '../soql/projection';

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: OutputRecord[];
}

interface Cursor {
  records: OutputRecord[];
  batchSize: number;
  lastUsedAt: number;
}

export const DEFAULT_BATCH_SIZE = 2000;

/** Sforce-Query-Options: batchSize=N, clamped to 200..2000 as Salesforce does. */
export function batchSizeOf(header: string | undefined): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
  if (!match) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(200, Number(match[1])));
}

const invalidLocator = () => new SfApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');

/**
 * Query results larger than one batch, kept server-side for queryMore as a
 * real org keeps its cursors: the locator ("01g…-2000") names the cursor and
 * where the next batch starts. Cursors close after 15 minutes unused, when
 * the last batch is read, or when too many are open (oldest first).
 */
export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  private counter = 0;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly ttlMs = 15 * 60_000,
    private readonly maxOpen = 100,
  ) {}

  /** The first page of a result; opens a cursor when there is more. */
  open(records: OutputRecord[], batchSize: number, urlBase: string): QueryPage {
    if (records.length <= batchSize) return { totalSize: records.length, done: true, records };
    this.evict();
    const id = mintId('01g', ++this.counter);
    this.cursors.set(id, { records, batchSize, lastUsedAt: this.clock() });
    return this.page(id, 0, urlBase);
  }

  /** The page a locator points at (GET …/query/01g…-2000). */
  next(locator: string, urlBase: string): QueryPage {
    const match = /^(01g[a-zA-Z0-9]{15})-(\d+)$/.exec(locator);
    if (!match) throw invalidLocator();
    const cursor = this.cursors.get(match[1]);
    if (!cursor || this.clock() - cursor.lastUsedAt > this.ttlMs) {
      this.cursors.delete(match[1]);
      throw invalidLocator();
    }
    const start = Number(match[2]);
    if (start >= cursor.records.length || start % cursor.batchSize !== 0) throw invalidLocator();
    return this.page(match[1], start, urlBase);
  }

  get openCount(): number {
    return this.cursors.size;
  }

  private page(id: string, start: number, urlBase: string): QueryPage {
    const cursor = this.cursors.get(id) as Cursor;
    cursor.lastUsedAt = this.clock();
    const end = start + cursor.batchSize;
    const records = cursor.records.slice(start, end);
    const done = end >= cursor.records.length;
    if (done) this.cursors.delete(id);
    return {
      totalSize: cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `${urlBase}/${id}-${end}` }),
      records,
    };
  }

  private evict(): void {
    const now = this.clock();
    for (const [id, c] of this.cursors) if (now - c.lastUsedAt > this.ttlMs) this.cursors.delete(id);
    while (this.cursors.size >= this.maxOpen) this.cursors.delete(this.cursors.keys().next().value as string);
  }
}
