import { randomUUID } from 'node:crypto';
import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import type { ApiErrorBody } from '@puente/contracts';
import type { ClientErrorAnswer, NestServiceHttpOptions } from '@puente/server-kit';
import { json, type NextFunction, type Request, type Response } from 'express';
import { asBodyRefusal, unreadableBody } from './body-refusal';
import { requestIdFor } from './request-log';

/** The largest JSON body the REST API reads (the IVR route has its own, smaller limit). */
export const JSON_BODY_LIMIT_BYTES = 100 * 1024;

/** The gateway registers its one body parser itself: none of Nest's (no urlencoded, no raw). */
export const GATEWAY_NEST_OPTIONS: NestApplicationOptions = { bodyParser: false };

/**
 * The gateway's HTTP pipeline before Nest's routes, the same in `main.ts` and
 * in the test harness (issue 14 §4, §6, §8):
 *
 * 1. every request gets its id first, so even an error raised before any
 *    route (a malformed path, a refused body) answers with it;
 * 2. bodies are JSON only: a form, text or multipart body, which a browser
 *    may send cross-site without a CORS preflight, is refused with 415
 *    before any handler, so login CSRF has nothing to post;
 * 3. the JSON parser takes UTF-8, uncompressed, up to JSON_BODY_LIMIT_BYTES
 *    (a larger declared length is refused before reading); what it refuses
 *    answers 400 / 413 / 415 in the stable error shape, logged once at WARN
 *    (a client's mistake, not the gateway's).
 */
export function configureGatewayHttp(app: INestApplication): void {
  const parseJson = json({ limit: JSON_BODY_LIMIT_BYTES, inflate: false, strict: true });
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    requestIdFor(req, res);
    next();
  });
  app.use((req: Request, _res: Response, next: NextFunction) =>
    next(unreadableBody(req, JSON_BODY_LIMIT_BYTES)),
  );
  app.use((req: Request, res: Response, next: NextFunction) =>
    parseJson(req, res, (error?: unknown) =>
      next(error === undefined ? undefined : asBodyRefusal(req, error, JSON_BODY_LIMIT_BYTES)),
    ),
  );
}

/** Everything a gateway app is started with, for `startNestService` and the harness alike. */
export function gatewayHttpOptions(corsOrigins: readonly string[]): NestServiceHttpOptions {
  return { corsOrigins, configure: configureGatewayHttp, clientErrorAnswer: malformedRequestAnswer };
}

const MALFORMED: Record<number, string> = {
  408: 'The request took too long to arrive.',
  431: 'The request headers are too large.',
};

/** A request Node could not parse still gets the stable error shape and a request id. */
const malformedRequestAnswer: ClientErrorAnswer = (status) => {
  const requestId = randomUUID();
  const body: ApiErrorBody & { requestId: string } = {
    code: 'VALIDATION_FAILED',
    message: MALFORMED[status] ?? 'The request is not valid HTTP.',
    requestId,
  };
  return {
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(body),
    headers: { 'X-Request-Id': requestId },
  };
};
