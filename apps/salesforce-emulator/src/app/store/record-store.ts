import type { Catalogue } from '../metadata/catalogue';
import type { FieldDef, FieldValue } from '../metadata/field';
import type { SObjectRecord } from '../metadata/object';

/** One committed change of one record; `before`/`after` are null for inserts/hard deletes. */
export interface ChangeEvent {
  objectName: string;
  id: string;
  before: SObjectRecord | null;
  after: SObjectRecord | null;
}

type CommitListener = (events: readonly ChangeEvent[]) => void;

/** Key of a value in an index: case-insensitive unless the field is case-sensitive. */
export function indexKey(f: FieldDef, value: FieldValue): string | null {
  if (value === null || value === '') return null;
  const text = String(value);
  return f.caseSensitive ? text : text.toLowerCase();
}

/**
 * The org's records, in memory. Records are immutable objects replaced on
 * every change; deleted records stay (IsDeleted = true) for queryAll, as in
 * the recycle bin. Unique and external-id fields are indexed. Changes run in
 * transactions with savepoints: a failure rolls back to the savepoint and
 * listeners (the SOSL indexer, persistence) only see committed changes.
 */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, SObjectRecord>>();
  private readonly indexes = new Map<string, Map<string, Set<string>>>();
  private readonly indexedFields = new Map<string, FieldDef[]>();
  private readonly counters = new Map<string, number>();
  private readonly listeners: CommitListener[] = [];
  private undoLog: (() => void)[] | null = null;
  private pending: ChangeEvent[] = [];

  constructor(private readonly catalogue: Catalogue) {
    for (const type of catalogue.objects) {
      this.tables.set(type.name, new Map());
      const indexed = type.fields.filter((f) => f.unique || f.externalId);
      this.indexedFields.set(type.name, indexed);
      for (const f of indexed) this.indexes.set(`${type.name}.${f.name}`, new Map());
    }
  }

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Every record of an object, deleted ones included, in id (creation) order. */
  all(objectName: string): IterableIterator<SObjectRecord> {
    return this.table(objectName).values();
  }

  count(objectName: string): number {
    return this.table(objectName).size;
  }

  get(objectName: string, id: string): SObjectRecord | undefined {
    return this.table(objectName).get(id);
  }

  /** The live (not deleted) record with this id, whatever its object. */
  findLive(id: string): SObjectRecord | undefined {
    const type = this.catalogue.typeOfId(id);
    const record = type ? this.table(type.name).get(id) : undefined;
    return record && record['IsDeleted'] !== true ? record : undefined;
  }

  isIndexed(objectName: string, fieldName: string): boolean {
    return this.indexes.has(`${objectName}.${fieldName}`);
  }

  /** Ids of live records whose indexed field equals `value`. */
  lookup(objectName: string, f: FieldDef, value: FieldValue): string[] {
    const key = indexKey(f, value);
    const index = this.indexes.get(`${objectName}.${f.name}`);
    if (key === null || !index) return [];
    return [...(index.get(key) ?? [])];
  }

  /** Next value of a named counter (ids, auto-numbers). Never rolled back, as on a real org. */
  nextCounter(key: string): number {
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  counterSnapshot(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  /** Inserts or replaces a record inside the current transaction. */
  put(objectName: string, record: SObjectRecord): void {
    const table = this.table(objectName);
    const id = record['Id'] as string;
    const before = table.get(id) ?? null;
    this.write(objectName, id, before, record);
    this.pending.push({ objectName, id, before, after: record });
    this.undoLog?.push(() => this.write(objectName, id, record, before));
  }

  /**
   * Runs `fn` as a transaction, or as a savepoint inside the current one: if
   * it throws, its changes are undone and the error propagates. Listeners
   * hear of the changes once the outermost transaction commits.
   */
  transaction<T>(fn: () => T): T {
    const outer = this.undoLog === null;
    if (outer) this.undoLog = [];
    const log = this.undoLog as (() => void)[];
    const mark = log.length;
    const pendingMark = this.pending.length;
    try {
      const result = fn();
      if (outer) this.commit();
      return result;
    } catch (error) {
      for (let i = log.length - 1; i >= mark; i--) log[i]();
      log.length = mark;
      this.pending.length = pendingMark;
      if (outer) this.undoLog = null;
      throw error;
    }
  }

  /** Replaces everything (loading from disk); no listener is told. */
  load(objectName: string, records: readonly SObjectRecord[]): void {
    const table = this.table(objectName);
    for (const index of this.indexesOf(objectName)) index.clear();
    table.clear();
    for (const r of records) this.write(objectName, r['Id'] as string, null, r);
  }

  loadCounters(counters: Record<string, number>): void {
    this.counters.clear();
    for (const [k, v] of Object.entries(counters)) this.counters.set(k, v);
  }

  private commit(): void {
    const events = this.pending;
    this.pending = [];
    this.undoLog = null;
    if (events.length === 0) return;
    for (const listener of this.listeners) listener(events);
  }

  private write(
    objectName: string,
    id: string,
    before: SObjectRecord | null,
    after: SObjectRecord | null,
  ): void {
    const table = this.table(objectName);
    for (const f of this.indexedFields.get(objectName) ?? []) {
      const index = this.indexes.get(`${objectName}.${f.name}`) as Map<string, Set<string>>;
      const oldKey = before && before['IsDeleted'] !== true ? indexKey(f, before[f.name] ?? null) : null;
      const newKey = after && after['IsDeleted'] !== true ? indexKey(f, after[f.name] ?? null) : null;
      if (oldKey === newKey) continue;
      if (oldKey !== null) {
        const ids = index.get(oldKey);
        ids?.delete(id);
        if (ids?.size === 0) index.delete(oldKey);
      }
      if (newKey !== null) {
        const ids = index.get(newKey) ?? new Set<string>();
        ids.add(id);
        index.set(newKey, ids);
      }
    }
    if (after) table.set(id, after);
    else table.delete(id);
  }

  private indexesOf(objectName: string): Map<string, Set<string>>[] {
    return (this.indexedFields.get(objectName) ?? []).map(
      (f) => this.indexes.get(`${objectName}.${f.name}`) as Map<string, Set<string>>,
    );
  }

  private table(objectName: string): Map<string, SObjectRecord> {
    const table = this.tables.get(objectName);
    if (!table) throw new Error(`No table for ${objectName}`);
    return table;
  }
}
