import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IVR_LIMITS, IvrContactRequestSchema } from '@puente/contracts';
import { ApiError } from '../http/api-error';
import { errorResponse } from '../http/error-response';
import { requestContext } from '../http/request-context';
import { logAnswered, requestIdOf } from '../http/request-log';
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
    const requestId = requestIdOf(req.headers);
    res.setHeader('x-request-id', requestId);
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
        .then(({ status, body }) => send(res, status, body));
    });
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const raw = await readBody(req, IVR_LIMITS.bodyBytes);
    const keyId = this.auth.authenticate({
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
 * The body's exact bytes (the signature covers them), refused past `limit`
 * without reading the rest: the connection is closed after the answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      req.removeAllListeners('data');
      req.pause();
      reject(new ApiError('PAYLOAD_TOO_LARGE', `The body may be at most ${limit} bytes.`));
    };
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge();
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function parseJson(req: IncomingMessage, raw: Buffer): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json')
    throw new ApiError('VALIDATION_FAILED', 'The body must be JSON (Content-Type: application/json).');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ApiError('VALIDATION_FAILED', 'The request body is not valid JSON.');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  // A refused body may still be arriving: end the connection rather than read it.
  if (status === 413) res.setHeader('connection', 'close');
  res.end(json);
}
