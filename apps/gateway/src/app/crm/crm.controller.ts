import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrmObjectSchema } from '@puente/contracts';
import type { CrmMatch } from '@puente/crm';
import { z } from 'zod';
import { CurrentSession } from '../auth/auth.decorators';
import { Idempotent } from '../commands/idempotency.interceptor';
import { AgentStreams } from '../events/agent-streams.service';
import { ApiError } from '../http/api-error';
import { ZodBody } from '../http/zod-body.pipe';
import type { StoredSession } from '../store/gateway-store';
import { CRM, type Crm, CrmLoginError, CrmUnavailableError } from './crm.port';

const SearchQuery = z.object({ q: z.string().trim().min(2, 'type at least two characters').max(100) });

/** Salesforce from the panel: free-text search (C10), a record with all its fields (C8), syncing a new record (C4). */
@ApiTags('crm')
@Controller('api/v1')
export class CrmController {
  constructor(
    @Inject(CRM) private readonly crm: Crm,
    private readonly streams: AgentStreams,
  ) {}

  @Get('crm/search')
  @ApiOperation({ summary: 'Find contacts, accounts, leads and opportunities by name, number or e-mail.' })
  async search(
    @Query(new ZodBody(SearchQuery)) query: z.infer<typeof SearchQuery>,
  ): Promise<{ items: CrmMatch[] }> {
    return { items: await this.guard(() => this.crm.search(query.q, 20)) };
  }

  @Get('crm/records/:objectType/:recordId')
  @ApiOperation({ summary: 'A record with every field (the Apex NeotelDataRetrieval of seed 004).' })
  async record(
    @Param('objectType') objectType: string,
    @Param('recordId') recordId: string,
  ): Promise<Record<string, unknown>> {
    const type = CrmObjectSchema.safeParse(objectType);
    if (!type.success) throw new ApiError('NOT_FOUND', `No such object: ${objectType}.`);
    const record = await this.guard(() => this.crm.retrieveAll(type.data, recordId));
    if (!record) throw new ApiError('NOT_FOUND', 'No such record.');
    return record;
  }

  @Post('calls/:callId/crm/sync')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({ summary: 'Link the record created from the pop to the call, by its neoSyncId__c (C4).' })
  async sync(
    @CurrentSession() s: StoredSession,
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

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError) throw error;
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
