import { Injectable, inject } from '@angular/core';
import type {
  Accepted,
  CampaignDto,
  CategorizeRequest,
  CrmRecordRef,
  DialRequest,
  DialResponse,
  InviteRequest,
  ReleaseRequest,
  ScheduleRequest,
  ScheduleResponse,
  TaskRequest,
  TransferRequest,
} from '@puente/contracts';
import { ApiClient } from './api-client.service';

const id = (value: string) => encodeURIComponent(value);

/**
 * Every command of the agent, one method per gateway route (A2-A4, B1-B9,
 * C4-C5). Each call is one action with its own Idempotency-Key.
 */
@Injectable({ providedIn: 'root' })
export class Commands {
  private readonly api = inject(ApiClient);

  joinCampaign(campaignId: string): Promise<CampaignDto> {
    return this.api.command(`/campaigns/${id(campaignId)}/join`);
  }
  leaveCampaign(campaignId: string): Promise<Accepted> {
    return this.api.command(`/campaigns/${id(campaignId)}/leave`);
  }

  pause(breakStateId: string): Promise<unknown> {
    return this.api.command('/agent/pause', { breakStateId });
  }
  unpause(): Promise<Accepted> {
    return this.api.command('/agent/unpause');
  }
  /** Play: ready for the next call (CRM_Available). */
  ready(): Promise<Accepted> {
    return this.api.command('/agent/ready');
  }
  unavailable(): Promise<Accepted> {
    return this.api.command('/agent/unavailable');
  }

  dial(request: DialRequest): Promise<DialResponse> {
    return this.api.command('/calls', request);
  }
  hangup(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/hangup`);
  }
  hold(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/hold`);
  }
  unhold(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/unhold`);
  }
  mute(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/mute`);
  }
  unmute(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/unmute`);
  }
  /** The dialer's tasks (issue 16 §3): 01 message, 02/03 pause/resume recording, 05 ask for help. */
  task(
    task: '01' | '02' | '03' | '05',
    request: TaskRequest,
  ): Promise<{ taskId: string; result: Record<string, string> }> {
    return this.api.command(`/tasks/${task}`, request);
  }
  withdrawHelp(): Promise<Accepted> {
    return this.api.command('/tasks/05/withdraw');
  }
  dtmf(callId: string, digits: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/dtmf`, { digits });
  }

  transfer(callId: string, request: TransferRequest): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/transfer`, request);
  }
  /** Attended transfer: join the customer with the third party and leave. */
  completeTransfer(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/transfer/complete`);
  }
  /** End of attended transfer: cut the third party, back to the customer. */
  endTransfer(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/transfer/end`);
  }

  startConference(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/conference`);
  }
  invite(callId: string, target: InviteRequest['target']): Promise<{ participantId: string }> {
    return this.api.command(`/calls/${id(callId)}/conference/participants`, { target });
  }
  endConference(callId: string): Promise<Accepted> {
    return this.api.command(`/calls/${id(callId)}/conference/kick-all`);
  }

  categorize(contactId: string, request: CategorizeRequest): Promise<{ released: boolean }> {
    return this.api.command(`/contacts/${id(contactId)}/categorize`, request);
  }
  schedule(contactId: string, request: ScheduleRequest): Promise<ScheduleResponse> {
    return this.api.command(`/contacts/${id(contactId)}/schedule`, request);
  }
  release(contactId: string, request: ReleaseRequest = {}): Promise<Accepted> {
    return this.api.command(`/contacts/${id(contactId)}/release`, request);
  }

  /** Link the record created in Salesforce during the call (C4); answered 202, then `crm.record_linked`. */
  syncCrmRecord(callId: string): Promise<unknown> {
    return this.api.command(`/calls/${id(callId)}/crm/sync`);
  }

  /** Make a record the call's own, its Task's WhoId/WhatId (issue 16 §2.3); then `crm.record_linked`. */
  linkCrmRecord(callId: string, record: CrmRecordRef): Promise<CrmRecordRef & { name: string }> {
    return this.api.command(`/calls/${id(callId)}/crm/link`, record);
  }
}
