import type { Redis } from 'ioredis';
import { onRedis, runScript } from '../../cluster/redis-command';
import {
  CALL_JOURNAL_RETENTION_MS,
  CallJournalRepository,
  type EndedCall,
  type JournalEntry,
  type ReleaseOutcome,
} from './call-journal.repository';
import {
  BY_CREATED,
  CALL_PREFIX,
  DIAL_NOTE,
  ENDED,
  FINISH,
  OPEN_PREFIX,
  RELEASE,
  SWEEP,
  UNFINISHED,
  WRAP_UP_NOTE,
} from './redis-call-journal.scripts';

const SWEEP_BATCH = 500;

/**
 * The call journal shared by the nodes (issue 18 §2): whichever node
 * follows an agent when the contact is released (the one the agent logged in
 * on, or the one that took the agent over) finds the calls another node
 * journaled, their notes and what their Tasks are built from, and completes
 * them. Each write is one script, atomic and durable in Redis when its
 * promise resolves. Entries expire by themselves (PEXPIRE) after
 * CALL_JOURNAL_RETENTION_MS; a sweep as calls end also drops them from the
 * indexes (redis-call-journal.scripts.ts).
 */
export class RedisCallJournalRepository extends CallJournalRepository {
  constructor(private readonly redis: Redis) {
    super();
  }

  async get(callId: string): Promise<JournalEntry | undefined> {
    return (await this.entries([callId]))[0];
  }

  async rememberDialNote(callId: string, agentId: string, note: string, now = Date.now()): Promise<void> {
    await this.run(
      DIAL_NOTE,
      [CALL_PREFIX + callId, BY_CREATED],
      [callId, agentId, note, now, CALL_JOURNAL_RETENTION_MS],
    );
  }

  async rememberEnded(
    entry: { callId: string; agentId: string; contactId: string | null; crmId: string | null },
    ended: EndedCall,
    now = Date.now(),
  ): Promise<void> {
    await this.sweep(now - CALL_JOURNAL_RETENTION_MS);
    await this.run(
      ENDED,
      [CALL_PREFIX + entry.callId, BY_CREATED],
      [
        entry.callId,
        entry.agentId,
        entry.contactId ?? '',
        entry.crmId ?? '',
        JSON.stringify(ended),
        now,
        CALL_JOURNAL_RETENTION_MS,
      ],
    );
  }

  async rememberWrapUpNote(
    callId: string,
    agentId: string,
    contactId: string,
    note: string | null,
    now = Date.now(),
  ): Promise<void> {
    await this.run(
      WRAP_UP_NOTE,
      [CALL_PREFIX + callId, BY_CREATED],
      [callId, agentId, contactId, note ?? '', note === null ? '0' : '1', now, CALL_JOURNAL_RETENTION_MS],
    );
  }

  async lastCallWith(agentId: string, contactId: string): Promise<JournalEntry | undefined> {
    const open = await this.entries(await onRedis(() => this.redis.smembers(OPEN_PREFIX + agentId)));
    return open
      .filter((e) => e.agentId === agentId && e.contactId === contactId && e.endedAt !== null && !e.released)
      .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))[0];
  }

  async release(agentId: string, contactId: string, outcome: ReleaseOutcome): Promise<JournalEntry[]> {
    const ids = (await this.run(
      RELEASE,
      [OPEN_PREFIX + agentId, UNFINISHED],
      [agentId, contactId, JSON.stringify(outcome)],
    )) as string[];
    return byEnd(await this.entries(ids));
  }

  async unfinished(): Promise<JournalEntry[]> {
    const entries = await this.entries(await onRedis(() => this.redis.smembers(UNFINISHED)));
    return byEnd(entries.filter((e) => e.released && !e.done));
  }

  async finish(callId: string): Promise<void> {
    await this.run(FINISH, [CALL_PREFIX + callId, UNFINISHED], [callId]);
  }

  /** Drops the entries created before `cut` (on the callers' clock, as the SQLite table does). */
  private async sweep(cut: number): Promise<void> {
    for (;;) {
      const read = (await this.run(SWEEP, [BY_CREATED, UNFINISHED], [cut, SWEEP_BATCH])) as number;
      if (read < SWEEP_BATCH) return;
    }
  }

  /** The entries of these calls that are still there, in the order asked. */
  private async entries(callIds: string[]): Promise<JournalEntry[]> {
    if (callIds.length === 0) return [];
    const rows = await onRedis(async () => {
      const pipeline = this.redis.pipeline();
      for (const id of callIds) pipeline.hgetall(CALL_PREFIX + id);
      const answers = (await pipeline.exec()) ?? [];
      return answers.map(([error, row]) => {
        if (error) throw error;
        return row as Record<string, string>;
      });
    });
    return rows.flatMap((row, i) => (row['agentId'] === undefined ? [] : [toEntry(callIds[i], row)]));
  }

  private run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    return onRedis(() => runScript(this.redis, script, keys, args));
  }
}

/** Soonest end first (an entry not ended yet first of all), as the SQLite index orders them. */
function byEnd(entries: JournalEntry[]): JournalEntry[] {
  return entries.sort((a, b) => (a.endedAt ?? -1) - (b.endedAt ?? -1) || a.callId.localeCompare(b.callId));
}

function toEntry(callId: string, row: Record<string, string>): JournalEntry {
  return {
    callId,
    agentId: row['agentId'],
    contactId: row['contactId'] ?? null,
    crmId: row['crmId'] ?? null,
    dialNote: row['dialNote'] ?? null,
    wrapUpNote: row['wrapUpNote'] ?? null,
    ended: row['ended'] ? (JSON.parse(row['ended']) as EndedCall) : null,
    endedAt: row['endedAt'] === undefined ? null : Number(row['endedAt']),
    released: row['released'] ? (JSON.parse(row['released']) as ReleaseOutcome) : null,
    done: row['done'] === '1',
  };
}
