import { DialerEngine } from '../engine/dialer-engine';
import { MemoryDialerStore } from '../store/memory-store';
import { AgentBot } from './agent-bot';
import type { Rates } from './customer-model';

export interface SimulationOptions {
  agents: number;
  hours: number;
  seed: number;
  campaignId?: string;
  /** Abandon target of the campaign (0..1); default: the campaign's own (3%). */
  target?: number;
  rates?: Partial<Rates>;
  /** Contacts in the demo database (enough for the hours asked). */
  contacts?: number;
}

export interface SimulationReport {
  campaign: string;
  agents: number;
  hours: number;
  seed: number;
  calls: number;
  answered: number;
  connected: number;
  abandoned: number;
  abandonRate: number;
  target: number;
  averageHandleSeconds: number;
  answerRate: number;
  callsPerAgentHour: number;
  occupancy: number;
}

/**
 * One predictive campaign, N simulated agents, H hours of virtual time, on
 * the in-memory store: the same engine as the served emulator, so the
 * figures are the pacer's real behaviour. Deterministic for a seed.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const campaignId = options.campaignId ?? '1';
  const contacts = options.contacts ?? Math.max(3000, Math.ceil(options.agents * options.hours * 120));
  const store = new MemoryDialerStore({ contacts, seed: options.seed });
  const engine = await DialerEngine.create({
    store,
    seed: options.seed,
    rates: options.rates,
    startMs: Date.parse('2025-03-03T09:00:00Z'),
  });
  const campaign = engine.world.campaign(campaignId);
  if (options.target !== undefined) campaign.maxAbandonRate = options.target;
  const extra = Math.max(0, options.agents - 20);
  if (extra > 0) await engine.addBenchUsers(extra);
  const logins = [...engine.world.agents.values()]
    .filter((a) => a.user.roles.includes('agent') && !a.user.roles.includes('supervisor'))
    .slice(0, options.agents);
  const bots = logins.map((a) => new AgentBot(engine, a.user.login, a.user.defaultDevice ?? ''));
  await engine.exclusive(async () => {
    for (const bot of bots) await bot.start(campaignId);
  });
  const totalMs = options.hours * 3_600_000;
  const startedAt = engine.world.clock.now();
  let busyMs = 0;
  // Step a minute at a time, sampling occupancy (agents on a call or in wrap-up).
  for (let t = 0; t < totalMs; t += 60_000) {
    await engine.advance(Math.min(60_000, totalMs - t));
    const busy = engine.world
      .loggedIn()
      .filter((a) => a.state === 'talking' || a.state === 'wrap_up' || a.state === 'reserved');
    busyMs += busy.length * 60_000;
  }
  await engine.stop();
  const stats = engine.world.campaignStats.get(campaignId);
  const elapsed = engine.world.clock.now() - startedAt;
  const calls = stats?.placed ?? 0;
  return {
    campaign: `${campaign.id} ${campaign.name} (${campaign.dialerMode})`,
    agents: options.agents,
    hours: options.hours,
    seed: options.seed,
    calls,
    answered: stats?.answered ?? 0,
    connected: stats?.connected ?? 0,
    abandoned: stats?.abandoned ?? 0,
    abandonRate: stats?.abandonRate() ?? 0,
    target: campaign.maxAbandonRate,
    averageHandleSeconds: Math.round(stats?.ahtSeconds() ?? 0),
    answerRate: calls === 0 ? 0 : (stats?.answered ?? 0) / calls,
    callsPerAgentHour:
      options.agents * options.hours === 0 ? 0 : (stats?.connected ?? 0) / (options.agents * options.hours),
    occupancy: elapsed === 0 ? 0 : busyMs / (options.agents * elapsed),
  };
}

export function formatReport(r: SimulationReport): string {
  const pct = (n: number) => `${(n * 100).toFixed(2)}%`;
  return [
    `Simulated ${r.hours} h of campaign ${r.campaign} with ${r.agents} agents (seed ${r.seed})`,
    `  calls placed        ${r.calls}`,
    `  answered            ${r.answered} (${pct(r.answerRate)} of calls)`,
    `  connected to agents ${r.connected}`,
    `  abandoned           ${r.abandoned} (${pct(r.abandonRate)} of answered; target ${pct(r.target)}) ${r.abandonRate <= r.target ? 'OK' : 'OVER TARGET'}`,
    `  average handle time ${r.averageHandleSeconds} s (talk + hold + wrap-up)`,
    `  agent occupancy     ${pct(r.occupancy)}; ${r.callsPerAgentHour.toFixed(1)} calls per agent-hour`,
  ].join('\n');
}
