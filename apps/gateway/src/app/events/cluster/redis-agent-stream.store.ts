import type { AgentEvent } from '@puente/contracts';
import type { Redis } from 'ioredis';
import type { StoredStream } from '../agent-event-log';
import { runScript } from '../../cluster/redis-command';

/**
 * The agent streams in Redis (issue 18 §2), shared by every node:
 * - `puente:agent:<id>:stream`, a hash {rev, json}: where the stream stands
 *   (seq, folded state, dialer cursor) and its revision; never expires, so
 *   seq never goes back;
 * - `puente:agent:<id>:events`, a Redis Stream whose entry ids are the
 *   events' seqs (`<seq>-0`), trimmed to about `eventsPerAgent` entries and
 *   dropped after `eventsTtlMs` without a new event (an idle agent's panel
 *   then resumes from a snapshot);
 * - `puente:agent-events`, one Redis Stream of every commit (agent,
 *   revision, events, dialer cursor), which every node tails to keep its
 *   mirror of all agents.
 *
 * A commit is a compare-and-set on the stream's revision (a commit may move
 * the dialer cursor without adding events), in one script with its writes: of two nodes appending to one agent, one wins and the other
 * re-reads and folds again, so seqs are never given twice or skipped. A
 * commit from the dialer subscription also names the owner claim it acts
 * under (AgentOwners); a node that lost the agent is refused ('fenced').
 */
/** A stream as committed, with its revision: every commit adds one, whether or not it adds events. */
export interface Revision {
  stream: StoredStream;
  rev: number;
}

export type CommitResult =
  { kind: 'ok' } | { kind: 'conflict'; current: Revision | undefined } | { kind: 'fenced' };

/** Where a commit leaves the agent's dialer cursor (the rest of the stream follows from its events). */
export type CommittedCursor = Pick<StoredStream, 'dialerSeq' | 'dialerEpoch' | 'dialerInstanceId'>;

/**
 * One commit as every node's tail reads it: its events and where it left
 * the dialer cursor, not the whole stream. A node whose mirror holds the
 * revision before folds the events onto it, sharing what they leave
 * unchanged with the state it had; any other (it missed a commit, or reads
 * one written without a cursor) loads the stream from Redis. Carrying the
 * whole stream in every commit cost its stringify on the committing node
 * and its string on every node's tail, and was read only in those rare
 * cases (issue 18 §3, docs/performance.md).
 */
export interface CommittedBatch {
  id: string;
  rev: number;
  events: AgentEvent[];
  agentId: string;
  cursor?: CommittedCursor;
}

export const CLUSTER_EVENTS_KEY = 'puente:agent-events';
/** How many commits the cluster stream keeps: a node further behind than this reloads every stream. */
const CLUSTER_EVENTS_KEPT = 50_000;
const OWNERS_KEY = 'puente:agent-owner';
const streamKey = (agentId: string) => `puente:agent:${agentId}:stream`;
const eventsKey = (agentId: string) => `puente:agent:${agentId}:events`;
const STREAM_KEY_PATTERN = 'puente:agent:*:stream';

// KEYS: stream, events, cluster events, owners. ARGV: expected rev, commit id, stream json,
// cursor json, fence ('' none), agent id, kept per agent, ttl ms, kept in cluster, seed ('1':
// the expected rev also over a stream that is missing or behind it), then seq/json pairs (the
// cluster stream's events array is joined from them here, not sent twice).
const COMMIT = `
-- The same commit sent again after its answer was lost (a time-out while Redis was frozen): done already.
if redis.call('HGET', KEYS[1], 'commit') == ARGV[2] then return {'ok'} end
local current = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if current ~= tonumber(ARGV[1]) then
  if ARGV[10] == '1' and current < tonumber(ARGV[1]) then
    current = tonumber(ARGV[1])
  else
    return {'conflict', redis.call('HGET', KEYS[1], 'json') or '', tostring(current)}
  end
end
local rev = tostring(current + 1)
if ARGV[5] ~= '' and redis.call('HGET', KEYS[4], ARGV[6]) ~= ARGV[5] then return {'fenced'} end
local events = {}
for i = 11, #ARGV, 2 do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], ARGV[i] .. '-0', 'e', ARGV[i + 1])
  events[#events + 1] = ARGV[i + 1]
end
if #ARGV >= 11 then redis.call('PEXPIRE', KEYS[2], ARGV[8]) end
redis.call('HSET', KEYS[1], 'rev', rev, 'json', ARGV[3], 'commit', ARGV[2])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[9], '*', 'r', rev, 'e', '[' .. table.concat(events, ',') .. ']', 'a', ARGV[6], 'c', ARGV[4])
return {'ok'}`;

type Fields = string[];
type StreamEntries = [id: string, fields: Fields][];

