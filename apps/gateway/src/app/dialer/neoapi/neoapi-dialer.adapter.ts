import type {
  BreakStateDto,
  CampaignDto,
  CategoryDto,
  DialerContactDto,
  MonitorMode,
  Role,
  TransferNumberDto,
  UserDto,
} from '@puente/contracts';
import type { NeoMethodName, NeoRequest, NeoResponse } from '@puente/neoapi';
import type { Observable } from 'rxjs';
import type { Dialer } from '../dialer.port';
import type {
  AgentFeed,
  CallTarget,
  CategorizeContact,
  DialerAgentPosition,
  DialerCaller,
  DialerCampaign,
  DialerCredentials,
  DialerFigures,
  DialerLogin,
  DialerQueue,
  DialerSession,
  DialRequest,
  MissedCallsPage,
  ReleaseContact,
  ScheduleCallback,
  TaskResult,
  TransferMode,
} from '../dialer.types';
import {
  toBreakStateDto,
  toCampaignDto,
  toCategoryDto,
  toDialerCampaign,
  toDialerContactDto,
  toUserDto,
} from './lookup-mapping';
import { asDialer } from './neo-errors';
import { NeoApiAgentFeed } from './neoapi-agent-feed';
import type { NeoApiLink } from './neoapi-connection';

/**
 * The Dialer port over NeoApi (Neotel's webservice and Puente's additions in
 * its style): each port operation is one NeoApi method, named here only.
 */
export class NeoApiDialerAdapter implements Dialer {
  constructor(private readonly link: NeoApiLink) {}

  get status(): Observable<'up' | 'down'> {
    return this.link.status;
  }

  health(signal?: AbortSignal): Promise<void> {
    return asDialer(() => this.link.health(signal));
  }

  private ask<M extends NeoMethodName>(
    method: M,
    request: NeoRequest<M>,
    caller?: DialerCaller,
  ): Promise<NeoResponse<M>> {
    return asDialer(() => this.link.call(method, request, caller?.session, caller?.idempotencyKey));
  }

  // --- session -------------------------------------------------------------
  async login({ device, user, password }: DialerCredentials): Promise<DialerLogin> {
    const { token, agent } = await this.ask('Login', { device, user, password });
    const { agentId, displayName, email, roles } = agent;
    return {
      session: token,
      agent: { agentId, user: agent.user, displayName, email, device: agent.device, roles },
    };
  }

  async logout(caller: DialerCaller): Promise<void> {
    await this.ask('Logout', {}, caller);
  }

  subscribe(session: DialerSession, agentId: string): AgentFeed {
    return new NeoApiAgentFeed(this.link, session, agentId);
  }

  // --- the agent's availability -------------------------------------------
  pause(caller: DialerCaller, breakStateId: string): Promise<{ pending: boolean }> {
    return this.ask('Pause', { breakStateId }, caller);
  }

  async resume(caller: DialerCaller): Promise<void> {
    await this.ask('Unpause', {}, caller);
  }

  async crmAvailable(caller: DialerCaller): Promise<void> {
    await this.ask('CRM_Available', {}, caller);
  }

  async crmUnavailable(caller: DialerCaller): Promise<void> {
    await this.ask('CRM_Unavailable', {}, caller);
  }

  async showingContact(caller: DialerCaller, contactId: string): Promise<void> {
    await this.ask('CRM_ShowingContact', { contactId }, caller);
  }

  // --- calls --------------------------------------------------------------
  async dial(caller: DialerCaller, request: DialRequest): Promise<{ callId: string }> {
    const { call } = await this.ask('Dial', request, caller);
    return { callId: call.callId };
  }

  async hangup(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('Hangup', { callId }, caller);
  }

  async hold(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('Hold', { callId }, caller);
  }

  async unhold(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('Unhold', { callId }, caller);
  }

  async mute(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('Mute', { callId }, caller);
  }

  async unmute(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('Unmute', { callId }, caller);
  }

  async sendDigits(caller: DialerCaller, callId: string, digits: string): Promise<void> {
    await this.ask('Send_DTMF', { callId, digits }, caller);
  }

  async transfer(
    caller: DialerCaller,
    callId: string,
    target: CallTarget,
    mode: TransferMode,
  ): Promise<void> {
    await this.ask('Transfer', { callId, target, mode }, caller);
  }

  async completeTransfer(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('Transfer_Complete', { callId }, caller);
  }

  async cancelTransfer(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('Transfer_End', { callId }, caller);
  }

  async joinConference(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('JoinConference', { callId }, caller);
  }

  invite(caller: DialerCaller, callId: string, target: CallTarget): Promise<{ participantId: string }> {
    return this.ask('InviteParticipant', { callId, target }, caller);
  }

  async kickAll(caller: DialerCaller, callId: string): Promise<void> {
    await this.ask('KickAll', { callId }, caller);
  }

