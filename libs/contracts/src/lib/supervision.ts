import { z } from 'zod';
import {
  AgentActivitySchema,
  BreakStateSchema,
  CallDirectionSchema,
  CallStatusSchema,
  MonitorModeSchema,
} from './agent-state';

/**
 * Supervision (issue 8, SPEC E1-E4): the live board, campaign and queue
 * figures, listen / assist / barge, and the audit of every monitoring
 * action. The gateway builds these from the same agent events and reducer
 * as the agents' panels; the panel's supervisor view folds them with
 * `applyBoardDelta`.
 */

const Id = z.string().trim().min(1).max(64);

/**
 * What a row of the board is (issue 16 §3): an agent, or a supervisor (or
 * admin) logged in on the platform. A supervisor's row is labelled and
 * filterable, and never counted among the agents of the figures.
 */
export const BoardRoleSchema = z.enum(['agent', 'supervisor']);
export type BoardRole = z.infer<typeof BoardRoleSchema>;

/** A user who supervises is a supervisor on the board, whatever other roles they hold. */
export function boardRoleOf(roles: readonly string[]): BoardRole | null {
  if (roles.includes('supervisor') || roles.includes('admin')) return 'supervisor';
  return roles.includes('agent') ? 'agent' : null;
}

/** One agent on the board (E1): what a supervisor sees in a row. */
export const BoardRowSchema = z.object({
  agentId: z.string(),
  user: z.string(),
  displayName: z.string(),
  role: BoardRoleSchema,
  device: z.string().nullable(),
  activity: AgentActivitySchema,
  breakState: BreakStateSchema.nullable(),
  /** Origin of "time in state": the panel counts from here (corrected by the snapshot's serverTime). */
  stateSince: z.string().nullable(),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Inbound queues the agent serves, and the queue of the current call. */
  queues: z.array(z.string()),
  call: z
    .object({
      callId: z.string(),
      direction: CallDirectionSchema,
      status: CallStatusSchema,
      party: z.string(),
      startedAt: z.string(),
      answeredAt: z.string().nullable(),
    })
    .nullable(),
  monitoredBy: z.object({ supervisorId: z.string(), mode: MonitorModeSchema }).nullable(),
  /** The agent asked for a supervisor's help (issue 16 §3), since when and why; absent or null: not. */
  help: z.object({ reason: z.string(), since: z.string() }).nullable().optional(),
  /**
   * `gateway`: live from the agent's event stream (updates within a second);
   * `dialer`: the agent is not logged in through this gateway, the row comes
   * from the dialer's periodic agent list and is as fresh as its last refresh.
   */
  source: z.enum(['gateway', 'dialer']),
  /** The agent stream's seq the row reflects (0 for dialer rows). */
  seq: z.number().int().nonnegative(),
});
export type BoardRow = z.infer<typeof BoardRowSchema>;

/** Which part of the board a supervisor may see (E4): their campaigns and queues, or all for admins. */
export const BoardScopeSchema = z.object({
  all: z.boolean(),
  campaignIds: z.array(z.string()),
  queueIds: z.array(z.string()),
});
export type BoardScope = z.infer<typeof BoardScopeSchema>;

/**
 * The whole (filtered) board at `version`. A supervisor gets one on every
 * (re)connect, so a dropped connection never leaves a board with gaps.
 */
export const BoardSnapshotSchema = z.object({
  version: z.number().int().nonnegative(),
  /** The gateway's clock, to correct time-in-state for a skewed browser clock. */
  serverTime: z.string(),
  scope: BoardScopeSchema,
  rows: z.array(BoardRowSchema),
});
export type BoardSnapshot = z.infer<typeof BoardSnapshotSchema>;

/**
 * What changed on the board. Every delta the gateway sends has its own
 * `version`, increasing across the whole board; a supervisor only gets the
 * deltas that touch their scope, so versions skip: that is not a gap (a
 * socket.io connection loses nothing; a reconnect brings a new snapshot).
 * Apply only deltas with a version above the snapshot's.
 */
export const BoardDeltaSchema = z.object({
  version: z.number().int().positive(),
  /** New or changed rows, whole. */
  rows: z.array(BoardRowSchema),
  /** Agents gone from this supervisor's board (logged out, or moved out of their scope). */
  removed: z.array(z.string()),
});
export type BoardDelta = z.infer<typeof BoardDeltaSchema>;

/** Optional narrowing of `GET /supervision/board`, within what the supervisor may see. */
export const BoardQuerySchema = z
  .object({
    campaignId: Id.optional(),
    queueId: Id.optional(),
    activity: AgentActivitySchema.optional(),
    role: BoardRoleSchema.optional(),
  })
  .strict();
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

/** Folds a delta onto a snapshot (pure; stale or repeated deltas change nothing). */
export function applyBoardDelta(board: BoardSnapshot, delta: BoardDelta): BoardSnapshot {
  if (delta.version <= board.version) return board;
  const rows = new Map(board.rows.map((r) => [r.agentId, r]));
  for (const id of delta.removed) rows.delete(id);
  for (const row of delta.rows) rows.set(row.agentId, row);
  return { ...board, version: delta.version, rows: [...rows.values()] };
}

/** Whether a row belongs in a scope: the agent's campaign, or one of its queues, is the supervisor's. */
export function rowInScope(row: Pick<BoardRow, 'campaign' | 'queues'>, scope: BoardScope): boolean {
  if (scope.all) return true;
  if (row.campaign && scope.campaignIds.includes(row.campaign.id)) return true;
  return row.queues.some((q) => scope.queueIds.includes(q));
}

