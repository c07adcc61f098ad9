import { Module } from '@nestjs/common';
import { ServiceHealthModule } from '@puente/server-kit';
import { ApiVersionsController } from './rest/api-versions.controller';

@Module({
  imports: [ServiceHealthModule.forService('salesforce-emulator')],
  controllers: [ApiVersionsController],
})
export class AppModule {}
