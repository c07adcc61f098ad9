import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ApiErrorBody, IDEMPOTENCY_HEADER, IdempotencyKeySchema } from '@puente/contracts';
import {
  fingerprintOf,
  IdempotencyKeyReused,
  type IdempotentAnswer,
  IdempotentRuns,
} from '@puente/server-kit';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { ApiError } from '../http/api-error';
import { requestContext } from '../http/request-context';
import { IdempotencyRepository } from './idempotency.repository';

const IDEMPOTENT = 'puente:idempotent';

/** The command acts on the world (dials, transfers…): it must carry an Idempotency-Key. */
export const Idempotent = () => SetMetadata(IDEMPOTENT, true);

/**
 * Answers that are not the command's outcome, so a retry with the key must
 * ask again rather than replay them: 503 (a dependency was unavailable: the
 * command did not happen) and 504 (DIALER_OUTCOME_UNKNOWN: it left and no
 * answer came; the retry carries the same key to the dialer, which acts at
 * most once and answers what it did).
 */
const NOT_FINAL = new Set([503, 504]);

type Outcome = IdempotentAnswer;

/**
 * DESIGN principle 3: a retried command never acts twice. The first request
 * with a key runs; concurrent duplicates wait for it; later duplicates get
 * the remembered answer (marked `Idempotent-Replayed: true`). Refusals are
 * remembered too, except "unavailable" (changed nothing) and "outcome
 * unknown" (the dialer decides on the retry, by the same key). The same key
 * with a different request is refused.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly runs: IdempotentRuns;

  constructor(
    private readonly reflector: Reflector,
    store: IdempotencyRepository,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.runs = new IdempotentRuns(store, {
      final: (outcome) => !NOT_FINAL.has(outcome.status),
      ttlMs: config.IDEMPOTENCY_TTL_SECONDS * 1000,
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request & AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    return from(this.handle(req, res, next));
  }

  private async handle(
    req: Request & AuthenticatedRequest,
    res: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const parsed = IdempotencyKeySchema.safeParse(req.header(IDEMPOTENCY_HEADER));
    if (!parsed.success) {
      throw new ApiError(
        'VALIDATION_FAILED',
        req.header(IDEMPOTENCY_HEADER)
          ? parsed.error.issues[0].message
          : `${IDEMPOTENCY_HEADER} header is required on commands (a fresh random value per action).`,
      );
    }
    const key = parsed.data;
    const scope = req.session.agentId;
    const fingerprint = fingerprintOf(`${req.method} ${req.baseUrl}${req.path}`, req.body);
    try {
      const { answer, replayed } = await this.runs.run(scope, key, fingerprint, () => {
        const context = requestContext.getStore();
        if (context) context.idempotencyKey = `${scope}:${key}`;
        return this.execute(next, res);
      });
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      return this.replay(answer, res);
    } catch (error) {
      if (!(error instanceof IdempotencyKeyReused)) throw error;
      throw new ApiError(
        'IDEMPOTENCY_KEY_REUSED',
        `This ${IDEMPOTENCY_HEADER} was already used for a different request.`,
      );
    }
  }

  private async execute(next: CallHandler, res: Response): Promise<Outcome> {
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      return { status: res.statusCode, body };
    } catch (error) {
      // Only the gateway's own refusals are worth remembering; anything else is rethrown as is.
      if (error instanceof ApiError) return { status: error.getStatus(), body: error.getResponse() };
      throw error;
    }
  }

  private replay(outcome: Outcome, res: Response): unknown {
    if (outcome.status >= 400) {
      const body = outcome.body as ApiErrorBody;
      throw new ApiError(body.code, body.message, body.details);
    }
    res.status(outcome.status);
    return outcome.body;
  }
}
