import { isDeepStrictEqual } from 'node:util';
import type { AgentState } from '@puente/contracts';
import type { ClusterAgent } from './cluster-agent';
import type { ClusterStack } from './cluster-stack';
import { perfect, seqTally, type Tally, tally } from './ledger';

/**
 * Everything a cluster failure test asserts at its end, in one object, so a
 * failure shows every number at once (issue 18 §3): the agents' events by
 * seq, each finished call's Task in the org, how every panel reconnect
 * resumed, and whatever an agent would have noticed beyond a reconnect.
 */
export interface ClusterOutcome {
  /** Per agent, every seq after its first panel's start up to its final state, received once. */
  events: Tally;
  /** Each finished call's Task in the org (by CallObject), with a disposition, once. */
  tasks: Tally;
  /** Reconnects that did not resume by replay (a snapshot skips events). */
  snapshots: string[];
  /** Sessions the gateway ended (the agent would have had to log in again). */
  sessionsEnded: string[];
  /** agent.logged_out events the panels received. */
  loggedOut: string[];
  /** Agents whose state as the cluster serves it (REST, through the balancer) differs from their panel's. */
  statesDiffer: string[];
}

/** Polls the org until every call's Task is there with its disposition, or `withinMs` passes; then tallies. */
async function taskTally(stack: ClusterStack, callObjects: string[], withinMs: number): Promise<Tally> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = await stack.tasksByCallObject(callObjects);
    const done = found.length >= callObjects.length && found.every(([, t]) => t['CallDisposition']);
    if (done || Date.now() > deadline)
      return tally(
        callObjects,
        found.map(([callObject]) => callObject),
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Each agent's state as the cluster serves it (REST through the balancer),
 * read again for a few seconds until it agrees with the panel's: a node's
 * copy of a stream may trail the event the panel already has by a moment.
 */
async function agreedStates(agents: readonly ClusterAgent[], withinMs = 5000): Promise<AgentState[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const states = await Promise.all(
      agents.map(async (a) => (await a.request('GET', '/api/v1/agent/state')).body as AgentState),
    );
    if (Date.now() > deadline || states.every((s, i) => isDeepStrictEqual(s, agents[i].panel.state)))
      return states;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The outcome of a cluster test, with the perfect one to compare it to, and its figures for the log. */
export async function clusterOutcome(
  stack: ClusterStack,
  agents: readonly ClusterAgent[],
  tasksWithinMs = 30_000,
): Promise<{ outcome: ClusterOutcome; perfect: ClusterOutcome; figures: string }> {
  const finals = await agreedStates(agents);
  const streams = agents.map((a, i) => ({
    user: a.user,
    from: a.fromSeq,
    to: finals[i].seq,
    received: a.received,
  }));
  const expectedEvents = streams.reduce((n, s) => n + Math.max(0, s.to - s.from), 0);
  const calls = agents.flatMap((a) => a.finished.map((c) => stack.callObjectOf(c.callId)));
  const outcome: ClusterOutcome = {
    events: seqTally(streams),
    tasks: await taskTally(stack, calls, tasksWithinMs),
    snapshots: agents.flatMap((a) => a.reconnects.filter((r) => r.mode !== 'replay').map(() => a.user)),
    sessionsEnded: agents.filter((a) => a.sessionEnded).map((a) => `${a.user}: ${a.sessionEnded}`),
    loggedOut: agents.flatMap((a) =>
      a.received.filter((e) => e.type === 'agent.logged_out').map((e) => `${a.user}#${e.seq}`),
    ),
    statesDiffer: agents
      .map((a, i) => ({ a, final: finals[i] }))
      .filter(({ a, final }) => !isDeepStrictEqual(final, a.panel.state))
      .map(({ a, final }) => `${a.user}: the cluster says seq ${final.seq}, the panel ${a.panel.state.seq}`),
  };
  const reconnects = agents.flatMap((a) => a.reconnects);
  const longest = Math.max(0, ...reconnects.map((r) => r.resumedAt - r.droppedAt));
  const figures =
    `${agents.length} agents, ${calls.length} calls, ${expectedEvents} events; ` +
    `panel reconnects ${reconnects.length} (longest ${longest} ms); ` +
    `commands retried after a network failure ${agents.reduce((n, a) => n + a.retried, 0)}`;
  return {
    outcome,
    perfect: {
      events: perfect(expectedEvents),
      tasks: perfect(calls.length),
      snapshots: [],
      sessionsEnded: [],
      loggedOut: [],
      statesDiffer: [],
    },
    figures,
  };
}
