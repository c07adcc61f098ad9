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

/**
 * How often (ms) the server pings and how long it waits for the pong. A
 * stopped or killed gateway closes its sockets, so panels notice at once;
 * these only bound how long a hung gateway (or a vanished host) goes
 * unnoticed: 10 s. Every ping costs both ends CPU: at 2 s, 10,000 panels
 * made 5,000 pings a second, five times the events (issue 18 §3,
 * docs/performance.md).
 */
export const SOCKET_HEARTBEAT = { pingInterval: 5000, pingTimeout: 5000 } as const;

/**
 * How long (ms) a panel waits for a socket handshake before it tries again.
 * A hung gateway node (frozen, its kernel still accepting connections) holds
 * a handshake the balancer sent it without a word; past this the panel's next
 * attempt may reach another node (failure/cluster-node-frozen.failure.spec.ts).
 */
export const SOCKET_CONNECT_TIMEOUT_MS = 4000;

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
