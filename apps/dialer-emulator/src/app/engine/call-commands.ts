import { isMuted, toNeoCall } from './runtime';
import { type EngineParts, fail, type Handlers, viaStore } from './handlers';
import { parseDialNumber, parseExternalNumber } from './numbers';
import { leaveLeg } from './transfer-commands';

/** Dial, Hangup, Hold/Unhold, Mute/Unmute, DTMF and the ExecuteTask methods (B1–B3, B9). */
export function callHandlers(
  parts: EngineParts,
): Handlers<
  | 'Dial'
  | 'Hangup'
  | 'Hold'
  | 'Unhold'
  | 'Mute'
  | 'Unmute'
  | 'Send_DTMF'
  | 'ExecuteTask01'
  | 'ExecuteTask02'
  | 'ExecuteTask03'
  | 'ExecuteTask05'
> {
  const { world: w, flow, router } = parts;
  let taskCounter = 0;
  const taskId = () => `T${++taskCounter}`;
  const answeredCall = (agent: Parameters<Handlers<'Hold'>['Hold']>[1], callId: string | undefined) => {
    const call = callId ? w.ownCall(agent, callId) : w.callOf(agent);
    if (!call) fail('INVALID_STATE', 'no call in progress');
    if (call.answeredAt === null || call.state === 'ended')
      fail('INVALID_STATE', 'the call is not connected');
    return call;
  };
  return {
    Dial: async (request, agent) => {
      if (agent.callId) fail('INVALID_STATE', 'already on a call');
      if (agent.state === 'monitoring') fail('INVALID_STATE', 'end the monitoring before dialling');
      const extensions = new Set(w.directory.devices);
      const target = parseDialNumber(request.number, extensions);
      if (!target.internal && (await w.store.blacklisted(target.number)))
        fail('INVALID_NUMBER', `${target.number} is on the do-not-call list`);
      const campaign = request.campaignId
        ? w.campaign(request.campaignId)
        : agent.campaignId
          ? w.campaign(agent.campaignId)
          : null;
      if (agent.preview && (!request.contactId || request.contactId === agent.preview.contact.id)) {
        router.dialPreview(agent, target.number);
        const call = w.callOf(agent);
        if (!call) fail('INTERNAL', 'the preview call did not start');
        return { call: toNeoCall(call, w.publicUrl) };
      }
      if (agent.preview) fail('INVALID_STATE', 'release the previewed contact first');
      const onScreen = agent.contact?.contactId;
      if (onScreen && request.contactId !== onScreen)
        fail('INVALID_STATE', `release contact ${onScreen} before calling someone else`);
      const contactId = request.contactId ?? onScreen;
      const contact = contactId ? await viaStore(w.store.contactGet(contactId)) : null;
      if (contactId && !contact) fail('NOT_FOUND', `no contact ${contactId}`);
      w.wrapUps.delete(agent.user.id);
      // A manual call from a break returns to that break afterwards, not to available.
      if (agent.state === 'paused' && agent.breakState && !agent.pendingBreak) {
        agent.pendingBreak = agent.breakState;
        agent.pendingBreakIsReturn = true;
      }
      const call = flow.dialOut({
        direction: target.internal ? 'internal' : 'outbound',
        number: target.number,
        contact,
        campaign: contact ? campaign : null,
        mode: 'manual',
        agent,
        reason: 'Manual',
      });
      return { call: toNeoCall(call, w.publicUrl) };
    },
    Hangup: async ({ callId }, agent) => {
      const call = w.ownCall(agent, callId);
      if (call.parentCallId) await leaveLeg(parts, agent, call);
      else await flow.end(call, call.answeredAt === null ? 'cancelled' : 'agent_hangup');
      return {};
    },
    Hold: ({ callId }, agent) => {
      const call = w.ownCall(agent, callId);
      if (call.state !== 'talking') fail('INVALID_STATE', `cannot hold a call that is ${call.state}`);
      call.state = 'on_hold';
      call.holdStartedAt = w.clock.now();
      w.events.emit(agent.user.id, 'CallHeld', { callId });
      return {};
    },
    Unhold: ({ callId }, agent) => {
      const call = w.ownCall(agent, callId);
      if (call.state !== 'on_hold') fail('INVALID_STATE', 'the call is not on hold');
      call.state = 'talking';
      call.holdMs += w.clock.now() - (call.holdStartedAt ?? w.clock.now());
      call.holdStartedAt = null;
      w.events.emit(agent.user.id, 'CallResumed', { callId });
      return {};
    },
    // Mute is the agent's microphone, independent of hold: it lasts until Unmute or the end of the call.
    Mute: ({ callId }, agent) => {
      const call = w.ownCall(agent, callId);
      if (call.answeredAt === null || call.state === 'ended')
        fail('INVALID_STATE', 'the call is not connected');
      if (isMuted(call)) fail('INVALID_STATE', 'the agent is already muted');
      call.mutedAgentId = agent.user.id;
      w.events.emit(agent.user.id, 'CallMuted', { callId });
      return {};
    },
    Unmute: ({ callId }, agent) => {
      const call = w.ownCall(agent, callId);
      if (!isMuted(call)) fail('INVALID_STATE', 'the agent is not muted');
      call.mutedAgentId = null;
      w.events.emit(agent.user.id, 'CallUnmuted', { callId });
      return {};
    },
    Send_DTMF: ({ callId, digits }, agent) => {
      const call = w.ownCall(agent, callId);
      if (call.state !== 'talking' && call.state !== 'in_conference')
        fail('INVALID_STATE', `cannot send digits while the call is ${call.state}`);
      // Sent one by one (B3): each digit lands on the call's record in order.
      for (const digit of digits) call.dtmf += digit;
      w.events.emit(agent.user.id, 'DtmfSent', { callId, digits });
      return { sent: digits.length };
    },
    ExecuteTask01: ({ callId, params }, agent) => {
      const channel = params['channel'] ?? 'sms';
      if (channel !== 'sms' && channel !== 'whatsapp')
        fail('VALIDATION_FAILED', 'channel must be sms or whatsapp');
      const text = (params['text'] ?? '').trim();
      if (!text) fail('VALIDATION_FAILED', 'params.text is required');
      const call = callId ? w.ownCall(agent, callId) : w.callOf(agent);
      const raw = params['number'] ?? call?.number ?? agent.contact?.phoneNumber;
      if (!raw) fail('VALIDATION_FAILED', 'params.number is required without a call');
      const number = parseExternalNumber(raw);
      const id = taskId();
      return { taskId: id, result: { status: 'sent', channel, number, messageId: `M${id}` } };
    },
    ExecuteTask02: ({ callId }, agent) => {
      const call = answeredCall(agent, callId);
      if (call.recordingPaused) fail('INVALID_STATE', 'the recording is already paused');
      call.recordingPaused = true;
      return { taskId: taskId(), result: { recording: 'paused', callId: call.id } };
    },
    ExecuteTask03: ({ callId }, agent) => {
      const call = answeredCall(agent, callId);
      if (!call.recordingPaused) fail('INVALID_STATE', 'the recording is not paused');
      call.recordingPaused = false;
      return { taskId: taskId(), result: { recording: 'recording', callId: call.id } };
    },
    ExecuteTask05: ({ callId, params }, agent) => {
      const call = callId ? w.ownCall(agent, callId) : w.callOf(agent);
      const supervisors = w
        .loggedIn()
        .filter((a) => a !== agent && a.user.roles.some((r) => r === 'supervisor' || r === 'admin'));
      if (supervisors.length === 0) fail('UNAVAILABLE', 'no supervisor is logged in');
      return {
        taskId: taskId(),
        result: {
          notified: String(supervisors.length),
          callId: call?.id ?? '',
          reason: params['reason'] ?? '',
        },
      };
    },
  };
}