function field(fields: Fields, name: string): string | undefined {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

export class RedisAgentStreamStore {
  constructor(
    private readonly redis: Redis,
    private readonly eventsPerAgent: number,
    private readonly eventsTtlMs: number,
  ) {}

  /**
   * `commitId` names this commit: sent again with the same id after a lost
   * answer, a commit that did land answers 'ok' instead of a conflict.
   * `seed`: Redis lost the stream or its last commits (it came back
   * without persistence, or a replica was promoted before they reached it),
   * and this commit writes it again at `expectedRev` + 1, so revisions go on
   * from where the nodes' mirrors stand instead of again under revisions
   * they hold already (which they would skip as known). A revision only goes
   * back in Redis when Redis loses data.
   */
  async commit(
    expectedRev: number,
    next: StoredStream,
    events: readonly AgentEvent[],
    fence: string | null,
    commitId: string,
    seed = false,
  ): Promise<CommitResult> {
    const { agentId, dialerSeq, dialerEpoch, dialerInstanceId } = next;
    const cursor: CommittedCursor = { dialerSeq, dialerEpoch, dialerInstanceId };
    const pairs = events.flatMap((e) => [String(e.seq), JSON.stringify(e)]);
    const answer = (await runScript(
      this.redis,
      COMMIT,
      [streamKey(agentId), eventsKey(agentId), CLUSTER_EVENTS_KEY, OWNERS_KEY],
      [
        expectedRev,
        commitId,
        JSON.stringify(next),
        JSON.stringify(cursor),
        fence ?? '',
        agentId,
        this.eventsPerAgent,
        this.eventsTtlMs,
        CLUSTER_EVENTS_KEPT,
        seed ? '1' : '0',
        ...pairs,
      ],
    )) as [string, string?, string?];
    if (answer[0] === 'ok') return { kind: 'ok' };
    if (answer[0] === 'fenced') return { kind: 'fenced' };
    return { kind: 'conflict', current: revision(answer[1], answer[2]) };
  }

  async load(agentId: string): Promise<Revision | undefined> {
    const [json, rev] = await this.redis.hmget(streamKey(agentId), 'json', 'rev');
    return revision(json, rev);
  }

  /**
   * Every stream, and the cluster stream's id to tail from: taken before
   * the reads, so a commit made meanwhile is read again by the tail (and
   * recognised by its seq), never missed.
   */
  async loadAll(): Promise<{ streams: Revision[]; from: string }> {
    const last = (await this.redis.xrevrange(CLUSTER_EVENTS_KEY, '+', '-', 'COUNT', 1)) as StreamEntries;
    const from = last[0]?.[0] ?? '0-0';
    const streams: Revision[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', STREAM_KEY_PATTERN, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.hmget(key, 'json', 'rev');
      for (const [error, fields] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        const [json, rev] = fields as (string | null)[];
        const found = revision(json, rev);
        if (found) streams.push(found);
      }
    } while (cursor !== '0');
    return { streams, from };
  }

  /** The kept events after `seq`, in order (older ones may be trimmed: the caller checks continuity). */
  async eventsAfter(agentId: string, seq: number): Promise<AgentEvent[]> {
    const entries = (await this.redis.xrange(eventsKey(agentId), `${seq + 1}-0`, '+')) as StreamEntries;
    return entries.map(([, fields]) => JSON.parse(field(fields, 'e') ?? 'null') as AgentEvent);
  }

  /**
   * The commits after `from`, as they come, on a reader connection; waits
   * up to `blockMs` for the next.
   */
  async readAfter(reader: Redis, from: string, blockMs: number): Promise<CommittedBatch[]> {
    const reply = (await reader.xread(
      'COUNT',
      1000,
      'BLOCK',
      blockMs,
      'STREAMS',
      CLUSTER_EVENTS_KEY,
      from,
    )) as [key: string, entries: StreamEntries][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    return entries.map(([id, fields]) => {
      const cursor = field(fields, 'c');
      return {
        id,
        rev: Number(field(fields, 'r')),
        events: JSON.parse(field(fields, 'e') ?? '[]') as AgentEvent[],
        // Commits of the first cluster builds named their agent only inside the whole stream ('s').
        agentId: field(fields, 'a') ?? agentOf(field(fields, 's')),
        cursor: cursor ? (JSON.parse(cursor) as CommittedCursor) : undefined,
      };
    });
  }

  /**
   * True when commits after `id` were trimmed away unread (a node stalled
   * for long): its mirror must then reload every stream.
   */
  async trimmedPast(id: string): Promise<boolean> {
    const first = (await this.redis.xrange(CLUSTER_EVENTS_KEY, '-', '+', 'COUNT', 1)) as StreamEntries;
    const firstId = first[0]?.[0];
    return firstId !== undefined && compareIds(firstId, id) > 0 && !(await this.has(id));
  }

  private async has(id: string): Promise<boolean> {
    const found = (await this.redis.xrange(CLUSTER_EVENTS_KEY, id, id)) as StreamEntries;
    return found.length > 0;
  }
}

function agentOf(streamJson: string | undefined): string {
  return streamJson ? (JSON.parse(streamJson) as StoredStream).agentId : '';
}

function revision(json: string | null | undefined, rev: string | null | undefined): Revision | undefined {
  return json ? { stream: JSON.parse(json) as StoredStream, rev: Number(rev ?? 0) } : undefined;
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}
