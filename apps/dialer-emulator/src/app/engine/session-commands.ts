import { randomUUID } from 'node:crypto';
import type { NeoParsedRequest, NeoResponse } from '@puente/neoapi';
import {
  type EngineParts,
  fail,
  finishWrapUp,
  type Handlers,
  releaseFromScreen,
  toNeoCampaign,
} from './handlers';
import { endMonitoring } from './monitor-commands';
import { type AgentRuntime, toNeoAgent } from './runtime';

/**
 * Login (A1), once the password was checked (outside the engine's lock:
 * scrypt is slow on purpose and must not stall everyone's calls).
 */
export async function login(
  parts: EngineParts,
  request: NeoParsedRequest<'Login'>,
  passwordOk: boolean,
): Promise<NeoResponse<'Login'>> {
  const w = parts.world;
  const agent = w.userByLogin(request.user);
  if (!agent || !agent.user.active || !passwordOk) fail('BAD_CREDENTIALS', 'wrong user or password');
  const device = request.device.trim();
  if (!w.directory.devices.includes(device)) fail('NOT_FOUND', `no device ${device}`);
  const holder = w.loggedIn().find((a) => a.device === device && a !== agent);
  // Who holds it is none of the caller's business (issue 14 §12).
  if (holder) fail('CONFLICT', `device ${device} is in use`);
  const replacedDevice = agent.token ? agent.device : null;
  const replacedToken = agent.token;
  if (agent.token) {
    w.sessions.delete(agent.token);
    w.events.emit(agent.user.id, 'LoggedOut', { reason: 'replaced' });
  }
  agent.token = randomUUID();
  agent.device = device;
  w.sessions.set(agent.token, agent.user.id);
  w.events.emit(agent.user.id, 'LoggedIn', { device });
  if (agent.state === 'logged_out') w.setState(agent, 'idle');
  await w.keepSession(agent, replacedToken);
  return { token: agent.token, agent: toNeoAgent(agent), replacedDevice };
}

/** Ends a session: on the user's request, or forced (a supervisor, an operator). */
export async function logout(
  parts: EngineParts,
  agent: AgentRuntime,
  reason: 'user' | 'forced',
): Promise<void> {
  const w = parts.world;
  if (agent.callId) fail('INVALID_STATE', 'hang up the call before logging out');
  if (agent.monitoring) endMonitoring(w, agent);
  if (agent.monitoredBy) {
    const supervisor = w.agents.get(agent.monitoredBy.supervisorId);
    if (supervisor) endMonitoring(w, supervisor);
  }
  await dropPreview(parts, agent);
  if (agent.contact) {
    const contactId = agent.contact.contactId;
    releaseFromScreen(w, agent, { categoryId: null, subcategoryId: null, scheduledFor: null });
    await w.store.releaseContact(contactId).catch(() => undefined);
  }
  if (agent.campaignId) w.events.emit(agent.user.id, 'CampaignLeft', { campaignId: agent.campaignId });
  const endedToken = agent.token;
  if (agent.token) w.sessions.delete(agent.token);
  agent.token = null;
  agent.campaignId = null;
  agent.pendingBreak = null;
  agent.crmUnavailable = false;
  w.wrapUps.delete(agent.user.id);
  w.events.emit(agent.user.id, 'LoggedOut', { reason });
  w.setState(agent, 'logged_out');
  agent.device = '';
  await w.keepSession(agent, endedToken);
}

/**
 * A previewed contact not dialled goes back to the pool: at once when the
 * agent left (logout, break, campaign), after the campaign's retry interval
 * when the agent skipped it, or the next preview would be the same contact (B7).
 */
export async function dropPreview(
  parts: EngineParts,
  agent: AgentRuntime,
  options: { skipped?: boolean } = {},
): Promise<void> {
  if (!agent.preview) return;
  const preview = agent.preview;
  preview.timer?.cancel();
  agent.preview = null;
  agent.contact = null;
  if (options.skipped)
    await parts.world.store.skipContact(preview.contact.id, preview.campaignId, parts.world.now());
  else await parts.world.store.returnContact(preview.contact.id);
  parts.world.events.emit(agent.user.id, 'ContactReleased', {
    contactId: preview.contact.id,
    categoryId: null,
    subcategoryId: null,
    scheduledFor: null,
  });
}

/** Login_Campaign … CRM_ShowingContact: the agent's own state machine (A2–A4). */
export function sessionHandlers(
  parts: EngineParts,
): Handlers<
  | 'Logout'
  | 'Login_Campaign'
  | 'Logout_Campaign'
  | 'Pause'
  | 'Unpause'
  | 'Position'
  | 'CRM_Available'
  | 'CRM_Unavailable'
  | 'CRM_ShowingContact'
