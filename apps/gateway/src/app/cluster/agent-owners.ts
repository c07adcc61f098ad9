import type { Redis } from 'ioredis';
import { runScript } from './redis-command';

/**
 * Which node follows each logged-in agent at the dialer (issue 18 §2:
 * exactly one dialer subscription per agent across the cluster).
 *
 * - `puente:agent-owner`, a hash agent → claim `<node>|<token>`; tokens come
 *   from one counter and only grow, so a claim is also a fencing token: the
 *   event commit of a dialer update names its claim and is refused once
 *   another node holds the agent (RedisAgentStreamStore);
 * - `puente:node:<node>`, the node's heartbeat (PX ttl): its lease on its
 *   claims. A node whose heartbeat lapsed is dead, and its claims go to
 *   whichever live node takes each first (compare-and-set on the claim).
 *   Its value says whether the node reaches the dialer (`1`) or not
 *   (`no-dialer`): a node cut off from the dialer alone is alive but cannot
 *   follow its agents there, so a node that reaches it takes them the same way;
 * - `puente:node:<node>:agents` and `puente:nodes`: what to look through
 *   for a dead node's agents, so a round costs per node, not per agent.
 *
 * One lease per node rather than per agent: renewals cost the same for 10
 * or 10,000 agents, and a dead node's agents are all free at once.
 */
export const OWNER_CHANGED_CHANNEL = 'puente:agent-owner-changed';
const OWNERS = 'puente:agent-owner';
const COUNTER = 'puente:agent-owner:token';
const NODES = 'puente:nodes';
const heartbeatKey = (node: string) => `puente:node:${node}`;
const agentsKey = (node: string) => `puente:node:${node}:agents`;

// KEYS: owners, counter, channel, nodes, the node's heartbeat. ARGV: agent, node, expected claim ('*': any),
// heartbeat ttl, heartbeat value. Returns the new claim or false. The claim renews the node's heartbeat and lists the node:
// a node that claims before its first heartbeat round (a login just after it started) and dies is still
// found by the others, and its agents are taken over.
const CLAIM = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[3] ~= '*' and (current or '') ~= ARGV[3] then return false end
if current then
  local old = string.match(current, '^(.*)|%d+$')
  if old then redis.call('SREM', 'puente:node:' .. old .. ':agents', ARGV[1]) end
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  local now = redis.call('TIME')
  redis.call('SET', KEYS[2], string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)))
end
local claim = ARGV[2] .. '|' .. redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], ARGV[1], claim)
redis.call('SADD', 'puente:node:' .. ARGV[2] .. ':agents', ARGV[1])
redis.call('SET', KEYS[5], ARGV[5], 'PX', ARGV[4])
redis.call('SADD', KEYS[4], ARGV[2])
redis.call('PUBLISH', KEYS[3], ARGV[1] .. ' ' .. claim)
return claim`;

// KEYS: owners. ARGV: agent, claim, node. Compare-and-delete.
const RELEASE = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', 'puente:node:' .. ARGV[3] .. ':agents', ARGV[1])
return 1`;

export interface Orphan {
  agentId: string;
  claim: string;
}

/** What a node's heartbeat says of it: it reaches the dialer, or it is alive without it. */
const REACHES_DIALER = '1';
const NO_DIALER = 'no-dialer';

export class AgentOwners {
  constructor(
    private readonly redis: Redis,
    readonly nodeId: string,
    /** How long the node's claims live without a heartbeat. */
    private readonly heartbeatTtlMs: number,
  ) {}

  /** What this node's heartbeat says (heartbeat() sets it, a claim repeats it). */
  private said = REACHES_DIALER;

  /** Says this node is alive for another heartbeat ttl, and whether it reaches the dialer. */
  async heartbeat(reachesDialer = true): Promise<void> {
    this.said = reachesDialer ? REACHES_DIALER : NO_DIALER;
    await this.redis
      .multi()
      .set(heartbeatKey(this.nodeId), this.said, 'PX', this.heartbeatTtlMs)
      .sadd(NODES, this.nodeId)
      .exec();
  }

  /** A clean stop: the node's agents are free at once, not after its heartbeat lapses. */
  async leave(): Promise<void> {
    await this.redis.del(heartbeatKey(this.nodeId));
  }

  /** Takes the agent for this node; `expected`: only if its claim is still that one (else null). */
  async claim(agentId: string, expected: string | '*' = '*'): Promise<string | null> {
    const claim = await runScript(
      this.redis,
      CLAIM,
      [OWNERS, COUNTER, OWNER_CHANGED_CHANNEL, NODES, heartbeatKey(this.nodeId)],
      [agentId, this.nodeId, expected, this.heartbeatTtlMs, this.said],
    );
    return typeof claim === 'string' ? claim : null;
  }

  async release(agentId: string, claim: string): Promise<void> {
    await runScript(this.redis, RELEASE, [OWNERS], [agentId, claim, this.nodeId]);
  }

  /** The live claims of these agents (null: nobody holds it). */
  async claimsOf(agentIds: readonly string[]): Promise<(string | null)[]> {
    return agentIds.length === 0 ? [] : this.redis.hmget(OWNERS, ...agentIds);
  }

  /**
   * The agents held by nodes whose heartbeat lapsed, and by live nodes that
   * say they do not reach the dialer; forgets a dead node once it holds
   * nothing.
   */
  async orphans(): Promise<Orphan[]> {
    const nodes = (await this.redis.smembers(NODES)).filter((n) => n !== this.nodeId);
    if (nodes.length === 0) return [];
    const said = await this.redis.pipeline(nodes.map((n) => ['get', heartbeatKey(n)])).exec();
    const orphans: Orphan[] = [];
    for (const [n, node] of nodes.entries()) {
      const heartbeat = said?.[n]?.[1] as string | null | undefined;
      if (heartbeat !== null && heartbeat !== NO_DIALER) continue;
      const agents = await this.redis.smembers(agentsKey(node));
      if (agents.length === 0) {
        if (heartbeat === null) await this.redis.srem(NODES, node);
        continue;
      }
      const claims = await this.claimsOf(agents);
      agents.forEach((agentId, i) => {
        const claim = claims[i];
        if (claim?.startsWith(`${node}|`)) orphans.push({ agentId, claim });
      });
      const stale = agents.filter((_, i) => !claims[i]?.startsWith(`${node}|`));
      if (stale.length > 0) await this.redis.srem(agentsKey(node), ...stale);
    }
    return orphans;
  }
}
