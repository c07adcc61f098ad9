import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServiceHealthModule } from '@puente/server-kit';
import { ConsoleModule } from './console/console.module';
import { DataApiController } from './http/data-api.controller';
import { DemoController } from './http/demo.controller';
import { IdentityController, OAuthController } from './http/oauth.controller';
import { OperatorController } from './http/operator.controller';
import { RefusedBodyFilter } from './http/refused-body.filter';
import { OrgModule } from './org/org.module';
import { ApiVersionsController } from './rest/api-versions.controller';

@Module({
  imports: [ServiceHealthModule.forService('salesforce-emulator'), OrgModule, ConsoleModule],
  // ApiVersionsController first: GET /services/data itself is public, the rest of /services/data needs a session.
  controllers: [
    ApiVersionsController,
    DataApiController,
    OAuthController,
    IdentityController,
    OperatorController,
    DemoController,
  ],
  providers: [{ provide: APP_FILTER, useClass: RefusedBodyFilter }],
})
export class AppModule {}
