import { Global, Module } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { SqliteStorage } from '../store/sqlite-storage';
import { CALL_CENTER_SETTINGS, loadCallCenterSettings } from './call-center-settings';
import { AuthModule } from '../auth/auth.module';
import { RedisSettingsRepository } from './redis-settings.repository';
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
    {
      // With REDIS_URL shared by the nodes (a session's settings apply wherever its agent is served).
      provide: SettingsRepository,
      inject: [SqliteStorage, REDIS, GATEWAY_CONFIG],
      useFactory: (storage: SqliteStorage, redis: RedisConnection | null, config: GatewayConfig) =>
        redis
          ? new RedisSettingsRepository(redis.client, config.REFRESH_TOKEN_TTL_SECONDS * 1000)
          : new SqliteSettingsRepository(storage),
    },
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
