import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { type ClientErrorAnswer, hardenHttpServer } from './http-hardening';
import { PinoNestLogger } from './logger';
import { listen, type ListenTarget } from './run-service';

/** How a service's HTTP side is set up: the same in production and in its tests. */
export interface NestServiceHttpOptions {
  /** Origins allowed to call the service from a browser; `*` for any. */
  corsOrigins: readonly string[];
  /** Middleware and adapters of the service, registered before Nest adds its routes. */
  configure?: (app: INestApplication) => void | Promise<void>;
  /** The service's error shape for requests Node's parser refuses. */
  clientErrorAnswer?: ClientErrorAnswer;
}

export interface CreateAppOptions extends ListenTarget, NestServiceHttpOptions {
  module: unknown;
  logger: Logger;
  /** Creation options beyond the logger, e.g. `bodyParser: false` for a service that registers its own. */
  nestOptions?: NestApplicationOptions;
}

/**
 * Everything between creating a Nest app and listening: headers, CORS, the
 * service's own middleware, initialisation, and the server-level hardening
 * (security headers on every answer, malformed requests answered with a
 * 4xx). Test harnesses call it on the apps they create, so what they test
 * is what runs.
 */
export async function prepareNestService(
  app: INestApplication,
  options: NestServiceHttpOptions,
): Promise<void> {
  const express = app as NestExpressApplication;
  // API answers change with every call: an ETag is a hash of each body for nothing. The
  // framework's name is of use only to someone probing for its weaknesses.
  express.set('etag', false);
  express.disable('x-powered-by');
  app.enableCors({
    origin: options.corsOrigins.includes('*') ? true : [...options.corsOrigins],
    credentials: true,
  });
  await options.configure?.(app);
  await app.init();
  hardenHttpServer(app.getHttpServer(), { clientErrorAnswer: options.clientErrorAnswer });
}

/** Creates, configures and starts a Nest HTTP service the way every Puente service starts. */
export async function startNestService(options: CreateAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(options.module as never, {
    ...options.nestOptions,
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  await prepareNestService(app, options);
  await listen(app, options);
  options.logger.info(
    { context: 'Bootstrap', url: `http://${options.host}:${options.port}` },
    `${options.service} listening on http://${options.host}:${options.port}`,
  );
  return app;
}
