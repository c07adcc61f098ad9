/** How far the gateway has read the dialer's missed calls: the dialer run and the last seq in it. */
export interface MissedCallsCursor {
  epoch: string;
  after: number;
}

/**
 * Where the missed-calls reader (D4) keeps its cursor, saved after the
 * page's Tasks are queued: a restart re-reads at most one page, never skips
 * one. One per cluster (one reader: the missed-calls cluster job), not per
 * agent: the node's SQLite file on one node, Redis with REDIS_URL so the node
 * that takes the job over reads on where the last one stopped.
 */
export abstract class MissedCallsCursorStore {
  /** As saved; fields an older version did not write are missing. May reject on a damaged value. */
  abstract load(): Promise<Partial<MissedCallsCursor> | undefined>;
  abstract save(cursor: MissedCallsCursor): Promise<void>;
}
