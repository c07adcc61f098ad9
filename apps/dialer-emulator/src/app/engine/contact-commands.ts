import type { AgentRuntime } from './runtime';
import { type EngineParts, fail, finishWrapUp, type Handlers, releaseFromScreen, viaStore } from './handlers';
import { parseExternalNumber } from './numbers';
import { dropPreview } from './session-commands';

/**
 * What the agent does with the contact after the call (C5, B8): categorise
 * (UpdateContact), schedule a callback (AGENDAR), or release it. A callback
 * (or an agenda category) makes the agent available by itself; otherwise the
 * agent presses Play (A4). Each names the call it follows (`callId`): the
 * contact's last call id is "0" by then, and the category and note belong on
 * THAT call's history row.
 */
export function contactHandlers(
  parts: EngineParts,
): Handlers<'UpdateContact' | 'Schedule_Callback' | 'Release_Contact'> {
  const w = parts.world;
  const refuseDuringCall = (agent: AgentRuntime, contactId: string) => {
    const call = w.callOf(agent);
    if (call?.contact?.id === contactId) fail('INVALID_STATE', 'hang up before categorising the contact');
  };
  return {
    UpdateContact: async (request, agent) => {
      refuseDuringCall(agent, request.contactId);
      const at = request.at ? new Date(request.at) : null;
      if (at && at.getTime() <= w.clock.now())
        fail('VALIDATION_FAILED', 'the callback time must be in the future');
      const lastCallId = agent.contact?.contactId === request.contactId ? agent.contact.callId : null;
      const { scheduledFor } = await viaStore(
        w.store.dispose({
          contactId: request.contactId,
          callId: request.callId ?? (lastCallId && lastCallId !== '0' ? lastCallId : null),
          userId: agent.user.id,
          campaignId: agent.campaignId,
          categoryId: request.categoryId,
          subcategoryId: request.subcategoryId ?? null,
          note: request.note ?? '',
          now: w.now(),
          at,
        }),
      );
      if (agent.preview?.contact.id === request.contactId) {
        agent.preview.timer?.cancel();
        agent.preview = null;
      }
      if (agent.contact?.contactId === request.contactId) {
        releaseFromScreen(w, agent, {
          categoryId: request.categoryId,
          subcategoryId: request.subcategoryId ?? null,
          scheduledFor,
        });
        if (scheduledFor && agent.state === 'wrap_up') finishWrapUp(w, agent);
        else if (agent.state === 'reserved' && !agent.callId) w.becomeReady(agent);
      }
      return { released: true };
    },
    Schedule_Callback: async (request, agent) => {
      refuseDuringCall(agent, request.contactId);
      const at = new Date(request.at);
      if (at.getTime() <= w.clock.now()) fail('VALIDATION_FAILED', 'the callback time must be in the future');
      const contact = await viaStore(w.store.contactGet(request.contactId));
      if (!contact) fail('NOT_FOUND', `no contact ${request.contactId}`);
      const number = request.number ? parseExternalNumber(request.number) : contact.phone;
      if (!number) fail('INVALID_NUMBER', 'the contact has no phone number: give one');
      const campaignId =
        (agent.preview?.contact.id === contact.id ? agent.preview.campaignId : null) ??
        (agent.contact?.contactId === contact.id && agent.contact.callCampaing
          ? agent.contact.callCampaing
          : null) ??
        agent.campaignId ??
        [...w.campaigns.values()].find((c) => c.databaseId === contact.databaseId)?.id;
      if (!campaignId) fail('INVALID_STATE', 'no campaign can dial this contact: join one first');
      if (agent.preview?.contact.id === contact.id) {
        agent.preview.timer?.cancel();
        agent.preview = null;
      }
      const scheduleId = await viaStore(
        w.store.scheduleInsert({
          contactId: contact.id,
          campaignId,
          userId: request.personal ? agent.user.id : null,
          at,
          number,
          note: request.note ?? '',
          createdBy: agent.user.id,
        }),
      );
      if (request.callId && request.note)
        await viaStore(w.store.noteCall(request.callId, contact.id, request.note));
      if (agent.contact?.contactId === contact.id) {
        releaseFromScreen(w, agent, {
          categoryId: null,
          subcategoryId: null,
          scheduledFor: at.toISOString(),
        });
        if (agent.state === 'wrap_up' || (agent.state === 'reserved' && !agent.callId))
          finishWrapUp(w, agent);
      }
      return { scheduleId, at: at.toISOString() };
    },
    Release_Contact: async ({ contactId, callId, note }, agent) => {
      refuseDuringCall(agent, contactId);
      if (callId && note) await viaStore(w.store.noteCall(callId, contactId, note));
      if (agent.preview?.contact.id === contactId) {
        await dropPreview(parts, agent, { skipped: true });
        w.becomeReady(agent);
        return {};
      }
      await viaStore(w.store.releaseContact(contactId));
      if (agent.contact?.contactId === contactId)
        releaseFromScreen(w, agent, { categoryId: null, subcategoryId: null, scheduledFor: null });
      return {};
    },
  };
}
