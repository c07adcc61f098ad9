import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Accepted,
  type DialRequest,
  DialRequestSchema,
  type DialResponse,
  type DtmfRequest,
  DtmfRequestSchema,
  type InviteRequest,
  InviteRequestSchema,
  type TransferRequest,
  TransferRequestSchema,
} from '@puente/contracts';
import { CurrentSession } from '../auth/auth.decorators';
import { ApiError } from '../http/api-error';
import { ValidBody } from '../http/valid-body.decorator';
import { CallJournalService } from '../crm/call-journal.service';
import { ClickToDialService } from '../crm/click-to-dial.service';
import type { Principal } from '../auth/principal';
import { SessionSettings } from '../call-center/session-settings.service';
import { DialerCommands } from './dialer-commands.service';
import { EmptyQueueRule } from './empty-queue-rule';
import { Idempotent } from './idempotency.interceptor';

const ACCEPTED: Accepted = { accepted: true };

/** Call control (B1-B5, B9): dial, hang up, hold, DTMF, transfers, conference. */
@ApiTags('calls')
@Controller('api/v1/calls')
export class CallsController {
  constructor(
    private readonly commands: DialerCommands,
    private readonly clickToDial: ClickToDialService,
    private readonly journal: CallJournalService,
    private readonly settings: SessionSettings,
    private readonly emptyQueue: EmptyQueueRule,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Dial a number (manual dial, click-to-dial, callback).' })
  async dial(
    @CurrentSession() s: Principal,
    @ValidBody(DialRequestSchema) body: DialRequest,
  ): Promise<DialResponse> {
    // The clicked record is the call's record, whether or not it names a dialer contact (issue 16 §2.4).
    if (body.crmRecordId) this.clickToDial.startingFrom(s.agentId, body.crmRecordId);
    const found =
      !body.contactId &&
      body.crmRecordId &&
      (await this.settings.forAgent(s.agentId)).options.allowClickToDialSearch
        ? await this.clickToDial.contactFor(s, body.crmRecordId)
        : null;
    const dial = (contactId: string | null | undefined) =>
      this.commands.as(s).dial({
        number: body.number,
        ...(contactId ? { contactId } : {}),
        ...(body.campaignId ? { campaignId: body.campaignId } : {}),
        ...(body.note ? { note: body.note } : {}),
      });
    let call: Awaited<ReturnType<typeof dial>>;
    try {
      call = await dial(body.contactId ?? found).catch((error: unknown) => {
        // A record's stale neoContactId__c must not cost the agent the call: the dialer refused, nothing was dialed.
        if (found && error instanceof ApiError && error.code === 'NOT_FOUND') return dial(null);
        throw error;
      });
    } catch (error) {
      // Refused: the agent's next manual call must not take the record.
      if (body.crmRecordId) this.clickToDial.dialed(s.agentId, null);
      throw error;
    }
    if (body.crmRecordId) this.clickToDial.dialed(s.agentId, call.callId);
    if (body.note) await this.journal.rememberDialNote(call.callId, s.agentId, body.note);
    return { callId: call.callId };
  }

  @Post(':callId/hangup')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Hang up.' })
  async hangup(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).hangup(callId);
    return ACCEPTED;
  }

  @Post(':callId/hold')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Put the customer on hold.' })
  async hold(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).hold(callId);
    return ACCEPTED;
  }

  @Post(':callId/unhold')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Take the customer off hold.' })
  async unhold(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).unhold(callId);
    return ACCEPTED;
  }

  @Post(':callId/mute')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: "Mute the agent's microphone: the customer no longer hears them (issue 16 §3)." })
  async mute(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).mute(callId);
    return ACCEPTED;
  }

  @Post(':callId/unmute')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Unmute the agent.' })
  async unmute(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).unmute(callId);
    return ACCEPTED;
  }

  @Post(':callId/dtmf')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Send DTMF digits, one by one (B3).' })
  async dtmf(
    @CurrentSession() s: Principal,
    @Param('callId') callId: string,
    @ValidBody(DtmfRequestSchema) body: DtmfRequest,
  ): Promise<Accepted> {
    await this.commands.as(s).sendDigits(callId, body.digits);
    return ACCEPTED;
  }

  @Post(':callId/transfer')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Transfer to a number, user, queue or campaign; direct or attended (B4).' })
  async transfer(
    @CurrentSession() s: Principal,
    @Param('callId') callId: string,
    @ValidBody(TransferRequestSchema) body: TransferRequest,
  ): Promise<Accepted> {
    await this.emptyQueue.check(s, body);
    await this.commands.as(s).transfer(callId, body.target, body.mode);
    return ACCEPTED;
  }

  @Post(':callId/transfer/complete')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Attended transfer: join the customer with the third party and leave.' })
  async completeTransfer(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).completeTransfer(callId);
    return ACCEPTED;
  }

  @Post(':callId/transfer/end')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'End of attended transfer: cut the third party, back to the customer (B1).' })
  async endTransfer(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).cancelTransfer(callId);
    return ACCEPTED;
  }

  @Post(':callId/conference')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Start a conference on the call (JoinConference, B5).' })
  async conference(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).joinConference(callId);
    return ACCEPTED;
  }

  @Post(':callId/conference/participants')
  @Idempotent()
  @ApiOperation({
    summary: 'Invite a number or a user into the conference, one at a time (InviteParticipant).',
  })
  async invite(
    @CurrentSession() s: Principal,
    @Param('callId') callId: string,
    @ValidBody(InviteRequestSchema) body: InviteRequest,
  ): Promise<{ participantId: string }> {
    return this.commands.as(s).invite(callId, body.target);
  }

  @Post(':callId/conference/kick-all')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'End the conference: every invited participant leaves (KickAll).' })
  async kickAll(@CurrentSession() s: Principal, @Param('callId') callId: string): Promise<Accepted> {
    await this.commands.as(s).kickAll(callId);
    return ACCEPTED;
  }
}
