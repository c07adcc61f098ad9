import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Accepted, CampaignDto, TransferNumberDto } from '@puente/contracts';
import { CurrentSession } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DialerCommands } from './dialer-commands.service';
import { Idempotent } from './idempotency.interceptor';

/** Outbound campaigns (A2) and their transfer numbers (B4). */
@ApiTags('campaigns')
@Controller('api/v1/campaigns')
export class CampaignsController {
  constructor(private readonly commands: DialerCommands) {}

  @Get()
  @ApiOperation({ summary: 'Campaigns the agent may join.' })
  async list(@CurrentSession() s: Principal): Promise<{ items: CampaignDto[] }> {
    const campaigns = await this.commands.as(s).campaigns();
    return {
      items: campaigns
        .filter((c) => c.active)
        .map(({ id, name, dialerMode, crmId, baseId }) => ({ id, name, dialerMode, crmId, baseId })),
    };
  }

  @Post(':campaignId/join')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Join the campaign (Login_Campaign).' })
  async join(@CurrentSession() s: Principal, @Param('campaignId') campaignId: string): Promise<CampaignDto> {
    return this.commands.as(s).joinCampaign(campaignId);
  }

  @Post(':campaignId/leave')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Leave the campaign (Logout_Campaign).' })
  async leave(@CurrentSession() s: Principal, @Param('campaignId') campaignId: string): Promise<Accepted> {
    await this.commands.as(s).leaveCampaign(campaignId);
    return { accepted: true };
  }

  @Get(':campaignId/transfer-numbers')
  @ApiOperation({ summary: "The campaign's list of transfer numbers." })
  async transferNumbers(
    @CurrentSession() s: Principal,
    @Param('campaignId') campaignId: string,
  ): Promise<{ items: TransferNumberDto[] }> {
    return { items: await this.commands.as(s).transferNumbers(campaignId) };
  }
}
