import { Controller, type DynamicModule, Get, Module } from '@nestjs/common';
import { PUENTE_VERSION, type ServiceHealth } from '@puente/contracts';
import { uptimeSeconds } from './run-service';

/** GET /health for a service with no upstreams of its own (the emulators). */
@Module({})
export class ServiceHealthModule {
  static forService(service: string): DynamicModule {
    @Controller('health')
    class ServiceHealthController {
      @Get()
      health(): ServiceHealth {
        return { status: 'ok', service, version: PUENTE_VERSION, uptimeSeconds: uptimeSeconds() };
      }
    }
    return { module: ServiceHealthModule, controllers: [ServiceHealthController] };
  }
}