  // --- campaigns ----------------------------------------------------------
  async campaigns(caller: DialerCaller): Promise<DialerCampaign[]> {
    const { campaigns } = await this.ask('Get_Campaigns', {}, caller);
    return campaigns.map(toDialerCampaign);
  }

  async joinCampaign(caller: DialerCaller, campaignId: string): Promise<CampaignDto> {
    const { campaign } = await this.ask('Login_Campaign', { campaignId }, caller);
    return toCampaignDto(campaign);
  }

  async leaveCampaign(caller: DialerCaller, campaignId: string): Promise<void> {
    await this.ask('Logout_Campaign', { campaignId }, caller);
  }

  async transferNumbers(caller: DialerCaller, campaignId: string): Promise<TransferNumberDto[]> {
    const { numbers } = await this.ask('Get_TransferNumbers', { campaignId }, caller);
    return numbers;
  }

  // --- contacts -----------------------------------------------------------
  categorize(caller: DialerCaller, request: CategorizeContact): Promise<{ released: boolean }> {
    return this.ask('UpdateContact', request, caller);
  }

  scheduleCallback(
    caller: DialerCaller,
    request: ScheduleCallback,
  ): Promise<{ scheduleId: string; at: string }> {
    return this.ask('Schedule_Callback', request, caller);
  }

  async releaseContact(caller: DialerCaller, request: ReleaseContact): Promise<void> {
    await this.ask('Release_Contact', request, caller);
  }

  async contactByKey(caller: DialerCaller, crmId: string, key: string): Promise<DialerContactDto> {
    const { contact } = await this.ask('Get_ContactByKey', { crmId, key }, caller);
    return toDialerContactDto(contact);
  }

  // --- tasks (ExecuteTask01-05) ------------------------------------------------
  sendMessage(
    caller: DialerCaller,
    callId: string | undefined,
    params: Record<string, string>,
  ): Promise<TaskResult> {
    return this.ask('ExecuteTask01', { ...(callId ? { callId } : {}), params }, caller);
  }

  recording(caller: DialerCaller, callId: string | undefined, paused: boolean): Promise<TaskResult> {
    return this.ask(
      paused ? 'ExecuteTask02' : 'ExecuteTask03',
      { ...(callId ? { callId } : {}), params: {} },
      caller,
    );
  }

  askForHelp(caller: DialerCaller, callId: string | undefined, reason: string): Promise<TaskResult> {
    return this.ask('ExecuteTask05', { ...(callId ? { callId } : {}), params: { reason } }, caller);
  }

  // --- what the dialer lists ------------------------------------------------
  async breakStates(caller: DialerCaller): Promise<BreakStateDto[]> {
    const { breakStates } = await this.ask('Get_BreakStates', {}, caller);
    return breakStates.map(toBreakStateDto);
  }

  async users(caller: DialerCaller, role?: Role): Promise<UserDto[]> {
    const { users } = await this.ask('Get_Users', role ? { role } : {}, caller);
    return users.map(toUserDto);
  }

  async queues(caller: DialerCaller): Promise<DialerQueue[]> {
    const { queues } = await this.ask('Get_Queues', {}, caller);
    return queues.map(({ id, name, serviceLevelSeconds, loggedInUserIds }) => ({
      id,
      name,
      serviceLevelSeconds,
      ...(loggedInUserIds ? { loggedInUserIds } : {}),
    }));
  }

  async categories(caller: DialerCaller, crmId: string): Promise<CategoryDto[]> {
    const { categories } = await this.ask('Get_Categories', { crmId }, caller);
    return categories.map(toCategoryDto);
  }

  async ownQueueIds(caller: DialerCaller): Promise<string[]> {
    const position = await this.ask('Position', {}, caller);
    return position.agent.queueIds;
  }

  /** Positions as the dialer sent them: the board compares listings whole to see who changed. */
  async agents(caller: DialerCaller): Promise<DialerAgentPosition[]> {
    const { agents } = await this.ask('Get_Agents', {}, caller);
    return agents;
  }

  figures(caller: DialerCaller): Promise<DialerFigures> {
    return this.ask('Get_Figures', {}, caller);
  }

  missedCalls(caller: DialerCaller, after: number, limit: number): Promise<MissedCallsPage> {
    return this.ask('Get_MissedCalls', { after, limit }, caller);
  }

  // --- monitoring ---------------------------------------------------------
  async startMonitoring(caller: DialerCaller, agentId: string, mode: MonitorMode): Promise<void> {
    await this.ask('Monitor_Start', { agentId, mode }, caller);
  }

  async monitorMode(caller: DialerCaller, mode: MonitorMode): Promise<void> {
    await this.ask('Monitor_Mode', { mode }, caller);
  }

  async endMonitoring(caller: DialerCaller): Promise<void> {
    await this.ask('Monitor_End', {}, caller);
  }
}
