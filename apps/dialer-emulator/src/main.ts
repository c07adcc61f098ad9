import 'reflect-metadata';
import { createLogger, runService, startNestService } from '@puente/server-kit';
import { AppModule } from './app/app.module';
import { loadDialerEmulatorConfig } from './app/dialer-emulator.config';

runService('dialer-emulator', async () => {
  const config = loadDialerEmulatorConfig();
  const logger = createLogger('dialer-emulator', config.LOG_LEVEL, config.LOG_FORMAT);
  await startNestService({
    service: 'dialer-emulator',
    module: AppModule,
    logger,
    host: config.DIALER_EMULATOR_HOST,
    port: config.DIALER_EMULATOR_PORT,
    portVariable: 'DIALER_EMULATOR_PORT',
    corsOrigins: ['*'],
  });
});
