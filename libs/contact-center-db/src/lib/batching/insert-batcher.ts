import type { ContactDb, InsertContactInput, InsertContactResult } from '../port/contact-db';

export interface InsertBatcherOptions {
  /** Most inserts sent in one round trip. 1 sends each on its own. */
  maxBatch: number;
  /** Most round trips under way at once; inserts arriving meanwhile wait and go together. */
  maxInFlight: number;
  /** Told the size of every batch sent (a metric). */
  onBatch?: (size: number) => void;
}

interface Waiting {
  input: InsertContactInput;
  resolve: (result: InsertContactResult) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit for CONTACTO_INSERT_SALESFORCE (issue 6 §7). Each insert
 * waits at most until the end of the current event-loop turn; if a round
 * trip slot is free, what arrived in that turn goes at once, otherwise it
 * waits for the next free slot together with everything that arrives until
 * then. A quiet IVR line therefore sees one call per insert and no added
 * wait, and a busy one pays one round trip and one commit per batch instead
 * of per caller. Every caller still gets its own answer or its own error.
 */
export class InsertBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly db: Pick<ContactDb, 'insertSalesforceContacts'>,
    private readonly options: InsertBatcherOptions,
  ) {
    if (!(options.maxBatch >= 1 && options.maxInFlight >= 1))
      throw new Error('InsertBatcher needs maxBatch and maxInFlight of at least 1');
  }

  /** Inserts still waiting for a round trip. */
  get waiting(): number {
    return this.queue.length;
  }

  insert(input: InsertContactInput): Promise<InsertContactResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    });
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      this.options.onBatch?.(batch.length);
      this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.db.insertSalesforceContacts(batch.map((w) => w.input));
      batch.forEach((w, i) => {
        const outcome = outcomes[i];
        if (outcome?.status === 'fulfilled') w.resolve(outcome.value);
        else
          w.reject(outcome ? outcome.reason : new Error('the batch answered fewer inserts than it was sent'));
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
