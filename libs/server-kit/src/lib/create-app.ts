import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { PinoNestLogger } from './logger';
import { listen, type ListenTarget } from './run-service';

export interface CreateAppOptions extends ListenTarget {
  module: unknown;
  logger: Logger;
  /** Origins allowed to call the service from a browser; `*` for any. */
  corsOrigins: readonly string[];
  configure?: (app: INestApplication) => void | Promise<void>;
}

/** Creates, configures and starts a Nest HTTP service the way every Puente service starts. */
export async function startNestService(options: CreateAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(options.module as never, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
    // Signed machine requests (the IVR) are verified over the exact bytes received.
    rawBody: true,
  });
  app.enableShutdownHooks();
  // API answers change with every call: an ETag is a hash of each body for nothing. The
  // framework's name is of use only to someone probing for its weaknesses.
  app.set('etag', false);
  app.disable('x-powered-by');
  app.enableCors({
    origin: options.corsOrigins.includes('*') ? true : [...options.corsOrigins],
    credentials: true,
  });
  await options.configure?.(app);
  await listen(app, options);
  options.logger.info(
    { context: 'Bootstrap', url: `http://${options.host}:${options.port}` },
    `${options.service} listening on http://${options.host}:${options.port}`,
  );
  return app;
}
