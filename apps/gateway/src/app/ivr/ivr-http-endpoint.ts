import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IVR_LIMITS, IvrContactRequestSchema } from '@puente/contracts';
import { ApiError } from '../http/api-error';
import { refuseBody, unreadableBody } from '../http/body-refusal';
import { errorResponse } from '../http/error-response';
import { requestContext } from '../http/request-context';
import { logAnswered, requestIdFor } from '../http/request-log';
import { ZodBody } from '../http/zod-body.pipe';
import { IvrAuthenticator } from './ivr-authenticator';
import { IvrContactsService } from './ivr-contacts.service';

export const IVR_CONTACTS_PATH = '/api/v1/ivr/contacts';

/**
 * `POST /api/v1/ivr/contacts` (SPEC D1, issue 6): the gateway's one
 * high-rate machine endpoint, served by a listener in front of Express and
 * Nest's per-request machinery (router, middleware chain, guards, pipes,
 * interceptors), which cost several times what the insert itself costs
 * (docs/performance.md). It keeps what that machinery gave the route: the
 * request id and its log line, the request context, the shared schema and
 * the error shape; every other request goes on to the framework untouched.
 */
@Injectable()
export class IvrHttpEndpoint implements OnApplicationBootstrap {
  private readonly http = new Logger('Http');
  private readonly api = new Logger('Api');
  private readonly body = new ZodBody(IvrContactRequestSchema);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: IvrAuthenticator,
    private readonly contacts: IvrContactsService,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'POST' && isIvrPath(req.url)) this.serve(req, res);
      else for (const listener of framework) listener.call(server, req, res);
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const startedAt = performance.now();
    const requestId = requestIdFor(req, res);
    res.on('finish', () =>
      logAnswered(this.http, {
        requestId,
        method: 'POST',
        url: req.url ?? '',
        status: res.statusCode,
        startedAt,
      }),
    );
    requestContext.run({ requestId }, () => {
      void this.answer(req)
        .catch((error: unknown) =>
          errorResponse(error, requestId, (err) =>
            this.api.error({ err, requestId, method: 'POST', url: req.url, msg: 'unhandled error' }),
          ),
        )
        .then(({ status, body }) => send(req, res, status, body));
    });
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    // The REST API's rule for bodies (JSON, UTF-8, uncompressed), checked before reading one.
    const unreadable = unreadableBody(req, IVR_LIMITS.bodyBytes);
    if (unreadable) throw unreadable;
    const raw = await readBody(req, IVR_LIMITS.bodyBytes);
    const keyId = await this.auth.authenticate({
      remoteAddress: req.socket.remoteAddress,
      headers: req.headers,
      body: raw,
    });
    const input = this.body.transform(parseJson(req, raw));
    const result = await this.contacts.insert(input, keyId);
    return { status: result.created ? 201 : 200, body: result };
  }
}

/** The route as Express would match it: any case, one trailing slash, any query. */
function isIvrPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0].toLowerCase();
  return path === IVR_CONTACTS_PATH || path === `${IVR_CONTACTS_PATH}/`;
}

/**
 * The body's exact bytes (the signature covers them), refused once past
 * `limit` without reading the rest (the connection is closed after the
 * answer; a larger declared length never gets here), and refused when the
 * client stops sending before its end.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const refuse = (refusal: () => ApiError) => {
      if (settled) return;
      settled = true;
      req.removeAllListeners('data');
      req.pause();
      reject(refusal());
    };
    const tooLarge = () =>
      refuse(() =>
        refuseBody(req, 'PAYLOAD_TOO_LARGE', 'entity.too.large', 'The request body is too large.', {
          limitBytes: limit,
        }),
      );
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    // An aborted body ends in 'error' (ECONNRESET) or only in 'close': either way it is incomplete.
    const cutShort = () =>
      refuse(() =>
        refuseBody(
          req,
          'VALIDATION_FAILED',
          'request.aborted',
          'The request body ended before it was complete.',
        ),
      );
    req.on('error', cutShort);
    req.on('close', () => {
      if (!req.complete) cutShort();
    });
  });
}

function parseJson(req: IncomingMessage, raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw refuseBody(req, 'VALIDATION_FAILED', 'entity.parse.failed', 'The request body is not valid JSON.');
  }
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  // A refused body may still be arriving: end the connection rather than read it.
  if (!req.complete) res.setHeader('connection', 'close');
  res.end(json);
}
