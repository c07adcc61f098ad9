import type { Catalogue } from '../metadata/catalogue';
import type { SObjectRecord } from '../metadata/object';
import type { ChangeEvent, RecordStore } from '../store/record-store';

interface PendingChange {
  objectName: string;
  id: string;
  record: SObjectRecord | null;
  at: number;
}

/**
 * What SOSL can see. A real org indexes changes asynchronously, minutes
 * after the save; here each committed change becomes searchable `lagMs`
 * later (0: at once). Until then a search matches the record as it was
 * indexed before the change — or not at all when it is new — while SOQL
 * sees the change immediately. Deleted records stop matching once their
 * deletion is indexed, and are never returned in any case.
 */
export class SearchIndex {
  private readonly visible = new Map<string, Map<string, SObjectRecord>>();
  private readonly queue: PendingChange[] = [];

  constructor(
    catalogue: Catalogue,
    private readonly lagMs: () => number,
    private readonly clock: () => number = Date.now,
  ) {
    for (const type of catalogue.objects) if (type.def.searchable) this.visible.set(type.name, new Map());
  }

  /** Indexes everything in the store at once (start-up: the data was indexed long ago). */
  rebuild(store: RecordStore): void {
    this.queue.length = 0;
    for (const [name, table] of this.visible) {
      table.clear();
      for (const r of store.all(name)) if (r['IsDeleted'] !== true) table.set(r['Id'] as string, r);
    }
  }

  /** Store listener: queue each committed change for indexing. */
  onCommit(events: readonly ChangeEvent[]): void {
    const at = this.clock() + this.lagMs();
    for (const e of events) {
      if (!this.visible.has(e.objectName)) continue;
      const record = e.after && e.after['IsDeleted'] !== true ? e.after : null;
      this.queue.push({ objectName: e.objectName, id: e.id, record, at });
    }
    this.promote();
  }

  /** The indexed versions of an object's records, as of now. */
  snapshots(objectName: string): IterableIterator<SObjectRecord> {
    this.promote();
    return (this.visible.get(objectName) ?? new Map<string, SObjectRecord>()).values();
  }

  /** Changes saved but not yet searchable. */
  get backlog(): number {
    this.promote();
    return this.queue.length;
  }

  private promote(): void {
    const now = this.clock();
    let done = 0;
    while (done < this.queue.length && this.queue[done].at <= now) {
      const { objectName, id, record } = this.queue[done++];
      const table = this.visible.get(objectName) as Map<string, SObjectRecord>;
      if (record) table.set(id, record);
      else table.delete(id);
    }
    if (done > 0) this.queue.splice(0, done);
  }
}
