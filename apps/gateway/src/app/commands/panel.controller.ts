import { Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type PanelConfig,
  type PanelSettings,
  PanelSettingsSchema,
  type SalesforceSettings,
  SalesforceSettingsSchema,
} from '@puente/contracts';
import { CurrentSession } from '../auth/auth.decorators';
import { type SessionCallCenter, SessionSettings } from '../call-center/session-settings.service';
import { SettingsRepository } from '../call-center/settings.repository';
import type { Principal } from '../auth/principal';
import { ValidBody } from '../http/valid-body.decorator';

const panelConfig = (resolved: SessionCallCenter): PanelConfig => ({
  ...resolved.options,
  source: resolved.source,
});

/** What the panel needs to set itself up: the Call Center options (C6) and the user's own settings (F1). */
@ApiTags('panel')
@Controller('api/v1')
export class PanelController {
  constructor(
    private readonly sessionSettings: SessionSettings,
    private readonly store: SettingsRepository,
  ) {}

  @Get('config')
  @ApiOperation({ summary: 'The Call Center options the panel follows, and where they come from.' })
  async config(@CurrentSession() s: Principal): Promise<PanelConfig> {
    return panelConfig(await this.sessionSettings.forSession(s.sessionId));
  }

  @Put('session/salesforce-settings')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "What the panel read from Salesforce through Open CTI (getCallCenterSettings, getSoftphoneLayout): this session's pops and options follow them.",
    description:
      'Either part may be null (the Open CTI call failed): the gateway file applies for it. Answers the options now in force.',
  })
  async salesforceSettings(
    @CurrentSession() s: Principal,
    @ValidBody(SalesforceSettingsSchema) body: SalesforceSettings,
  ): Promise<PanelConfig> {
    return panelConfig(await this.sessionSettings.apply(s, body));
  }

  @Get('me/settings')
  @ApiOperation({ summary: "The user's panel settings (width, height, auto-minimise, language)." })
  async settings(@CurrentSession() s: Principal): Promise<PanelSettings> {
    const stored = await this.store.panelSettings(s.user);
    const parsed = stored === undefined ? undefined : PanelSettingsSchema.safeParse(stored);
    if (parsed?.success) return parsed.data;
    const options = (await this.sessionSettings.forSession(s.sessionId)).options;
    return {
      width: options.softphoneWidth,
      height: options.softphoneHeight,
      autoMinimize: true,
      locale: null,
    };
  }

  @Put('me/settings')
  @ApiOperation({ summary: "Save the user's panel settings; they follow the user to any device." })
  async save(
    @CurrentSession() s: Principal,
    @ValidBody(PanelSettingsSchema) body: PanelSettings,
  ): Promise<PanelSettings> {
    await this.store.savePanelSettings(s.user, body);
    return body;
  }
}
