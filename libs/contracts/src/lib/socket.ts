import type { AgentEvent } from './agent-events';
import type { AgentState } from './agent-state';
import type { GatewayHealth } from './health';

/** socket.io namespaces the gateway serves. */
export const SOCKET_NAMESPACES = {
  /** Public: the gateway's and upstreams' health, pushed on change. */
  status: '/status',
  /** One room per agent; needs an access token. */
  agents: '/agents',
  /** The supervisor board; needs the supervisor role. */
  supervisors: '/supervisors',
} as const;

/** How often (ms) the server pings and how long it waits: a dead gateway is noticed within ~4 s. */
export const SOCKET_HEARTBEAT = { pingInterval: 2000, pingTimeout: 2000 } as const;

export interface StatusServerToClientEvents {
  health: (health: GatewayHealth) => void;
}
export type StatusClientToServerEvents = Record<string, never>;

/** A panel's catch-up after (re)connecting: the missed events, or the whole state when they are gone. */
export type ResumeResult = { mode: 'replay'; events: AgentEvent[] } | { mode: 'snapshot'; state: AgentState };

export interface AgentServerToClientEvents {
  /** Every event of the agent, in seq order. */
  event: (event: AgentEvent) => void;
  /** The session this socket belongs to has ended (logout, login elsewhere, expiry). */
  'session.ended': (info: { reason: 'logout' | 'replaced' | 'expired' | 'forced' }) => void;
}

export interface AgentClientToServerEvents {
  /** Sent on every (re)connect with the last seq the panel applied (0 for none). */
  resume: (request: { lastSeq: number }, ack: (result: ResumeResult) => void) => void;
}
