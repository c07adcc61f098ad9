import { type AgentState, type ResumeResult, SOCKET_CONNECT_TIMEOUT_MS } from '@puente/contracts';
import { type AgentStack, FailureAgent } from './failure-agent';
import type { GatewayClient } from './gateway-client';
import { until } from './ledger';

/** One time the agent's panel lost its socket and came back. */
export interface Reconnect {
  droppedAt: number;
  resumedAt: number;
  /** How the resume answered: 'replay' (the missed events) or 'snapshot' (events skipped). */
  mode: ResumeResult['mode'] | undefined;
  /** Connection attempts it took (handshakes refused while no node could serve it count). */
  attempts: number;
}

/** A pause of `ms` ± half. */
const jittered = (ms: number) => new Promise((r) => setTimeout(r, ms / 2 + Math.random() * ms));

/**
 * An agent of a cluster failure test (issue 18 §3): a FailureAgent behaving
 * as the real panel does behind a load balancer. When its socket drops it
 * connects again by itself and keeps trying (apps/agent-panel socket-factory:
 * "reconnect fast and forever"), then resumes from its seq; a command that
 * meets a network failure (the node died under it) is retried once with the
 * same Idempotency-Key (api-client.service.ts). What the agent could notice is
 * recorded for the test: reconnects, retried commands, a session end.
 */
export class ClusterAgent extends FailureAgent {
  readonly reconnects: Reconnect[] = [];
  /** Commands sent a second time after a network failure. */
  retried = 0;
  /** The seq the agent's first panel started from: the ledger expects every event after it. */
  fromSeq = 0;
  /** As the real panel's: a handshake a hung node holds fails after this, and the next attempt may reach the other. */
  protected override readonly connectTimeoutMs = SOCKET_CONNECT_TIMEOUT_MS;
  private closing = false;

  constructor(stack: AgentStack, user: string, device: string, campaignId = '2') {
    super(stack, user, device, campaignId);
  }

  /** Why the gateway ended the session on a panel, if it did (a cluster event must never do that). */
  get sessionEnded(): string | null {
    return this.panels.find((p) => p.ended)?.ended ?? null;
  }

  override async connect(before?: AgentState | null): Promise<void> {
    await super.connect(before);
    const panel = this.panel;
    if (this.panels.length === 1 && panel.lastResume?.mode === 'snapshot')
      this.fromSeq = panel.lastResume.state.seq;
    panel.socket.on('disconnect', (reason) => {
      if (this.closing || reason === 'io client disconnect' || panel !== this.panel || panel.ended) return;
      void this.reconnect(Date.now());
    });
  }

  /**
   * Customers answer by themselves here (ClusterStack.scriptCustomers): the
   * dialer's clock moves until the agent's panel shows a call in talk (a new
   * one: the agent comes here ready, with no call). Several agents share the
   * clock; nothing in the dialer runs out while it moves (no customer hangs
   * up, no line is left unanswered), so an agent held up by a reconnect finds
   * its call waiting.
   */
  override async answer(): Promise<string> {
    const state = await until(
      `a call in talk for ${this.user}`,
      async () => {
        const s = this.panel.state;
        if (s.call?.status === 'talking') return s;
        await this.stack.dialer.advance(1);
        return undefined;
      },
      30_000,
      50,
    );
    return state.call?.callId ?? '';
  }

  /** Closes its panel for good (the end of a test). */
  close(): void {
    this.closing = true;
    this.panel?.socket.close();
  }

  override async request(method: string, path: string, body?: unknown): ReturnType<GatewayClient['request']> {
    const key = method === 'POST' ? `cluster-${Math.random().toString(36).slice(2, 14)}` : undefined;
    const send = () => this.stack.gateway.request(method, path, { token: this.token, body, key });
    try {
      return await send();
    } catch (error) {
      // fetch rejects only when no HTTP answer came back: the connection failed or was cut.
      this.retried++;
      await jittered(400);
      return send().catch((again: Error) => {
        throw new Error(
          `${this.user}: ${method} ${path} failed twice: ${(error as Error).message}, ${again.message}`,
        );
      });
    }
  }

  private async reconnect(droppedAt: number): Promise<void> {
    for (let attempts = 1; !this.closing; attempts++) {
      await jittered(300);
      try {
        await this.connect();
        this.reconnects.push({
          droppedAt,
          resumedAt: Date.now(),
          mode: this.panel.lastResume?.mode,
          attempts,
        });
        return;
      } catch {
        // No node took the handshake yet (or its resume failed): try again, as the panel does.
      }
    }
  }
}

/**
 * `count` agents of progressive campaign 2 in the demo data (agent11 …
 * agent16, devices 1011 …), not started. Started together, their logins
 * open several connections, which the balancer spreads over the nodes.
 */
export function progressiveAgents(stack: AgentStack, count = 4): ClusterAgent[] {
  if (count > 6) throw new Error('campaign 2 has six agents in the demo data');
  return Array.from({ length: count }, (_, i) => new ClusterAgent(stack, `agent${11 + i}`, `${1011 + i}`));
}
