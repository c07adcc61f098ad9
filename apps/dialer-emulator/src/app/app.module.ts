import { Module } from '@nestjs/common';
import { ServiceHealthModule } from '@puente/server-kit';

@Module({
  imports: [ServiceHealthModule.forService('dialer-emulator')],
})
export class AppModule {}
