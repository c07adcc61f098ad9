import { Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type PanelConfig, type PanelSettings, PanelSettingsSchema } from '@puente/contracts';
import { CurrentSession } from '../auth/auth.decorators';
import { ValidBody } from '../http/valid-body.decorator';
import { GatewayStore, type StoredSession } from '../store/gateway-store';
import { CALL_CENTER_OPTIONS, type CallCenterOptions } from './call-center-options';

/** What the panel needs to set itself up: the Call Center options (C6) and the user's own settings (F1). */
@ApiTags('panel')
@Controller('api/v1')
export class PanelController {
  constructor(
    @Inject(CALL_CENTER_OPTIONS) private readonly options: CallCenterOptions,
    private readonly store: GatewayStore,
  ) {}

  @Get('config')
  @ApiOperation({ summary: 'The Call Center options the panel follows.' })
  config(): PanelConfig {
    return this.options;
  }

  @Get('me/settings')
  @ApiOperation({ summary: "The user's panel settings (width, height, auto-minimise, language)." })
  settings(@CurrentSession() s: StoredSession): PanelSettings {
    const stored = this.store.getValue(`settings:${s.user}`);
    const parsed = stored ? PanelSettingsSchema.safeParse(JSON.parse(stored)) : undefined;
    if (parsed?.success) return parsed.data;
    return {
      width: this.options.softphoneWidth,
      height: this.options.softphoneHeight,
      autoMinimize: true,
      locale: null,
    };
  }

  @Put('me/settings')
  @ApiOperation({ summary: "Save the user's panel settings; they follow the user to any device." })
  save(
    @CurrentSession() s: StoredSession,
    @ValidBody(PanelSettingsSchema) body: PanelSettings,
  ): PanelSettings {
    this.store.setValue(`settings:${s.user}`, JSON.stringify(body));
    return body;
  }
}