export const AgentsByStateSchema = z.record(AgentActivitySchema, z.number().int().nonnegative());
export type AgentsByState = z.infer<typeof AgentsByStateSchema>;

export function emptyAgentsByState(): AgentsByState {
  return Object.fromEntries(AgentActivitySchema.options.map((a) => [a, 0])) as AgentsByState;
}

/** Live figures of one campaign or queue (E3). Definitions: docs/supervision.md. */
export const ScopeFiguresSchema = z.object({
  kind: z.enum(['campaign', 'queue']),
  id: z.string(),
  name: z.string(),
  /** From the dialer (null while it has not said): calls waiting for an agent now, and the oldest's wait. */
  callsWaiting: z.number().int().nonnegative().nullable(),
  longestWaitSeconds: z.number().nonnegative().nullable(),
  /** Calls presented to an agent (ringing) in the period. */
  offered: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  /** Callers who hung up, or were dropped, before talking to an agent: at the agent plus in the dialer. */
  abandoned: z.number().int().nonnegative(),
  /** abandoned / (answered + abandoned); null with no calls yet. */
  abandonRate: z.number().min(0).max(1).nullable(),
  serviceLevel: z.object({
    thresholdSeconds: z.number().int().positive(),
    answeredWithin: z.number().int().nonnegative(),
    /** answeredWithin / (answered + abandoned); null with no calls yet. */
    rate: z.number().min(0).max(1).nullable(),
  }),
  /** Calls whose handling ended (wrap-up left) in the period, and their average talk + hold + wrap-up. */
  handled: z.number().int().nonnegative(),
  averageHandleSeconds: z.number().nonnegative().nullable(),
  agentsByState: AgentsByStateSchema,
  /** The predictive dialer's current pace (campaigns only; null when the dialer does not say). */
  pace: z
    .object({ dialLevel: z.number().nonnegative(), linesDialing: z.number().int().nonnegative() })
    .nullable(),
});
export type ScopeFigures = z.infer<typeof ScopeFiguresSchema>;

export const FiguresSnapshotSchema = z.object({
  at: z.string(),
  /** Counters (offered, answered, abandoned, handled) run from here: local midnight, or the gateway's start. */
  periodStart: z.string(),
  /** When the dialer's part was last refreshed (null: never). */
  dialerAt: z.string().nullable(),
  items: z.array(ScopeFiguresSchema),
});
export type FiguresSnapshot = z.infer<typeof FiguresSnapshotSchema>;

/*
 * Start monitoring an agent, or switch mode while already monitoring them:
 * MonitorRequestSchema ({ mode }) in commands.ts.
 */

/** End monitoring (Fin): no body. */
export const MonitorEndRequestSchema = z.object({}).strict();
export type MonitorEndRequest = z.infer<typeof MonitorEndRequestSchema>;

export const MonitorActionSchema = z.enum(['start', 'switch', 'end']);
export type MonitorAction = z.infer<typeof MonitorActionSchema>;

export const MonitoringSchema = z.object({ targetAgentId: z.string(), mode: MonitorModeSchema });
export type Monitoring = z.infer<typeof MonitoringSchema>;

/** What a monitor command did, and what the supervisor monitors now. */
export const MonitorResultSchema = z.object({
  /** `none`: nothing to do (same mode again, or nothing to end). */
  action: z.union([MonitorActionSchema, z.literal('none')]),
  monitoring: MonitoringSchema.nullable(),
});
export type MonitorResult = z.infer<typeof MonitorResultSchema>;

/** One monitoring action, allowed or refused (E4): who, whom, when, mode, outcome. */
export const MonitorAuditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  supervisorId: z.string(),
  supervisorUser: z.string(),
  targetAgentId: z.string(),
  action: MonitorActionSchema,
  /** The mode asked for (start, switch) or the one that ended (end). */
  mode: MonitorModeSchema.nullable(),
  /** `ok`, or the stable error code of the refusal. */
  outcome: z.string(),
  message: z.string().nullable(),
});
export type MonitorAuditEntry = z.infer<typeof MonitorAuditEntrySchema>;

export const MonitorAuditQuerySchema = z
  .object({
    supervisorId: Id.optional(),
    agentId: Id.optional(),
    /** Entries with an id below this (paging back from the newest). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type MonitorAuditQuery = z.infer<typeof MonitorAuditQuerySchema>;

/** The `/supervisors` namespace (docs/supervision.md): a snapshot on connect, then deltas. */
/** An agent asks for help (ExecuteTask05): sent to the supervisors whose scope holds the agent. */
export const HelpRequestSchema = z.object({
  agentId: z.string(),
  user: z.string(),
  displayName: z.string(),
  callId: z.string().nullable(),
  reason: z.string(),
  at: z.string(),
});
export type HelpRequest = z.infer<typeof HelpRequestSchema>;

export interface SupervisorServerToClientEvents {
  'board.snapshot': (snapshot: BoardSnapshot) => void;
  /** A notification to act on (the row's `help` flag stays on the board until answered). */
  'help.requested': (request: HelpRequest) => void;
  'board.delta': (delta: BoardDelta) => void;
  /** Figures of the supervisor's campaigns and queues: all on connect, then those that changed. */
  figures: (figures: FiguresSnapshot) => void;
  'session.ended': (info: { reason: 'logout' | 'replaced' | 'expired' | 'forced' }) => void;
}

export interface SupervisorClientToServerEvents {
  /** Asks for a fresh snapshot (the server also sends one on every connect). */
  'board.sync': (ack: (snapshot: BoardSnapshot) => void) => void;
}
