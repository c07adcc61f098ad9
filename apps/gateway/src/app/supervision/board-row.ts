import { type AgentState, type BoardRow, type BoardScope, boardRoleOf } from '@puente/contracts';
import type { DialerAgentPosition } from '../dialer/dialer.types';

/** Room of every delta, for admins: socket.io sends a message once per socket across the rooms it targets. */
export const ALL_ROOM = 'scope:all';
export const campaignRoom = (id: string) => `campaign:${id}`;
export const queueRoom = (id: string) => `queue:${id}`;

/** The rooms a row is broadcast to (besides ALL_ROOM): its campaign and its queues. */
export function roomsOfRow(row: Pick<BoardRow, 'campaign' | 'queues'>): string[] {
  const rooms = row.queues.map(queueRoom);
  if (row.campaign) rooms.unshift(campaignRoom(row.campaign.id));
  return rooms;
}

/** The rooms a supervisor's socket joins. */
export function roomsOfScope(scope: BoardScope): string[] {
  if (scope.all) return [ALL_ROOM];
  return [...scope.campaignIds.map(campaignRoom), ...scope.queueIds.map(queueRoom)];
}

export interface RowContext {
  /** The dialer's last listing of this agent (queues it serves, or the whole row when not logged in here). */
  position: DialerAgentPosition | undefined;
  campaignName: (id: string) => string;
  /** A monitoring change the gateway just made, shown until the dialer's own events confirm it. */
  monitoredBy: BoardRow['monitoredBy'] | undefined;
}

function uniq(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort();
}

/**
 * A board row from the agent's reduced state (the shared reducer's output;
 * nothing is reduced twice). Null when the user is not on the board: logged
 * out, or neither agent nor supervisor. A supervisor is a row labelled as
 * one (issue 16 §3), even when the dialer also lets them take calls.
 */
export function rowFromState(state: AgentState, ctx: RowContext): BoardRow | null {
  const session = state.session;
  const role = session ? boardRoleOf(session.roles) : null;
  if (!session || !role || state.activity === 'logged_out') return null;
  // An ended call stays in the state until its contact is released; on the board it is the
  // agent's current work only during wrap-up (it also keeps the agent in the call's queue).
  const call =
    state.call && (state.call.status !== 'ended' || state.activity === 'wrap_up') ? state.call : null;
  const campaign = state.campaign
    ? { id: state.campaign.id, name: state.campaign.name }
    : call?.campaignId
      ? { id: call.campaignId, name: ctx.campaignName(call.campaignId) }
      : null;
  return {
    agentId: state.agentId,
    user: session.user,
    displayName: session.displayName,
    role,
    device: session.device,
    activity: state.activity,
    breakState: state.breakState,
    stateSince: state.activitySince,
    campaign,
    queues: uniq([...(ctx.position?.agent.queueIds ?? []), call?.queueId]),
    call: call
      ? {
          callId: call.callId,
          direction: call.direction,
          status: call.status,
          party: call.party,
          startedAt: call.startedAt,
          answeredAt: call.answeredAt,
        }
      : null,
    monitoredBy: ctx.monitoredBy !== undefined ? ctx.monitoredBy : state.monitoredBy,
    help: state.help ? { reason: state.help.reason, since: state.help.since } : null,
    source: 'gateway',
    seq: state.seq,
  };
}

/** A row for an agent only the dialer knows about (logged in elsewhere), from its position in the dialer's listing. */
export function rowFromPosition(position: DialerAgentPosition, ctx: RowContext): BoardRow | null {
  const { agent, call } = position;
  const role = boardRoleOf(agent.roles);
  if (agent.state === 'logged_out' || !role) return null;
  const campaignId = agent.campaignId ?? call?.campaignId ?? null;
  return {
    agentId: agent.agentId,
    user: agent.user,
    displayName: agent.displayName,
    role,
    device: agent.device || null,
    activity: agent.state,
    breakState: agent.breakState,
    stateSince: agent.stateSince,
    campaign: campaignId ? { id: campaignId, name: ctx.campaignName(campaignId) } : null,
    queues: uniq([...agent.queueIds, call?.queueId]),
    call:
      call && call.state !== 'ended'
        ? {
            callId: call.callId,
            direction: call.direction,
            status: call.state,
            party: call.number,
            startedAt: call.startedAt,
            answeredAt: call.answeredAt,
          }
        : null,
    monitoredBy: ctx.monitoredBy !== undefined ? ctx.monitoredBy : position.monitoredBy,
    source: 'dialer',
    seq: 0,
  };
}
