/**
 * The panel's retry pauses (issue 15 §10), drawn like socket.io's own
 * reconnection back-off (randomizationFactor 0.5, RECONNECT_OPTIONS): between
 * half and one and a half times the typical pause. A gateway restart drops
 * every panel at once; without this they would all come back in the same
 * tick.
 */
export const RANDOMIZATION_FACTOR = 0.5;

export function jittered(typicalMs: number, random: () => number = Math.random): number {
  return Math.round(typicalMs * (1 + RANDOMIZATION_FACTOR * (2 * random() - 1)));
}
