import { type EngineParts, fail, type Handlers } from './handlers';
import type { AgentRuntime } from './runtime';
import type { World } from './world';

/** Stops a supervisor's monitoring and tells both sides. */
export function endMonitoring(world: World, supervisor: AgentRuntime): void {
  const monitoring = supervisor.monitoring;
  if (!monitoring) return;
  supervisor.monitoring = null;
  const target = world.agents.get(monitoring.targetAgentId);
  if (target?.monitoredBy?.supervisorId === supervisor.user.id) {
    target.monitoredBy = null;
    world.events.emit(target.user.id, 'Unmonitored', { supervisorId: supervisor.user.id });
  }
  world.events.emit(supervisor.user.id, 'MonitorEnded', { targetAgentId: monitoring.targetAgentId });
  if (supervisor.state === 'monitoring') restoreState(world, supervisor, monitoring.before);
}

/**
 * Back to where the supervisor was before monitoring: a break stays a break
 * and idle stays idle, so the next queue call goes to a waiting agent rather
 * than to the supervisor (issue 16 §2.2). A break asked for meanwhile wins.
 */
function restoreState(world: World, supervisor: AgentRuntime, before: MonitorBefore): void {
  if (supervisor.pendingBreak || before.state === 'available') world.becomeReady(supervisor);
  else if (before.state === 'paused' && before.breakState)
    world.setState(supervisor, 'paused', before.breakState);
  else world.setState(supervisor, 'idle');
}

type MonitorBefore = NonNullable<AgentRuntime['monitoring']>['before'];

/**
 * E2: a supervisor listens to, assists or barges into an agent (Asterisk's
 * ChanSpy q/w/B). Monitoring follows the agent, not one call: it carries on
 * across calls until Monitor_End. Switching modes never drops the audio.
 */
export function monitorHandlers(
  parts: EngineParts,
): Handlers<'Monitor_Start' | 'Monitor_Mode' | 'Monitor_End'> {
  const w = parts.world;
  return {
    Monitor_Start: ({ agentId, mode }, supervisor) => {
      const target = w.agents.get(agentId) ?? w.userByLogin(agentId);
      if (!target) fail('NOT_FOUND', `no user ${agentId}`);
      if (target === supervisor) fail('INVALID_STATE', 'a supervisor cannot monitor themselves');
      if (!target.token) fail('INVALID_STATE', `${target.user.login} is not logged in`);
      if (supervisor.monitoring) fail('INVALID_STATE', 'already monitoring: use Monitor_Mode or Monitor_End');
      if (supervisor.callId || supervisor.contact) fail('INVALID_STATE', 'finish your own call first');
      if (target.monitoredBy) fail('CONFLICT', `${target.user.login} is already monitored by someone else`);
      supervisor.monitoring = {
        targetAgentId: target.user.id,
        mode,
        before: { state: supervisor.state, breakState: supervisor.breakState },
      };
      target.monitoredBy = { supervisorId: supervisor.user.id, mode };
      w.setState(supervisor, 'monitoring');
      w.events.emit(supervisor.user.id, 'MonitorStarted', { targetAgentId: target.user.id, mode });
      w.events.emit(target.user.id, 'Monitored', { supervisorId: supervisor.user.id, mode });
      return {};
    },
    Monitor_Mode: ({ mode }, supervisor) => {
      const monitoring = supervisor.monitoring;
      if (!monitoring) fail('INVALID_STATE', 'not monitoring anyone');
      if (monitoring.mode === mode) return {};
      monitoring.mode = mode;
      const target = w.agents.get(monitoring.targetAgentId);
      if (target?.monitoredBy) target.monitoredBy.mode = mode;
      w.events.emit(supervisor.user.id, 'MonitorStarted', { targetAgentId: monitoring.targetAgentId, mode });
      if (target) w.events.emit(target.user.id, 'Monitored', { supervisorId: supervisor.user.id, mode });
      return {};
    },
    Monitor_End: (_req, supervisor) => {
      if (!supervisor.monitoring) fail('INVALID_STATE', 'not monitoring anyone');
      endMonitoring(w, supervisor);
      return {};
    },
  };
}
