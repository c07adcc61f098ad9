import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Accepted,
  type CategorizeRequest,
  CategorizeRequestSchema,
  type DialerContactDto,
  type ReleaseRequest,
  ReleaseRequestSchema,
  type ScheduleRequest,
  ScheduleRequestSchema,
  type ScheduleResponse,
} from '@puente/contracts';
import { z } from 'zod';
import { CurrentSession } from '../auth/auth.decorators';
import { CallJournalService } from '../crm/call-journal.service';
import { ApiError } from '../http/api-error';
import { ValidBody } from '../http/valid-body.decorator';
import { ZodBody } from '../http/zod-body.pipe';
import type { Principal } from '../auth/principal';
import { SessionSettings } from '../call-center/session-settings.service';
import { DialerCommands } from './dialer-commands.service';
import { Idempotent } from './idempotency.interceptor';

const ByKeyQuery = z.object({
  crmId: z.string().trim().min(1).max(64),
  key: z.string().trim().min(1).max(255),
});

function inTheFuture(at: string): void {
  if (Date.parse(at) <= Date.now()) throw new ApiError('VALIDATION_FAILED', 'at: pick a time in the future.');
}

/**
 * Wrap-up of the contact on screen: categorise (C5), schedule (B8), release
 * (C6). Each names the call it follows to the dialer (issue 16 §2.1): the one
 * the panel sends, or the agent's last call with the contact as the call
 * journal remembers it, since the dialer's "last call id" is 0 by then.
 */
@ApiTags('contacts')
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(
    private readonly commands: DialerCommands,
    private readonly journal: CallJournalService,
    private readonly settings: SessionSettings,
  ) {}

  @Post(':contactId/categorize')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Categorise with category and subcategory and release (UpdateContact); an agenda category takes the callback time.',
  })
  async categorize(
    @CurrentSession() s: Principal,
    @Param('contactId') contactId: string,
    @ValidBody(CategorizeRequestSchema) body: CategorizeRequest,
  ): Promise<{ released: boolean }> {
    if (body.at) inTheFuture(body.at);
    const callId = await this.journal.wrapUp(s.agentId, contactId, body);
    return this.commands.as(s).categorize({
      contactId,
      ...(callId ? { callId } : {}),
      categoryId: body.categoryId,
      ...(body.subcategoryId ? { subcategoryId: body.subcategoryId } : {}),
      ...(body.note ? { note: body.note } : {}),
      ...(body.at ? { at: body.at } : {}),
    });
  }

  @Post(':contactId/schedule')
  @Idempotent()
  @ApiOperation({ summary: 'Schedule a callback (AGENDAR) and release the contact (B8).' })
  async schedule(
    @CurrentSession() s: Principal,
    @Param('contactId') contactId: string,
    @ValidBody(ScheduleRequestSchema) body: ScheduleRequest,
  ): Promise<ScheduleResponse> {
    inTheFuture(body.at);
    const callId = await this.journal.wrapUp(s.agentId, contactId, body);
    return this.commands.as(s).scheduleCallback({
      contactId,
      ...(callId ? { callId } : {}),
      at: body.at,
      personal: body.personal ?? true,
      ...(body.number ? { number: body.number } : {}),
      ...(body.note ? { note: body.note } : {}),
    });
  }

  @Post(':contactId/release')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Release the contact without a category, where allowContactRelease allows it.' })
  async release(
    @CurrentSession() s: Principal,
    @Param('contactId') contactId: string,
    @ValidBody(ReleaseRequestSchema) body: ReleaseRequest,
  ): Promise<Accepted> {
    if (!(await this.settings.forAgent(s.agentId)).options.allowContactRelease) {
      throw new ApiError('FORBIDDEN', 'This call center requires a category before releasing a contact.');
    }
    const callId = await this.journal.wrapUp(s.agentId, contactId, body);
    await this.commands.as(s).releaseContact({
      contactId,
      ...(callId ? { callId } : {}),
      ...(callId && body.note ? { note: body.note } : {}),
    });
    return { accepted: true };
  }

  @Get('by-key')
  @ApiOperation({ summary: "Find the dialer's contact by IdCrm and key value (click-to-dial, B6)." })
  async byKey(
    @CurrentSession() s: Principal,
    @Query(new ZodBody(ByKeyQuery)) query: z.infer<typeof ByKeyQuery>,
  ): Promise<DialerContactDto> {
    return this.commands.as(s).contactByKey(query.crmId, query.key);
  }
}
