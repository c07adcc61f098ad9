import type { GatewayStore } from './gateway-store';

/** The agent's note on a manual dial (B2), kept until the call's Task is written. */
export function rememberCallNote(store: GatewayStore, callId: string, note: string): void {
  store.setValue(`note:${callId}`, note);
}

export function callNote(store: GatewayStore, callId: string): string | null {
  return store.getValue(`note:${callId}`) ?? null;
}
