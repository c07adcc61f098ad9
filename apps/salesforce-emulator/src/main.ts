import 'reflect-metadata';
import { createLogger, runService, startNestService } from '@puente/server-kit';
import { AppModule } from './app/app.module';
import { configureSalesforceEmulator } from './app/configure-app';
import { loadSalesforceEmulatorConfig } from './app/salesforce-emulator.config';

runService('salesforce-emulator', async () => {
  const config = loadSalesforceEmulatorConfig();
  const logger = createLogger('salesforce-emulator', config.LOG_LEVEL, config.LOG_FORMAT);
  await startNestService({
    service: 'salesforce-emulator',
    module: AppModule,
    logger,
    host: config.SALESFORCE_EMULATOR_HOST,
    port: config.SALESFORCE_EMULATOR_PORT,
    portVariable: 'SALESFORCE_EMULATOR_PORT',
    corsOrigins: ['*'],
    configure: configureSalesforceEmulator,
  });
});
