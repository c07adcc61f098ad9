import type { BoardRow } from '@puente/contracts';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client to drive the board from a unit test. */
export class FakeSocket {
  readonly handlers = new Map<string, Handler[]>();
  url = '';
  closed = false;
  connected = false;
  /** False once the gateway refused the handshake: socket.io then stops retrying by itself. */
  active = true;
  connects = 0;
  readonly io = { on: () => this };
  on(event: string, h: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), h]);
    return this;
  }
  close(): void {
    this.closed = true;
  }
  connect(): this {
    this.connects++;
    this.active = true;
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}

/** A board row with plausible defaults; `n` makes ids, users and stamps distinct. */
export function boardRow(n: number, patch: Partial<BoardRow> = {}): BoardRow {
  const id = String(n).padStart(4, '0');
  return {
    agentId: `a${id}`,
    user: `agent${id}`,
    displayName: `Agent ${id}`,
    role: 'agent',
    device: `1${id}`,
    activity: 'available',
    breakState: null,
    stateSince: new Date(Date.UTC(2026, 0, 1, 9, 0, 0) + n * 1000).toISOString(),
    campaign: { id: String((n % 3) + 1), name: `Campaign ${(n % 3) + 1}` },
    queues: [String((n % 2) + 1)],
    call: null,
    monitoredBy: null,
    source: 'gateway',
    seq: n,
    ...patch,
  };
}
