import type { NeoTransferTarget } from '@puente/neoapi';
import { type EngineParts, fail, type Handlers } from './handlers';
import { parseExternalNumber } from './numbers';
import { type AgentRuntime, type CallRuntime, toNeoCall } from './runtime';

/** Seconds an outside party takes to answer a consultation or a conference invitation. */
const THIRD_PARTY_ANSWER_MS = 3000;

/**
 * The agent leaves an internal leg (a consultation or a conference): the
 * customer call goes on; the owner learns it from TransferEnded / ParticipantLeft.
 */
export async function leaveLeg(parts: EngineParts, agent: AgentRuntime, leg: CallRuntime): Promise<void> {
  const w = parts.world;
  const parent = leg.parentCallId ? w.calls.get(leg.parentCallId) : undefined;
  await parts.flow.end(leg, 'agent_hangup');
  if (!parent) return;
  const owner = parent.agentId ? w.agents.get(parent.agentId) : undefined;
  if (parent.transfer?.consultCallId === leg.id) {
    endConsultation(parts, parent);
    if (owner) w.events.emit(owner.user.id, 'TransferEnded', { callId: parent.id, outcome: 'failed' });
  }
  const participant = parent.participants.find((p) => p.agentId === agent.user.id);
  if (participant) {
    parent.participants = parent.participants.filter((p) => p !== participant);
    if (owner)
      w.events.emit(owner.user.id, 'ParticipantLeft', { callId: parent.id, participantId: participant.id });
  }
}

/** Back from a consultation: the customer off hold and talking to the agent again. */
function endConsultation(parts: EngineParts, call: CallRuntime): void {
  const w = parts.world;
  call.transfer = null;
  if (call.state === 'ended') return;
  call.state = 'talking';
  if (call.holdStartedAt !== null) call.holdMs += w.clock.now() - call.holdStartedAt;
  call.holdStartedAt = null;
}

/** B4, B5: transfers (direct, attended, end of attended) and conferences (invite, KickAll). */
export function transferHandlers(
  parts: EngineParts,
): Handlers<
  'Transfer' | 'Transfer_Complete' | 'Transfer_End' | 'JoinConference' | 'InviteParticipant' | 'KickAll'
