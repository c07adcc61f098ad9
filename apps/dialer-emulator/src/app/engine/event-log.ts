import type { NeoEvent, NeoEventPayloads, NeoEventType } from '@puente/neoapi';
import type { VirtualClock } from '../sim/clock';

type Listener = (event: NeoEvent) => void;

/**
 * Each agent's event stream: a sequence that increases by one per event and
 * never restarts while the dialer runs, the last `capacity` events kept for
 * resuming (GET /events?after=N), and live listeners (SSE streams, simulated
 * agents). Listeners are called synchronously, in emission order.
 */
export class EventLog {
  private readonly logs = new Map<string, { events: NeoEvent[]; last: number }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Push streams (GET /events) open per agent: what the operator view reports. */
  private readonly streams = new Map<string, number>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly capacity = 1000,
  ) {}

  emit<K extends NeoEventType>(agentId: string, type: K, data: NeoEventPayloads[K]): NeoEvent<K> {
    const log = this.logs.get(agentId) ?? { events: [], last: 0 };
    this.logs.set(agentId, log);
    log.last += 1;
    const event = { seq: log.last, agentId, at: this.clock.iso(), type, data } as NeoEvent<K>;
    log.events.push(event as NeoEvent);
    if (log.events.length > this.capacity) log.events.splice(0, log.events.length - this.capacity);
    for (const listener of [...(this.listeners.get(agentId) ?? [])]) listener(event as NeoEvent);
    return event;
  }

  lastSeq(agentId: string): number {
    return this.logs.get(agentId)?.last ?? 0;
  }

  /**
   * Events after `after`; `complete` is false when some of them are no longer
   * kept (or `after` is ahead of this dialer's history, e.g. from before a
   * restart): the reader must start again from a Position (a Resync event).
   */
  since(agentId: string, after: number): { events: NeoEvent[]; complete: boolean } {
    const log = this.logs.get(agentId) ?? { events: [], last: 0 };
    if (after > log.last) return { events: [], complete: false };
    const first = log.events[0]?.seq ?? log.last + 1;
    return { events: log.events.filter((e) => e.seq > after), complete: after >= first - 1 };
  }

  subscribe(agentId: string, listener: Listener): () => void {
    const set = this.listeners.get(agentId) ?? new Set();
    this.listeners.set(agentId, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** A client's push stream: a listener the operator view counts as one open stream of the agent. */
  openStream(agentId: string, listener: Listener): () => void {
    const unsubscribe = this.subscribe(agentId, listener);
    this.streams.set(agentId, this.streamCount(agentId) + 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      unsubscribe();
      const left = this.streamCount(agentId) - 1;
      if (left > 0) this.streams.set(agentId, left);
      else this.streams.delete(agentId);
    };
  }

  streamCount(agentId: string): number {
    return this.streams.get(agentId) ?? 0;
  }
}
