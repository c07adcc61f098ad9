import type { AgentEvent } from './agent-events';
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

export interface AgentServerToClientEvents {
  event: (event: AgentEvent) => void;
}