> {
  const w = parts.world;
  return {
    Logout: async (_req, agent) => {
      await logout(parts, agent, 'user');
      return {};
    },
    Login_Campaign: async ({ campaignId }, agent) => {
      const campaign = w.campaign(campaignId);
      const admin = agent.user.roles.includes('admin');
      if (!admin && !campaign.userIds.includes(agent.user.id))
        fail('FORBIDDEN', `${agent.user.login} is not assigned to campaign ${campaign.name}`);
      if (!campaign.active) fail('INVALID_STATE', `campaign ${campaign.name} is not active`);
      if (agent.campaignId === campaign.id) return { campaign: toNeoCampaign(campaign) };
      if (agent.callId || agent.preview)
        fail('INVALID_STATE', 'finish the current call before changing campaign');
      if (agent.campaignId) w.events.emit(agent.user.id, 'CampaignLeft', { campaignId: agent.campaignId });
      agent.campaignId = campaign.id;
      w.events.emit(agent.user.id, 'CampaignJoined', { campaign: toNeoCampaign(campaign) });
      if (agent.state === 'idle' && !agent.crmUnavailable) w.setState(agent, 'available');
      await w.keepSession(agent);
      return { campaign: toNeoCampaign(campaign) };
    },
    Logout_Campaign: async ({ campaignId }, agent) => {
      w.campaign(campaignId);
      if (agent.campaignId !== campaignId) fail('INVALID_STATE', `not logged in to campaign ${campaignId}`);
      const call = w.callOf(agent);
      if (call?.campaignId === campaignId) fail('INVALID_STATE', 'hang up the campaign call first');
      await dropPreview(parts, agent);
      agent.campaignId = null;
      w.events.emit(agent.user.id, 'CampaignLeft', { campaignId });
      if (agent.state === 'available' && agent.user.queueIds.length === 0) w.setState(agent, 'idle');
      else if (agent.state === 'reserved' && !agent.callId) w.becomeReady(agent);
      await w.keepSession(agent);
      return {};
    },
    Pause: async ({ breakStateId }, agent) => {
      const breakState = w.breakState(breakStateId);
      if (agent.state === 'monitoring') fail('INVALID_STATE', 'end the monitoring before a break');
      if (agent.state === 'reserved' && agent.preview) await dropPreview(parts, agent);
      if (agent.callId || agent.state === 'wrap_up') {
        agent.pendingBreak = breakState;
        agent.pendingBreakIsReturn = false;
        return { pending: true };
      }
      w.setState(agent, 'paused', breakState);
      return { pending: false };
    },
    Unpause: (_req, agent) => {
      if (agent.pendingBreak) {
        agent.pendingBreak = null;
        return {};
      }
      if (agent.state !== 'paused') fail('INVALID_STATE', 'not in a break');
      w.becomeReady(agent);
      return {};
    },
    Position: (_req, agent) => w.position(agent),
    CRM_Available: async (_req, agent) => {
      agent.crmUnavailable = false;
      // Ready means ready: the break a manual call was made from is not asked for again (issue 16 §2.7).
      if (agent.pendingBreakIsReturn) agent.pendingBreak = null;
      if (agent.state === 'available') return {};
      if (agent.state === 'paused') fail('INVALID_STATE', 'in a break: use Unpause');
      if (agent.state !== 'idle' && agent.state !== 'wrap_up')
        fail('INVALID_STATE', `cannot become available while ${agent.state}`);
      if (agent.state === 'idle' && !agent.campaignId && agent.user.queueIds.length === 0)
        fail('INVALID_STATE', 'join a campaign first: this user has no queues either');
      if (agent.state === 'wrap_up' && agent.contact) {
        // Play without categorising releases the contact as it is (allowContactRelease).
        const contactId = agent.contact.contactId;
        releaseFromScreen(w, agent, { categoryId: null, subcategoryId: null, scheduledFor: null });
        await w.store.releaseContact(contactId).catch(() => undefined);
      }
      finishWrapUp(w, agent);
      return {};
    },
    CRM_Unavailable: (_req, agent) => {
      if (agent.callId || agent.state === 'reserved')
        fail('INVALID_STATE', 'busy in the CRM only makes sense between calls');
      agent.crmUnavailable = true;
      if (agent.state === 'available') w.setState(agent, 'idle');
      return {};
    },
    CRM_ShowingContact: ({ contactId }, agent) => {
      if (agent.contact?.contactId !== contactId)
        fail('NOT_FOUND', `contact ${contactId} is not on ${agent.user.login}'s screen`);
      // Preview: the agent is reading it, so the dialer stops the auto-dial countdown.
      if (agent.preview) {
        agent.preview.timer?.cancel();
        agent.preview.timer = null;
      }
      return {};
    },
  };
}
