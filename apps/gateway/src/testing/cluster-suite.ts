import { type ClusterAgent, progressiveAgents } from './cluster-agent';
import { ClusterStack, type ClusterStackOptions } from './cluster-stack';

/** Jest's suite hooks, passed in by the spec: this folder's tsconfig has no Jest globals (as ClusterStack's startRedis). */
export interface SuiteHooks {
  beforeAll(fn: () => Promise<void>): void;
  afterAll(fn: () => Promise<void>): void;
}

export interface ClusterSuiteOptions extends ClusterStackOptions {
  /** Runs after the agents close and before the stack stops (say, clearing a fault the test left on). */
  beforeStop?: (stack: ClusterStack) => Promise<void>;
}

/**
 * What every cluster failure spec starts from (issue 18 §3): the stack up,
 * its customers scripted, four agents of the progressive campaign logged in
 * and ready, before the spec's tests; the agents closed and the stack
 * stopped after them. `agents` is filled once they started.
 */
export function clusterSuite(
  hooks: SuiteHooks,
  options: ClusterSuiteOptions,
): { stack: ClusterStack; agents: ClusterAgent[] } {
  const stack = new ClusterStack(options);
  const agents: ClusterAgent[] = [];
  hooks.beforeAll(async () => {
    await stack.start();
    await stack.scriptCustomers();
    agents.push(...progressiveAgents(stack));
    await Promise.all(agents.map((a) => a.start()));
  });
  hooks.afterAll(async () => {
    for (const agent of agents) agent.close();
    await options.beforeStop?.(stack).catch(() => undefined);
    await stack.stop();
  });
  return { stack, agents };
}
