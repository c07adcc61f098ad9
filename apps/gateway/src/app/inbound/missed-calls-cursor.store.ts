/** How far the gateway has read the dialer's missed calls: the dialer run and the last seq in it. */
export interface MissedCallsCursor {
  epoch: string;
  after: number;
}

/**
 * Where the missed-calls reader (D4) keeps its cursor, saved after the
 * page's Tasks are queued: a restart re-reads at most one page, never skips
 * one. One per gateway (one reader), not per agent.
 */
export abstract class MissedCallsCursorStore {
  /** As saved; fields an older version did not write are missing. May throw on a damaged value. */
  abstract load(): Partial<MissedCallsCursor> | undefined;
  abstract save(cursor: MissedCallsCursor): void;
}
