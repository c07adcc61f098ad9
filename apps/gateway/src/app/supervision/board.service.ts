import { isDeepStrictEqual } from 'node:util';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import {
  type BoardDelta,
  type BoardRow,
  type BoardScope,
  type BoardSnapshot,
  rowInScope,
} from '@puente/contracts';
import { Histogram } from 'prom-client';
import { Subject, type Subscription } from 'rxjs';
import { SessionService } from '../auth/session.service';
import { AgentStreams } from '../events/agent-streams.service';
import { MetricsService } from '../metrics/metrics.service';
import { ALL_ROOM, roomsOfRow, type RowContext, rowFromPosition, rowFromState } from './board-row';
import { DialerDirectory } from './dialer-directory.service';
import { SUPERVISION_OPTIONS, type SupervisionOptions } from './supervision.options';

interface PublishedRow {
  row: BoardRow;
  rooms: string[];
}

/**
 * One message of a tick, serialized once and sent to every socket in `rooms`
 * (but not in `except`). Each message has its own version, so a client can
 * apply exactly the messages newer than its snapshot.
 */
export interface BoardMessage {
  rooms: string[];
  except: string[];
  delta: BoardDelta;
}

interface Group {
  rooms: string[];
  except: string[];
  rows: BoardRow[];
  removed: string[];
}

/**
 * The one supervisor board of the gateway (issue 8 §2). An agent event only
 * marks its agent dirty; every tick the dirty rows are rebuilt from the
 * reduced state the AgentStreams already hold (the shared reducer, never a
 * second one), compared with what was last published, and the changes are
 * grouped by the rooms they go to. The work per event is therefore the same
 * with one supervisor or a hundred; socket.io does the per-socket writes.
 */
@Injectable()
export class BoardService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly published = new Map<string, PublishedRow>();
  private readonly dirty = new Set<string>();
  /** Agents with an event stream in this gateway (their events beat the dialer's periodic listing). */
  private readonly gatewayAgents = new Set<string>();
  /** Monitoring changes made through this gateway, until the dialer's own events or listing confirm them. */
  private readonly monitorHints = new Map<string, BoardRow['monitoredBy']>();
  private readonly subscriptions: Subscription[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly tickSeconds: Histogram;
  private version = 0;
  /** The messages of every tick that changed something, removals first. */
  readonly broadcasts = new Subject<BoardMessage[]>();

  constructor(
    private readonly streams: AgentStreams,
    private readonly sessions: SessionService,
    private readonly directory: DialerDirectory,
    metrics: MetricsService,
    @Inject(SUPERVISION_OPTIONS) private readonly options: SupervisionOptions,
  ) {
    this.tickSeconds = new Histogram({
      name: 'puente_board_tick_seconds',
      help: 'Time to rebuild and group the changed rows of the supervisor board, per tick',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.streams.observed.subscribe((event) => {
        this.gatewayAgents.add(event.agentId);
        this.dirty.add(event.agentId);
        if (
          event.type === 'agent.monitored' ||
          event.type === 'agent.unmonitored' ||
          event.type === 'call.ended'
        )
          this.monitorHints.delete(event.agentId);
      }),
      this.directory.agentsChanged.subscribe((ids) => {
        for (const id of ids) {
          this.dirty.add(id);
          if (!this.gatewayAgents.has(id)) this.monitorHints.delete(id);
        }
      }),
    );
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  /** Sessions restored after a restart are on the board before their first new event. */
  onApplicationBootstrap(): void {
    for (const session of this.sessions.all()) {
      this.gatewayAgents.add(session.agentId);
      this.dirty.add(session.agentId);
    }
    this.tick();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.unsubscribe();
  }

  /** The board as last published, filtered to a scope. */
  snapshot(scope: BoardScope): BoardSnapshot {
    const rows: BoardRow[] = [];
    for (const { row } of this.published.values()) if (rowInScope(row, scope)) rows.push(row);
    return { version: this.version, serverTime: new Date().toISOString(), scope, rows };
  }

  /** The agent's row as it is now (not waiting for the tick): what monitoring commands check. */
  current(agentId: string): BoardRow | null {
    return this.build(agentId);
  }

  /** Shows a monitoring change at once; the dialer's events or next listing take over from it. */
  noteMonitoring(agentId: string, monitoredBy: BoardRow['monitoredBy']): void {
    this.monitorHints.set(agentId, monitoredBy);
    this.dirty.add(agentId);
  }

  /** Publishes what changed since the last tick (also run by tests that do not want to wait). */
  tick(): void {
    if (this.dirty.size === 0) return;
    const done = this.tickSeconds.startTimer();
    const ids = [...this.dirty];
    this.dirty.clear();
    const removals = new Map<string, Group>();
    const updates = new Map<string, Group>();
    for (const id of ids) {
      const before = this.published.get(id);
      const row = this.build(id);
      if (!row) {
        if (!before) continue;
        this.published.delete(id);
        group(removals, [...before.rooms, ALL_ROOM], []).removed.push(id);
        continue;
      }
      // Compared field by field, not as JSON kept beside each row: a serialized copy per agent,
      // replaced at its next change, was old-generation garbage under load (issue 18 §3).
      if (before && isDeepStrictEqual(before.row, row)) continue;
      const rooms = roomsOfRow(row);
      this.published.set(id, { row, rooms });
      const left = before ? before.rooms.filter((r) => !rooms.includes(r)) : [];
      if (left.length > 0) group(removals, left, [...rooms, ALL_ROOM]).removed.push(id);
      group(updates, [...rooms, ALL_ROOM], []).rows.push(row);
    }
    // Removals go first: an agent moving between two rooms of one supervisor must end up present.
    const messages = [...removals.values(), ...updates.values()].map(
      ({ rooms, except, rows, removed }): BoardMessage => ({
        rooms,
        except,
        delta: { version: ++this.version, rows, removed },
      }),
    );
    if (messages.length > 0) this.broadcasts.next(messages);
    done();
  }

  private build(agentId: string): BoardRow | null {
    const position = this.directory.positions.get(agentId);
    const ctx: RowContext = {
      position,
      campaignName: (id) => this.directory.campaignNames.get(id) ?? id,
      monitoredBy: this.monitorHints.has(agentId) ? this.monitorHints.get(agentId) : undefined,
    };
    if (this.gatewayAgents.has(agentId)) {
      const state = this.streams.state(agentId);
      const row = rowFromState(state, ctx);
      if (row) return row;
      // Logged out here: the dialer's listing speaks for the agent only if it is newer than the logout.
      const loggedOutAt = state.activitySince ? Date.parse(state.activitySince) : 0;
      if (!position || this.directory.positionsReadAt <= loggedOutAt) return null;
    }
    return position ? rowFromPosition(position, ctx) : null;
  }
}

function group(groups: Map<string, Group>, rooms: string[], except: string[]): Group {
  const key = `${rooms.join('|')}/${except.join('|')}`;
  let found = groups.get(key);
  if (!found) {
    found = { rooms, except, rows: [], removed: [] };
    groups.set(key, found);
  }
  return found;
}
