import type { CallRecord, CrmObjectType } from '@puente/crm';

/** What the Task of an ended call is built from, kept so the journal can be finished after a restart. */
export interface EndedCall {
  record: CallRecord;
  ownerEmail: string | null;
  /** A record created from the pop, to link once it exists (C4). */
  sync: { syncId: string; objectType: CrmObjectType } | null;
}

/** How the contact left the agent's screen (the dialer's ContactReleased). */
export interface ReleaseOutcome {
  categoryId: string | null;
  subcategoryId: string | null;
  scheduledFor: string | null;
}

export interface JournalEntry {
  callId: string;
  agentId: string;
  contactId: string | null;
  crmId: string | null;
  dialNote: string | null;
  wrapUpNote: string | null;
  ended: EndedCall | null;
  endedAt: number | null;
  released: ReleaseOutcome | null;
  done: boolean;
}

/** How long an entry is kept after it was first written: longer than any wrap-up or dialer session. */
export const CALL_JOURNAL_RETENTION_MS = 24 * 3_600_000;

/**
 * The call journal (C11, issue 15 §2): per call, what its Task is built
 * from, the agent's notes and how the contact was released, from the dial to
 * the Task's completion, so a restart (graceful or not) still finishes the
 * right call's Task. Call notes expire: entries older than
 * CALL_JOURNAL_RETENTION_MS are dropped as new calls end (and, on Redis, by
 * key expiry). Each write is durable once its promise resolves: callers wait
 * for it before the dialer is asked. Async for Redis (issue 18 §2), where any
 * node can finish the Task of a call another node journaled; the SQLite
 * implementation does each operation within the call, so one node keeps its
 * old ordering.
 */
export abstract class CallJournalRepository {
  abstract get(callId: string): Promise<JournalEntry | undefined>;
  /** The note typed when dialling by hand (B2), kept until the call's Task is written. */
  abstract rememberDialNote(callId: string, agentId: string, note: string, now?: number): Promise<void>;
  /** The call ended: what its Task is built from. Also drops entries past the retention window. */
  abstract rememberEnded(
    entry: { callId: string; agentId: string; contactId: string | null; crmId: string | null },
    ended: EndedCall,
    now?: number,
  ): Promise<void>;
  /** What the agent wrote in wrap-up, recorded before the dialer is asked, so no answer can outrun it. */
  abstract rememberWrapUpNote(
    callId: string,
    agentId: string,
    contactId: string,
    note: string | null,
    now?: number,
  ): Promise<void>;
  /** The agent's most recent ended call with this contact still on screen (not released). */
  abstract lastCallWith(agentId: string, contactId: string): Promise<JournalEntry | undefined>;
  /** Records the release on every open call of the agent with the contact; returns those entries. */
  abstract release(agentId: string, contactId: string, outcome: ReleaseOutcome): Promise<JournalEntry[]>;
  /** Released calls whose Task completion has not been queued yet (a crash in between). */
  abstract unfinished(): Promise<JournalEntry[]>;
  abstract finish(callId: string): Promise<void>;
}
