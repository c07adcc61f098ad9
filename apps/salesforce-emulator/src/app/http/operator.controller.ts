import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import type { FaultSettings } from '../faults/fault-injector';
import type { ApiEvent } from '../monitoring/api-events';
import { SalesforceOrg } from '../org/salesforce-org';
import { sendJson } from './send';

const rate = z.number().min(0).max(1);
const count = z.number().int().min(0);

/** A change to the fault settings: any subset of them, checked strictly so typos fail loudly. */
export const FaultChangeSchema = z
  .object({
    latencyMs: count.max(60_000),
    errorRate: rate,
    failNextCalls: count,
    unauthorizedRate: rate,
    unauthorizedNextCalls: count,
    requestLimitExceeded: z.boolean(),
    requestLimitAfterCalls: count.nullable(),
    soslLagMs: count,
  })
  .partial()
  .strict();

/**
 * /__emulator: the operator's handle on the org for reliability tests and
 * demos — fault injection, forced session expiry and a reset. Not part of
 * Salesforce's API (hence the prefix no Salesforce URL uses); it needs no
 * session, so bind the emulator to a private interface.
 */
@Controller('__emulator')
export class OperatorController {
  constructor(@Inject(SalesforceOrg) private readonly org: SalesforceOrg) {}

  @Get()
  status() {
    return {
      orgId: this.org.orgId,
      records: this.org.recordCounts(),
      activeSessions: this.org.sessions.activeSessions,
      apiUsage: { used: this.org.usage.used, max: this.org.usage.max },
      faults: this.org.faults.settings,
      dataDir: this.org.persistence?.dir ?? null,
    };
  }

  /**
   * The API event log (read-only): every data API call since `after` (a
   * `last` seen before), with its user, URI, SOQL/SOSL text and the objects
   * it named — what an org's Event Monitoring would show.
   */
  @Get('api-events')
  apiEvents(@Query('after') after: string | undefined, @Res() res: Response): void {
    const from = after === undefined ? 0 : Number(after);
    if (!Number.isInteger(from) || from < 0) {
      sendJson(res, 400, { error: 'after must be a whole number (the last seq seen)' });
      return;
    }
    const events: ApiEvent[] = this.org.apiEvents.after(from);
    sendJson(res, 200, { last: this.org.apiEvents.last, events });
  }

  @Get('faults')
  faults(): FaultSettings {
    return this.org.faults.settings;
  }

  @Put('faults')
  replaceFaults(@Body() body: unknown, @Res() res: Response): void {
    this.org.faults.reset();
    this.changeFaults(body, res);
  }

  @Patch('faults')
  patchFaults(@Body() body: unknown, @Res() res: Response): void {
    this.changeFaults(body, res);
  }

  /** Back to the settings the service started with (its environment). */
  @Delete('faults')
  resetFaults(): FaultSettings {
    return this.org.faults.reset();
  }

  /** Ends every access token now; refresh tokens stay valid, so clients must refresh (a forced 401). */
  @Post('sessions/expire')
  @HttpCode(200)
  expireSessions(): { expired: number } {
    return { expired: this.org.sessions.expireAll() };
  }

  /** Wipes the org and seeds it again from the configured seed. */
  @Post('reset')
  @HttpCode(200)
  async reset() {
    return { seeded: await this.org.reset() };
  }

  private changeFaults(body: unknown, res: Response): void {
    const parsed = FaultChangeSchema.safeParse(body ?? {});
    if (!parsed.success) {
      sendJson(res, 400, {
        error: 'invalid fault settings',
        issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
      });
      return;
    }
    sendJson(res, 200, this.org.faults.update(parsed.data));
  }
}
