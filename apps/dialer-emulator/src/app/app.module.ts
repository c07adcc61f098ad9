import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServiceHealthModule } from '@puente/server-kit';
import type { DialerEngine } from './engine/dialer-engine';
import { NeoApiController } from './http/neoapi.controller';
import { NeoApiExceptionFilter } from './http/neoapi-exception.filter';
import { OperatorController } from './http/operator.controller';
import { DIALER_ENGINE, DIALER_RUNTIME, type DialerRuntimeInfo } from './http/tokens';

/** Stops the dialer's clock and closes the database when Nest shuts down (SIGTERM from the stack). */
@Injectable()
class EngineLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DIALER_ENGINE) private readonly engine: DialerEngine,
    @Inject(DIALER_RUNTIME) private readonly runtime: DialerRuntimeInfo,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.runtime.close?.();
  }
}

/** The emulator's HTTP face around one running DialerEngine. */
@Module({})
export class AppModule {
  static forEngine(engine: DialerEngine, runtime: DialerRuntimeInfo): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceHealthModule.forService('dialer-emulator')],
      controllers: [NeoApiController, OperatorController],
      providers: [
        { provide: DIALER_ENGINE, useValue: engine },
        { provide: DIALER_RUNTIME, useValue: runtime },
        { provide: APP_FILTER, useClass: NeoApiExceptionFilter },
        EngineLifecycle,
      ],
    };
  }
}
