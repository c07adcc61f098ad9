import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { CallCenterModule } from './call-center/call-center.module';
import { ClusterModule } from './cluster/cluster.module';
import { CommandsModule } from './commands/commands.module';
import { ContactDbModule } from './contact-db/contact-db.module';
import { CrmModule } from './crm/crm.module';
import { GatewayConfigModule } from './config/gateway-config.module';
import type { GatewayConfig } from './config/gateway.config';
import { HealthModule } from './health/health.module';
import { IvrModule } from './ivr/ivr.module';
import { InboundModule } from './inbound/inbound.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { RequestLoggerMiddleware } from './http/request-logger.middleware';
import { MetricsModule } from './metrics/metrics.module';
import { RealtimeModule } from './realtime/realtime.module';
import { StoreModule } from './store/store.module';
import { SupervisionModule } from './supervision/supervision.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.forRoot(config),
        ClusterModule,
        StoreModule,
        CallCenterModule,
        ContactDbModule,
        MetricsModule.forRoot(config),
        HealthModule,
        AuthModule,
        CommandsModule,
        CrmModule,
        IvrModule,
        InboundModule,
        RealtimeModule,
        SupervisionModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes('*path');
  }
}
