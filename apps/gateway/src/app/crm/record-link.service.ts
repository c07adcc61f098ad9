import { Inject, Injectable } from '@nestjs/common';
import type { CrmRecordRef } from '@puente/contracts';
import { AgentStreams } from '../events/agent-streams.service';
import { ApiError } from '../http/api-error';
import { CallJournalService } from './call-journal.service';
import { CRM, type Crm } from './crm.port';
import { recordId } from './crm-input';

export interface LinkedRecord {
  objectType: CrmRecordRef['objectType'];
  recordId: string;
  name: string;
}

/**
 * The agent names the Salesforce record a call is about: one of several
 * matches picked from the panel's list (issue 16 §2.3), or any record they
 * found. It becomes the call's linked record, so the Task's WhoId (Contact,
 * Lead) or WhatId (Account, Opportunity) — also of a call that has ended
 * and whose Task is written already (the call journal rewrites it).
 */
@Injectable()
export class RecordLinkService {
  constructor(
    @Inject(CRM) private readonly crm: Crm,
    private readonly streams: AgentStreams,
    private readonly journal: CallJournalService,
  ) {}

  async link(agentId: string, callId: string, ref: CrmRecordRef): Promise<LinkedRecord> {
    // The call on screen, or one the journal holds for this agent (its calls of the last 24 hours).
    const current = this.streams.state(agentId).crm?.callId === callId;
    if (!current && !(await this.journal.isAgentsCall(agentId, callId)))
      throw new ApiError('NOT_FOUND', `Call ${callId} is not one of your recent calls.`);
    // The request's schema checked the id already; the adapter checks again, whoever calls it.
    const record = await this.crm.retrieve(ref.objectType, recordId(ref.recordId, [ref.objectType]), []);
    if (!record) throw new ApiError('NOT_FOUND', 'No such record.');
    const linked: LinkedRecord = { objectType: record.objectType, recordId: record.id, name: record.name };
    this.streams.append(agentId, [{ type: 'crm.record_linked', payload: { callId, ...linked } }]);
    return linked;
  }
}
