import type { AgentEvent, AgentState, ResumeResult } from '@puente/contracts';
import type { StoredStream } from './agent-event-log';
import { type Observable, Subject } from 'rxjs';
import type { AgentEventInput } from './agent-event-input';

/**
 * Where an agent's link to the dialer stands: the last dialer seq applied,
 * in which run of the dialer (`epoch`) that seq counts, and which dialer it
 * is (`instanceId`). Null: the dialer did not say.
 */
export interface DialerCursor {
  seq: number;
  epoch: string | null;
  instanceId: string | null;
}

/**
 * Where events come from, for the cluster's guards (issue 18 §2): an
 * `update` of the dialer's push stream is skipped when its dialer seq was
 * already applied; `update` and `snapshot` are the dialer subscription's and
 * only its owner may write them (fenced). Commands and services write `app`.
 */
export type AppendSource = 'app' | 'update' | 'snapshot';

/**
 * Each agent's event stream: numbers events with a per-agent increasing seq,
 * folds them with the shared reducer, keeps them for replay, and publishes
 * them to the panels. Streams outlive sessions, so a panel's seq never goes
 * backwards, even across logins or gateway restarts.
 *
 * Two implementations: LocalAgentStreams (one node, the SQLite event log)
 * and ClusterAgentStreams (Redis, several nodes: docs/operations.md).
 */
export abstract class AgentStreams {
  /**
   * Every event committed *by this node*, once, in order per agent: what
   * acts on events (Tasks, screen pops, automatic release) subscribes here,
   * so in a cluster each event is acted on once. While a subscriber handles
   * one, `state()` answers the state right after that event, not after the
   * whole batch: a Resync that ends a call and releases its contact in one
   * batch must still let the journal see the call that ended (issue 15 §1).
   */
  readonly published = new Subject<AgentEvent>();
  protected readonly observedEvents = new Subject<AgentEvent>();
  /**
   * Agents whose dialer events could not be committed (cluster mode, Redis
   * unreachable for too long): their subscription re-reads the dialer's
   * position so nothing stays missing.
   */
  readonly uncommitted = new Subject<string>();
  private publishing: { agentId: string; state: AgentState } | undefined;

  /**
   * Every event of every agent, committed on any node, once per node: what
   * shows events (panels' and supervisors' sockets, the board, figures)
   * subscribes here. One node: the same events as `published`.
   */
  get observed(): Observable<AgentEvent> {
    return this.observedEvents.asObservable();
  }

  state(agentId: string): AgentState {
    if (this.publishing?.agentId === agentId) return this.publishing.state;
    return this.currentState(agentId);
  }

  /** The dialer event sequence already applied for this agent (where a push stream resumes). */
  dialerSeq(agentId: string): number {
    return this.dialerCursor(agentId).seq;
  }

  /** The dialer seq applied, with the run it counts in and the dialer it comes from. */
  abstract dialerCursor(agentId: string): DialerCursor;

  /**
   * Appends the events that bring the agent in line with a fresh Position of
   * the dialer (a Resync, or a Position of another run of it) and moves the
   * cursor to exactly `cursor`, even backwards: a restarted dialer numbers
   * its events from 1 again (issue 15 §1). The panel's own seq goes on
   * increasing, so panels resume by seq across the dialer's restart.
   */
  abstract resync(agentId: string, inputs: readonly AgentEventInput[], cursor: DialerCursor): void;

  /**
   * Appends events; `dialerSeq` records how far into the dialer's own stream
   * they take us, in the same write, so a restart resumes exactly there.
   * One node commits at once; a cluster commits in order per agent, shortly after.
   */
  abstract append(
    agentId: string,
    inputs: readonly AgentEventInput[],
    dialerSeq?: number,
    source?: AppendSource,
  ): void;

  /**
   * What a panel that last applied `lastSeq` needs: the missed events when
   * they are all still kept, otherwise the whole current state.
   */
  abstract resume(agentId: string, lastSeq: number): Promise<ResumeResult>;

  /** Resolves once this node's appends for the agent so far are committed (one node: at once). */
  settled(_agentId: string): Promise<void> {
    return Promise.resolve();
  }

  /** Brings this node's view of the agent up to date before it starts following them (a cluster's takeover). */
  catchUp(_agentId: string): Promise<void> {
    return Promise.resolve();
  }

  protected abstract currentState(agentId: string): AgentState;

  /**
   * Tells this node's subscribers of events just committed here: acting ones,
   * and showing ones unless they were shown already (`shown`: a cluster's
   * tail may read a commit before the commit's own answer arrives).
   */
  protected publish(
    agentId: string,
    events: readonly AgentEvent[],
    states: readonly AgentState[],
    shown = false,
  ): void {
    const outer = this.publishing;
    try {
      events.forEach((event, i) => {
        this.publishing = { agentId, state: states[i] };
        this.published.next(event);
        if (!shown) this.observedEvents.next(event);
      });
    } finally {
      this.publishing = outer;
    }
  }

  /** Tells this node's showing subscribers of events another node committed. */
  protected observe(agentId: string, events: readonly AgentEvent[], states: readonly AgentState[]): void {
    const outer = this.publishing;
    try {
      events.forEach((event, i) => {
        this.publishing = { agentId, state: states[i] };
        this.observedEvents.next(event);
      });
    } finally {
      this.publishing = outer;
    }
  }
}

/**
 * The answer to a panel that last applied `lastSeq`: the missed events if
 * every one is still kept, else a snapshot of the state.
 */
export async function resumeFrom(
  stream: StoredStream,
  lastSeq: number,
  eventsAfter: () => AgentEvent[] | Promise<AgentEvent[]>,
): Promise<ResumeResult> {
  if (lastSeq === stream.seq) return { mode: 'replay', events: [] };
  if (lastSeq > 0 && lastSeq < stream.seq) {
    const events = (await eventsAfter()).filter((e) => e.seq <= stream.seq);
    const complete = events.length === stream.seq - lastSeq && events[0]?.seq === lastSeq + 1;
    if (complete) return { mode: 'replay', events };
  }
  return { mode: 'snapshot', state: stream.state };
}
