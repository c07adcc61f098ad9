import { audioMatrix } from './audio';
import type { DialerEngine } from './dialer-engine';
import { liveFigures } from './figures';
import { monitoringView, toNeoCall } from './runtime';

/** GET /state: the operator's whole picture (agents, calls with audio, queues, campaign figures). */
export function snapshot(engine: DialerEngine) {
  const w = engine.world;
  const now = w.clock.now();
  const figures = liveFigures(w, engine.router);
  const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    at: w.clock.iso(),
    dialer: { instanceId: w.instanceId, epoch: w.epoch },
    rates: w.rates,
    agents: w.loggedIn().map((a) => ({
      agentId: a.user.id,
      user: a.user.login,
      device: a.device,
      state: a.state,
      secondsInState: Math.round((now - a.stateSince) / 1000),
      breakState: a.breakState,
      pendingBreak: a.pendingBreak,
      campaignId: a.campaignId,
      callId: a.callId,
      contactId: a.contact?.contactId ?? null,
      monitoring: monitoringView(a),
      monitoredBy: a.monitoredBy,
      eventStreams: w.events.streamCount(a.user.id),
    })),
    calls: [...w.calls.values()].map((c) => ({
      ...toNeoCall(c, w.publicUrl),
      agentId: c.agentId,
      contactId: c.contact?.id ?? null,
      clavesf: c.clavesf,
      dtmf: c.dtmf,
      recordingPaused: c.recordingPaused,
      waitingSeconds: c.waitingSince === null ? null : Math.round((now - c.waitingSince) / 1000),
      parentCallId: c.parentCallId,
      audio: audioMatrix(w, c).hears,
    })),
    campaigns: [...w.campaigns.values()].map((c) => {
      const s = w.campaignStats.get(c.id);
      const live = figures.campaigns.find((f) => f.campaignId === c.id);
      const agents = w.loggedIn().filter((a) => a.campaignId === c.id);
      return {
        id: c.id,
        name: c.name,
        dialerMode: c.dialerMode,
        active: c.active,
        agents: agents.length,
        agentsByState: countBy(agents.map((a) => a.state)),
        placed: s?.placed ?? 0,
        answered: s?.answered ?? 0,
        connected: s?.connected ?? 0,
        abandoned: s?.abandoned ?? 0,
        noAnswer: s?.noAnswer ?? 0,
        busy: s?.busy ?? 0,
        failed: s?.failed ?? 0,
        abandonRate: round(s?.abandonRate() ?? 0),
        abandonTarget: c.maxAbandonRate,
        answerRate: round(s?.answerRate() ?? 0),
        averageHandleSeconds: Math.round(s?.ahtSeconds() ?? 0),
        pace: engine.router.pacer(c.id)?.level ?? null,
        dialLevel: live?.dialLevel ?? null,
        linesDialing: live?.linesDialing ?? 0,
        callsWaiting: live?.callsWaiting ?? 0,
      };
    }),
    queues: [...w.queues.values()].map((q) => {
      const s = w.queueStats.get(q.id);
      const live = figures.queues.find((f) => f.queueId === q.id);
      return {
        id: q.id,
        name: q.name,
        callsWaiting: live?.callsWaiting ?? 0,
        longestWaitSeconds: live?.longestWaitSeconds ?? 0,
        offered: s?.offered ?? 0,
        answered: s?.answered ?? 0,
        abandoned: s?.abandoned ?? 0,
        serviceLevel: round(s?.serviceLevel() ?? 1),
        averageSpeedOfAnswerSeconds: Math.round(s?.averageSpeedOfAnswer() ?? 0),
        agentsLoggedIn: w.loggedIn().filter((a) => a.user.queueIds.includes(q.id)).length,
      };
    }),
  };
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