> {
  const { world: w, flow, router } = parts;

  const freeUser = (id: string, caller: AgentRuntime): AgentRuntime => {
    const target = w.agents.get(id) ?? w.userByLogin(id);
    if (!target) fail('NOT_FOUND', `no user ${id}`);
    if (target === caller) fail('INVALID_STATE', 'cannot transfer to yourself');
    // Its own code and the user's state, so the panel can say "busy (on a call)" rather than
    // blame the agent's call (issue 16 §2.10); a logged-out user is simply not there.
    if (target.token === null) fail('NOT_FOUND', `${target.user.login} is not logged in`);
    if (!w.isFree(target))
      fail('TARGET_BUSY', `${target.user.login} is busy (${target.state})`, {
        userId: target.user.id,
        state: target.state,
      });
    return target;
  };

  const describe = (target: NeoTransferTarget, call: CallRuntime): { label: string; number?: string } => {
    switch (target.kind) {
      case 'number': {
        const number = parseExternalNumber(target.id);
        return { label: number, number };
      }
      case 'user': {
        const user = w.agents.get(target.id) ?? w.userByLogin(target.id);
        if (!user) fail('NOT_FOUND', `no user ${target.id}`);
        return { label: user.user.displayName };
      }
      case 'queue':
        return { label: w.queue(target.id).name };
      case 'campaign':
        return { label: w.campaign(target.id).name + (call.campaignId === target.id ? ' (same)' : '') };
    }
  };

  const connectedCall = (agent: AgentRuntime, callId: string): CallRuntime => {
    const call = w.ownCall(agent, callId);
    if (call.parentCallId) fail('INVALID_STATE', 'this is an internal leg, not the customer call');
    return call;
  };

  return {
    Transfer: async ({ callId, target, mode }, agent) => {
      const call = connectedCall(agent, callId);
      if (call.transfer) fail('INVALID_STATE', 'a transfer is already in progress');
      if (call.state !== 'talking' && call.state !== 'on_hold')
        fail('INVALID_STATE', `cannot transfer a call that is ${call.state}`);
      const { label, number } = describe(target, call);
      const resolved = number ? { ...target, id: number } : target;
      if (mode === 'direct') {
        const receiver = target.kind === 'user' ? freeUser(target.id, agent) : null;
        call.state = 'transferring';
        w.events.emit(agent.user.id, 'TransferStarted', { callId, mode, target: resolved, label });
        const snapshot = toNeoCall(call, w.publicUrl);
        w.events.emit(agent.user.id, 'TransferEnded', { callId, outcome: 'completed' });
        if (target.kind === 'number') {
          await flow.end(call, 'transferred');
          return { call: snapshot };
        }
        await flow.detachAgent(call, 'transferred');
        call.state = 'ringing';
        if (receiver) flow.ringAgent(call, receiver);
        else {
          // Queue or campaign: the customer waits for one of its agents, as an inbound call would.
          call.queueId = target.kind === 'queue' ? target.id : null;
          call.campaignId = target.kind === 'campaign' ? target.id : call.campaignId;
          call.direction = 'inbound';
          call.waitingSince = w.clock.now();
          flow.timer(call, call.plan.patienceMs, () =>
            call.agentId ? undefined : flow.end(call, 'abandoned'),
          );
        }
        return { call: snapshot };
      }
      // Attended: the customer holds while the agent consults the third party.
      let consultAgent: AgentRuntime | null = null;
      if (target.kind === 'user') consultAgent = freeUser(target.id, agent);
      else if (target.kind === 'queue' || target.kind === 'campaign') {
        const pool =
          target.kind === 'queue' ? router.queueAgents(target.id) : router.campaignAgents(target.id);
        consultAgent = router.pickAgent(pool.filter((a) => a !== agent));
        if (!consultAgent) fail('INVALID_STATE', `nobody is available in ${label}`);
      }
      call.state = 'transferring';
      call.holdStartedAt ??= w.clock.now();
      call.transfer = {
        mode,
        target: resolved,
        label,
        consultAgentId: null,
        consultCallId: null,
        consultAnswered: false,
      };
      if (consultAgent) {
        const leg = flow.create({
          direction: 'internal',
          number: agent.user.login,
          parentCallId: call.id,
          campaignId: call.campaignId,
          queueId: call.queueId,
        });
        call.transfer.consultAgentId = consultAgent.user.id;
        call.transfer.consultCallId = leg.id;
        flow.ringAgent(leg, consultAgent);
      } else {
        const transfer = call.transfer;
        flow.timer(call, THIRD_PARTY_ANSWER_MS, () => {
          transfer.consultAnswered = true;
        });
      }
      w.events.emit(agent.user.id, 'TransferStarted', { callId, mode, target: resolved, label });
      return { call: toNeoCall(call, w.publicUrl) };
    },
    Transfer_Complete: async ({ callId }, agent) => {
      const call = connectedCall(agent, callId);
      const transfer = call.transfer;
      if (transfer?.mode !== 'attended') fail('INVALID_STATE', 'no attended transfer in progress');
      const consultAgent = transfer.consultAgentId ? w.agents.get(transfer.consultAgentId) : undefined;
      const leg = transfer.consultCallId ? w.calls.get(transfer.consultCallId) : undefined;
      if (consultAgent && leg?.state === 'ringing')
        fail('INVALID_STATE', 'the third party has not answered yet');
      w.events.emit(agent.user.id, 'TransferEnded', { callId, outcome: 'completed' });
      if (!consultAgent || !leg) {
        call.transfer = null;
        await flow.end(call, 'transferred');
        return {};
      }
      call.transfer = null;
      await flow.end(leg, 'transfer_completed');
      endConsultation(parts, call);
      await flow.detachAgent(call, 'transferred');
      flow.offer(call, consultAgent, true);
      return {};
    },
    Transfer_End: async ({ callId }, agent) => {
      const call = connectedCall(agent, callId);
      const transfer = call.transfer;
      if (transfer?.mode !== 'attended') fail('INVALID_STATE', 'no attended transfer in progress');
      const leg = transfer.consultCallId ? w.calls.get(transfer.consultCallId) : undefined;
      call.transfer = null;
      if (leg) await flow.end(leg, 'transfer_cancelled');
      endConsultation(parts, call);
      w.events.emit(agent.user.id, 'TransferEnded', { callId, outcome: 'cancelled' });
      return {};
    },
    JoinConference: ({ callId }, agent) => {
      const call = connectedCall(agent, callId);
      if (call.state !== 'talking') fail('INVALID_STATE', `cannot start a conference while ${call.state}`);
      call.state = 'in_conference';
      w.events.emit(agent.user.id, 'ConferenceStarted', { callId });
      return { call: toNeoCall(call, w.publicUrl) };
    },
    InviteParticipant: ({ callId, target }, agent) => {
      const call = connectedCall(agent, callId);
      if (call.state !== 'in_conference')
        fail('INVALID_STATE', 'start the conference first (JoinConference)');
      if (target.kind !== 'number' && target.kind !== 'user')
        fail('VALIDATION_FAILED', 'a conference invites numbers and users only');
      const participantId = `P${call.id}-${call.participants.length + 1}-${w.clock.now() % 100000}`;
      if (target.kind === 'number') {
        const number = parseExternalNumber(target.id);
        const participant = {
          id: participantId,
          kind: 'number' as const,
          address: number,
          label: number,
          agentId: null,
        };
        call.participants.push(participant);
        const { agentId: _a, ...wire } = participant;
        w.events.emit(agent.user.id, 'ParticipantJoined', { callId, participant: wire });
        return { participantId };
      }
      const invitee = freeUser(target.id, agent);
      const leg = flow.create({ direction: 'internal', number: agent.user.login, parentCallId: call.id });
      flow.offer(leg, invitee, true);
      leg.state = 'in_conference';
      const participant = {
        id: participantId,
        kind: 'user' as const,
        address: invitee.user.login,
        label: invitee.user.displayName,
        agentId: invitee.user.id,
      };
      call.participants.push(participant);
      const { agentId: _a, ...wire } = participant;
      w.events.emit(agent.user.id, 'ParticipantJoined', { callId, participant: wire });
      return { participantId };
    },
    KickAll: async ({ callId }, agent) => {
      const call = connectedCall(agent, callId);
      if (call.state !== 'in_conference') fail('INVALID_STATE', 'no conference in progress');
      const participants = call.participants;
      call.participants = [];
      for (const p of participants) {
        const invitee = p.agentId ? w.agents.get(p.agentId) : undefined;
        const leg = invitee ? w.callOf(invitee) : null;
        if (leg) await flow.end(leg, 'kicked');
        w.events.emit(agent.user.id, 'ParticipantLeft', { callId, participantId: p.id });
      }
      call.state = 'talking';
      w.events.emit(agent.user.id, 'ConferenceEnded', { callId });
      return {};
    },
  };
}
