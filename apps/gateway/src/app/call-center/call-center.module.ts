import { Global, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { CALL_CENTER_SETTINGS, loadCallCenterSettings } from './call-center-settings';
import { AuthModule } from '../auth/auth.module';
import { SessionSettings } from './session-settings.service';
import { SettingsRepository } from './settings.repository';
import { SqliteSettingsRepository } from './sqlite-settings.repository';

export { CALL_CENTER_SETTINGS, loadCallCenterSettings, panelOptions } from './call-center-settings';

/**
 * The Call Center definition (C7) is the source of the options commands and
 * the panel follow (C6): the gateway's file, or per session the org's Call
 * Center and Softphone Layout the panel read from Salesforce (issue 17 §2).
 */
@Global()
@Module({
  imports: [AuthModule],
  providers: [
    { provide: SettingsRepository, useClass: SqliteSettingsRepository },
    {
      provide: CALL_CENTER_SETTINGS,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => loadCallCenterSettings(config.CALL_CENTER_FILE),
    },
    SessionSettings,
  ],
  exports: [CALL_CENTER_SETTINGS, SessionSettings, SettingsRepository],
})
export class CallCenterModule {}
