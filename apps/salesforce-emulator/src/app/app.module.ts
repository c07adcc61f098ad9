import { Module } from '@nestjs/common';
import { ServiceHealthModule } from '@puente/server-kit';
import { ConsoleModule } from './console/console.module';
import { DataApiController } from './http/data-api.controller';
import { DemoController } from './http/demo.controller';
import { IdentityController, OAuthController } from './http/oauth.controller';
import { OperatorController } from './http/operator.controller';
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
})
export class AppModule {}
