import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionSnapshot } from '../auth/session-store';
import type { SObjectRecord } from '../metadata/object';

export const FORMAT_VERSION = 1;

export interface OrgMeta {
  format: number;
  orgId: string;
  seed: number;
  counters: Record<string, number>;
  savedAt: string;
}

export interface PersistedOrg {
  meta: OrgMeta;
  records: Record<string, SObjectRecord[]>;
  sessions: SessionSnapshot | null;
}

/** What to write: the org's current state, read when a save actually happens. */
export interface OrgSnapshotSource {
  meta(): OrgMeta;
  records(objectName: string): SObjectRecord[];
  sessions(): SessionSnapshot;
}

/** Writes a file so that a crash leaves the old or the new content, never half of one. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, content, 'utf8');
  await rename(temp, path);
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The org on disk: `meta.json`, `sessions.json` and one `records/<Object>.json`
 * per object, each written atomically (temp file + rename). Saves are
 * debounced and only rewrite the objects that changed; `flush()` (on
 * shutdown) writes whatever is pending.
 */
export class OrgPersistence {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private sessionsDirty = false;

  constructor(
    readonly dir: string,
    private readonly source: OrgSnapshotSource,
    private readonly debounceMs = 250,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The saved org, or null when the folder holds none yet. */
  async load(): Promise<PersistedOrg | null> {
    const meta = await readJson<OrgMeta>(join(this.dir, 'meta.json'));
    if (!meta) return null;
    if (meta.format !== FORMAT_VERSION)
      throw new Error(`${this.dir}: unsupported data format ${String(meta.format)}`);
    const records: Record<string, SObjectRecord[]> = {};
    const files = await readdir(join(this.dir, 'records')).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      records[file.replace(/\.json$/, '')] =
        (await readJson<SObjectRecord[]>(join(this.dir, 'records', file))) ?? [];
    }
    return { meta, records, sessions: await readJson<SessionSnapshot>(join(this.dir, 'sessions.json')) };
  }

  markDirty(objectNames: Iterable<string>): void {
    for (const name of objectNames) this.dirty.add(name);
    this.schedule();
  }

  markSessionsDirty(): void {
    this.sessionsDirty = true;
    this.schedule();
  }

  /** Writes everything pending now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.save();
  }

  /** Writes every object, e.g. right after seeding a new org. */
  async saveAll(objectNames: readonly string[]): Promise<void> {
    for (const name of objectNames) this.dirty.add(name);
    this.sessionsDirty = true;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save().catch(this.onError);
    }, this.debounceMs);
    this.timer.unref();
  }

  private save(): Promise<void> {
    const objects = [...this.dirty];
    const sessions = this.sessionsDirty;
    this.dirty.clear();
    this.sessionsDirty = false;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(join(this.dir, 'records'), { recursive: true });
        for (const name of objects) {
          await writeAtomically(
            join(this.dir, 'records', `${name}.json`),
            JSON.stringify(this.source.records(name)),
          );
        }
        if (sessions)
          await writeAtomically(join(this.dir, 'sessions.json'), JSON.stringify(this.source.sessions()));
        await writeAtomically(join(this.dir, 'meta.json'), JSON.stringify(this.source.meta(), null, 2));
      });
    return this.writing;
  }
}
