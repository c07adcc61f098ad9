import 'reflect-metadata';
import { createLogger, runService, startNestService } from '@puente/server-kit';
import { AppModule } from './app/app.module';
import { loadGatewayConfig } from './app/config/gateway.config';
import { GATEWAY_NEST_OPTIONS, gatewayHttpOptions } from './app/http/gateway-http';
import { setupOpenApi } from './app/openapi';
import { PuenteIoAdapter } from './app/realtime/puente-io.adapter';

runService('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL, config.LOG_FORMAT);
  const http = gatewayHttpOptions(config.CORS_ORIGINS);
  await startNestService({
    service: 'gateway',
    module: AppModule.forRoot(config),
    logger,
    host: config.GATEWAY_HOST,
    port: config.GATEWAY_PORT,
    portVariable: 'GATEWAY_PORT',
    nestOptions: GATEWAY_NEST_OPTIONS,
    ...http,
    configure: (app) => {
      app.useWebSocketAdapter(new PuenteIoAdapter(app, config.CORS_ORIGINS));
      http.configure?.(app);
      setupOpenApi(app, config);
    },
  });
});
