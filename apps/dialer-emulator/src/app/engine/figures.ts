import type { NeoResponse } from '@puente/neoapi';
import type { Router } from './router';
import { countSince } from './stats';
import type { World } from './world';

/** Midnight (UTC) of the virtual day: "today" for the figures. */
function dayStart(nowMs: number): number {
  return nowMs - (nowMs % 86_400_000);
}

/** Get_Figures (E3): what only the dialer knows, per campaign and queue. */
export function liveFigures(world: World, router: Router): NeoResponse<'Get_Figures'> {
  const now = world.clock.now();
  const today = dayStart(now);
  const calls = [...world.calls.values()];
  const waitingOf = (match: (c: (typeof calls)[number]) => boolean) => {
    const waiting = calls.filter((c) => match(c) && c.waitingSince !== null && c.agentId === null);
    const longest = waiting.reduce((max, c) => Math.max(max, now - (c.waitingSince ?? now)), 0);
    return { callsWaiting: waiting.length, longestWaitSeconds: Math.round(longest / 100) / 10 };
  };
  return {
    at: world.clock.iso(),
    campaigns: [...world.campaigns.values()].map((c) => {
      const stats = world.campaignStats.get(c.id);
      const pacer = router.pacer(c.id);
      return {
        campaignId: c.id,
        ...waitingOf((call) => call.campaignId === c.id && call.queueId === null),
        abandoned: stats ? countSince(stats.abandonedAt, today) : 0,
        dialLevel:
          c.dialerMode === 'predictive' && pacer && stats
            ? Math.round((pacer.level / Math.max(0.05, stats.answerRate())) * 100) / 100
            : null,
        linesDialing: calls.filter(
          (call) => call.campaignId === c.id && call.direction === 'outbound' && call.answeredAt === null,
        ).length,
      };
    }),
    queues: [...world.queues.values()].map((q) => {
      const stats = world.queueStats.get(q.id);
      return {
        queueId: q.id,
        ...waitingOf((call) => call.queueId === q.id),
        abandoned: stats ? countSince(stats.abandonedAt, today) : 0,
      };
    }),
  };
}
