import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CrmObjectSchema, type CrmRecordRef, CrmRecordRefSchema } from '@puente/contracts';
import type { CrmMatch } from '@puente/crm';
import { z } from 'zod';
import { CurrentSession } from '../auth/auth.decorators';
import { Idempotent } from '../commands/idempotency.interceptor';
import { AgentStreams } from '../events/agent-streams.service';
import { ApiError } from '../http/api-error';
import { ValidBody } from '../http/valid-body.decorator';
import { ZodBody } from '../http/zod-body.pipe';
import type { Principal } from '../auth/principal';
import { CRM, type Crm, CrmInputError, CrmLoginError, CrmUnavailableError } from './crm.port';
import { type LinkedRecord, RecordLinkService } from './record-link.service';

const SearchQuery = z.object({ q: z.string().trim().min(2, 'type at least two characters').max(100) });

/**
 * Salesforce from the panel: free-text search (C10), a record with all its
 * fields (C8), syncing a new record (C4), linking a picked record (issue 16 §2.3).
 */
@ApiTags('crm')
@Controller('api/v1')
export class CrmController {
  constructor(
    @Inject(CRM) private readonly crm: Crm,
    private readonly streams: AgentStreams,
    private readonly links: RecordLinkService,
  ) {}

  @Get('crm/search')
  @ApiOperation({
    summary: 'Find contacts, accounts, leads and opportunities by name, number or e-mail.',
    description:
      'Every word is searched for literally: SOSL reserved characters are escaped, AND/OR/NOT are words, ' +
      'and words without a letter or digit are left out. Text with fewer than two letters or digits ' +
      'answers no items without asking Salesforce.',
  })
  @ApiQuery({ name: 'q', description: '2 to 100 characters, anything an agent types.' })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: q missing, shorter than 2 or longer than 100.',
  })
  async search(
    @Query(new ZodBody(SearchQuery)) query: z.infer<typeof SearchQuery>,
  ): Promise<{ items: CrmMatch[] }> {
    return { items: await this.guard(() => this.crm.search(query.q, 20)) };
  }

  @Get('crm/records/:objectType/:recordId')
  @ApiOperation({ summary: 'A record with every field (the Apex NeotelDataRetrieval of seed 004).' })
  @ApiParam({ name: 'objectType', enum: CrmObjectSchema.options })
  @ApiParam({
    name: 'recordId',
    description:
      'A Salesforce id of that object: 15 case-sensitive letters and digits, or 18 whose last 3 are ' +
      'the case checksum of the first 15; its key prefix must be the object’s (Account 001, Contact 003, ' +
      'Lead 00Q, Opportunity 006).',
    schema: { type: 'string', pattern: '^[A-Za-z0-9]{15}([A-Z0-5]{3})?$' },
  })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED; details.issues names objectType or recordId. Salesforce is not asked.',
  })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: a valid id of no record (or a deleted one).' })
  async record(@Param(new ZodBody(CrmRecordRefSchema)) ref: CrmRecordRef): Promise<Record<string, unknown>> {
    const record = await this.guard(() => this.crm.retrieveAll(ref.objectType, ref.recordId));
    if (!record) throw new ApiError('NOT_FOUND', 'No such record.');
    return record;
  }

  @Post('calls/:callId/crm/sync')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({ summary: 'Link the record created from the pop to the call, by its neoSyncId__c (C4).' })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND: not the call of the current pop, or the new record is not saved yet.',
  })
  async sync(
    @CurrentSession() s: Principal,
    @Param('callId') callId: string,
  ): Promise<{ objectType: string; recordId: string; name: string }> {
    const crm = this.streams.state(s.agentId).crm;
    if (!crm || crm.callId !== callId)
      throw new ApiError('NOT_FOUND', 'This call has no Salesforce pop to sync.');
    if (crm.linked) return crm.linked;
    if (crm.decision.type !== 'new_record')
      throw new ApiError('INVALID_STATE', 'Only a record created from the pop can be synced.');
    const { syncId, objectType } = crm.decision;
    const [record] = await this.guard(() => this.crm.findByField('neoSyncId__c', syncId, [objectType]));
    if (!record) throw new ApiError('NOT_FOUND', 'The new record has not been saved in Salesforce yet.');
    this.streams.append(s.agentId, [
      {
        type: 'crm.record_linked',
        payload: { callId, objectType: record.objectType, recordId: record.id, name: record.name },
      },
    ]);
    return { objectType: record.objectType, recordId: record.id, name: record.name };
  }

  @Post('calls/:callId/crm/link')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: "Make a record the call's own: the one picked among several matches (issue 16 §2.3).",
    description:
      "The call's Task names it: WhoId for a Contact or Lead, WhatId for an Account or Opportunity; " +
      'a call that has ended already gets its Task rewritten.',
  })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED: objectType or recordId (an id of that object) is wrong. Salesforce is not asked.',
  })
  @ApiResponse({
    status: 404,
    description:
      "NOT_FOUND: neither the agent's current call nor one of their calls of the last 24 hours, or no such record.",
  })
  async link(
    @CurrentSession() s: Principal,
    @Param('callId') callId: string,
    @ValidBody(CrmRecordRefSchema) ref: CrmRecordRef,
  ): Promise<LinkedRecord> {
    return this.guard(() => this.links.link(s.agentId, callId, ref));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // The adapter's own check caught what the request's validation did not: still the caller's mistake.
      if (error instanceof CrmInputError)
        throw new ApiError('VALIDATION_FAILED', error.message, {
          issues: [{ path: error.field, message: error.problem }],
        });
      if (error instanceof CrmLoginError)
        throw new ApiError(
          'CRM_ERROR',
          "Salesforce refused the gateway's login; an administrator must check it.",
        );
      if (error instanceof CrmUnavailableError)
        throw new ApiError('CRM_UNAVAILABLE', 'Salesforce is not answering; try again in a moment.');
      throw new ApiError('CRM_ERROR', `Salesforce refused: ${(error as Error).message}`);
    }
  }
}
