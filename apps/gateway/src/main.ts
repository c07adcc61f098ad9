import 'reflect-metadata';
import { createLogger, runService, startNestService } from '@puente/server-kit';
import { AppModule } from './app/app.module';
import { loadGatewayConfig } from './app/config/gateway.config';
import { setupOpenApi } from './app/openapi';
import { PuenteIoAdapter } from './app/realtime/puente-io.adapter';

runService('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL, config.LOG_FORMAT);
  await startNestService({
    service: 'gateway',
    module: AppModule.forRoot(config),
    logger,
    host: config.GATEWAY_HOST,
    port: config.GATEWAY_PORT,
    portVariable: 'GATEWAY_PORT',
    corsOrigins: config.CORS_ORIGINS,
    configure: (app) => {
      app.useWebSocketAdapter(new PuenteIoAdapter(app, config.CORS_ORIGINS));
      setupOpenApi(app, config);
    },
  });
});
