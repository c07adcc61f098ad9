import { type AgentEvent, SOCKET_NAMESPACES, type SessionResponse } from '@puente/contracts';
import { io, type Socket } from 'socket.io-client';
import { BENCH_PASSWORD, benchUser } from './agents';

export type EventsTarget = 'gateway' | 'bare relay';

export interface PanelPlace {
  target: EventsTarget;
  /** Where the agent logs in (a gateway node). */
  loginUrl: string;
  /** Where its panel socket connects (the same node, or another of the cluster). */
  socketUrl: string;
  dialerUrl: string;
}

/** What the panels saw: the dialer → panel delay of each bench event, and sockets the server closed. */
export interface PanelTally {
  latencies: number[];
  /** Sockets closed by anything but the bench, by socket.io's reason ('ping timeout', 'io server disconnect'…). */
  dropped: Map<string, number>;
}

/**
 * Bench agent `i` logs in and connects its panel: through the gateway
 * (POST /api/v1/sessions, then /agents with the access token, then
 * `resume`), or to the bare relay (which logs in to the dialer on the
 * agent's behalf, as the gateway does). Each bench event received adds its
 * dialer → panel delay to the tally; a socket that drops (a missed
 * heartbeat under load, say) is counted and stays down, so its events count
 * as lost.
 */
export async function connectPanel(place: PanelPlace, i: number, tally: PanelTally): Promise<Socket> {
  const { target, loginUrl, socketUrl, dialerUrl } = place;
  const { user, device } = benchUser(i);
  let auth: Record<string, string>;
  if (target === 'gateway') {
    const res = await fetch(`${loginUrl}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device, user, password: BENCH_PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`login of ${user} failed: ${res.status} ${await res.text()}`);
    auth = { token: ((await res.json()) as SessionResponse).accessToken };
  } else {
    const res = await fetch(`${dialerUrl}/neoapi/v1/Login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device, user, password: BENCH_PASSWORD }),
    });
    auth = { dialerToken: ((await res.json()) as { data: { token: string } }).data.token, dialerUrl };
  }
  const path = target === 'gateway' ? SOCKET_NAMESPACES.agents : '/agents';
  const socket = io(`${socketUrl}${path}`, { transports: ['websocket'], auth, reconnection: false });
  socket.on('event', (e: AgentEvent) => {
    const name = (e.payload as { breakState?: { name?: string } | null }).breakState?.name;
    if (e.type === 'agent.state_changed' && name?.startsWith('bench'))
      tally.latencies.push(Date.now() - Date.parse(e.at));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  if (target === 'gateway') await socket.emitWithAck('resume', { lastSeq: 0 });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io client disconnect') tally.dropped.set(reason, (tally.dropped.get(reason) ?? 0) + 1);
  });
  return socket;
}
