import { All, Controller, Get, Inject, type OnModuleDestroy, Param, Req, Res } from '@nestjs/common';
import {
  formatSse,
  NEOAPI_BASE_PATH,
  NEOAPI_EVENTS_PATH,
  NeoApiError,
  type NeoEvent,
  type NeoMethodName,
} from '@puente/neoapi';
import {
  fingerprintOf,
  IdempotencyKeyReused,
  type IdempotentAnswer,
  IdempotentRuns,
  MemoryIdempotencyRecords,
} from '@puente/server-kit';
import type { Request, Response } from 'express';
import type { DialerEngine } from '../engine/dialer-engine';
import { DIALER_ENGINE } from './tokens';

const KEEP_ALIVE_MS = 15_000;

function bearer(req: Request): string | null {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

export function sendNeoError(res: Response, error: unknown): void {
  const neo =
    error instanceof NeoApiError
      ? error
      : new NeoApiError('INTERNAL', String((error as Error)?.message ?? error));
  res.status(neo.status).json(neo.toBody());
}

/**
 * The NeoApi wire (docs/neoapi.md): POST /neoapi/v1/{Method} with a JSON
 * body, answered `{ok:true,data}` or `{ok:false,error}` with the status of
 * NEO_ERROR_STATUS; and each agent's push stream as server-sent events.
 */
@Controller()
export class NeoApiController implements OnModuleDestroy {
  /** Idempotency-Key (docs/neoapi.md): kept for a day, scoped by caller and method. */
  private readonly idempotency = new IdempotentRuns(new MemoryIdempotencyRecords());
  /** Open push streams: ended at shutdown, or the server would wait for clients to leave. */
  private readonly streams = new Set<Response>();

  onModuleDestroy(): void {
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  constructor(@Inject(DIALER_ENGINE) private readonly engine: DialerEngine) {}

  @Get(NEOAPI_EVENTS_PATH.slice(1))
  async events(@Req() req: Request, @Res() res: Response): Promise<void> {
    const agent = this.engine.service.agentByToken(bearer(req));
    if (!agent) return sendNeoError(res, new NeoApiError('NOT_LOGGED_IN', 'log in first'));
    const after = Number(req.query['after'] ?? 0);
    if (!Number.isInteger(after) || after < 0)
      return sendNeoError(res, new NeoApiError('VALIDATION_FAILED', 'after must be a whole number'));
    const epoch = req.query['epoch'];
    if (epoch !== undefined && (typeof epoch !== 'string' || epoch.length > 100))
      return sendNeoError(res, new NeoApiError('VALIDATION_FAILED', 'epoch must be one short text'));
    // `after` counts in another run of this dialer (it restarted): its seqs mean nothing here.
    const otherEpoch = epoch !== undefined && epoch !== this.engine.world.epoch;
    const agentId = agent.user.id;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    this.streams.add(res);
    const write = (event: NeoEvent) =>
      res.write(formatSse({ id: event.seq, event: event.type, data: JSON.stringify(event) }));
    // A session that ends (Logout, replaced) closes its stream after the LoggedOut event.
    const live = (event: NeoEvent) => {
      write(event);
      if (event.type === 'LoggedOut') setImmediate(() => res.end());
    };
    // Replay and subscribe under the lock: no event can slip between the two.
    const unsubscribe = await this.engine.exclusive(() => {
      const { events, complete } = this.engine.world.events.since(agentId, after);
      if (complete && !otherEpoch) events.forEach(write);
      else {
        const position = this.engine.world.position(agent);
        write({
          seq: position.seq,
          agentId,
          at: this.engine.world.clock.iso(),
          type: 'Resync',
          data: { position },
        });
      }
      return this.engine.world.events.openStream(agentId, live);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    res.on('close', () => {
      this.streams.delete(res);
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  @All(`${NEOAPI_BASE_PATH.slice(1)}/:method`)
  async method(@Param('method') method: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (req.method !== 'POST')
      return sendNeoError(res, new NeoApiError('UNKNOWN_METHOD', `use POST ${NEOAPI_BASE_PATH}/${method}`));
    const token = bearer(req);
    const act = async (): Promise<IdempotentAnswer> => {
      try {
        const data = await this.engine.service.call(method as NeoMethodName, req.body, token, (fn) =>
          this.engine.exclusive(fn),
        );
        return { status: 200, body: { ok: true, data } };
      } catch (error) {
        const neo =
          error instanceof NeoApiError
            ? error
            : new NeoApiError('INTERNAL', String((error as Error)?.message ?? error));
        return { status: neo.status, body: neo.toBody() };
      }
    };
    const key = req.headers['idempotency-key'];
    try {
      const answer =
        typeof key === 'string' && key.length > 0
          ? (
              await this.idempotency.run(
                `${token ?? 'anonymous'}:${method}`,
                key,
                fingerprintOf(req.body),
                act,
              )
            ).answer
          : await act();
      res.status(answer.status).json(answer.body);
    } catch (error) {
      sendNeoError(
        res,
        error instanceof IdempotencyKeyReused
          ? new NeoApiError('CONFLICT', 'this Idempotency-Key was already used with a different request')
          : error,
      );
    }
  }
}
