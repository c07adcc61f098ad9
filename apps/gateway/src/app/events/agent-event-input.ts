import type { AgentEventPayloads, AgentEventType } from '@puente/contracts';

/** An event before the agent's stream numbers it. `at` defaults to now. */
export type AgentEventInput<K extends AgentEventType = AgentEventType> = {
  [T in K]: { type: T; payload: AgentEventPayloads[T]; at?: string };
}[K];

export function input<K extends AgentEventType>(
  type: K,
  payload: AgentEventPayloads[K],
  at?: string,
): AgentEventInput<K> {
  return { type, payload, ...(at ? { at } : {}) } as AgentEventInput<K>;
}
