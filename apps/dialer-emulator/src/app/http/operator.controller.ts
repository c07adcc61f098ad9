import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Res } from '@nestjs/common';
import { NeoApiError } from '@puente/neoapi';
import type { Response } from 'express';
import { z } from 'zod';
import { audioMatrix } from '../engine/audio';
import type { DialerEngine } from '../engine/dialer-engine';
import { snapshot } from '../engine/snapshot';
import { RatesSchema } from '../sim/customer-model';
import { DEMO_PASSWORD } from '../store/demo-data';
import { sendNeoError } from './neoapi.controller';
import { DIALER_ENGINE, DIALER_RUNTIME, type DialerRuntimeInfo } from './tokens';

const InboundSchema = z
  .object({
    number: z.string().max(64),
    queueId: z.string().max(64).optional(),
    data: z.string().max(100).optional(),
  })
  .strict();
const AdvanceSchema = z
  .object({
    seconds: z
      .number()
      .positive()
      .max(7 * 86_400),
  })
  .strict();
const BenchSchema = z.object({ count: z.number().int().min(1).max(5000) }).strict();
const CampaignSchema = z
  .object({ active: z.boolean().optional(), maxAbandonRate: z.number().min(0).max(1).optional() })
  .strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new NeoApiError('VALIDATION_FAILED', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  return result.data;
}

/**
 * The operator's side of the emulator, for demos, tests and the CLI
 * (`npm run dialer`): watch (GET /state), place inbound calls, set the
 * customers' behaviour, make a customer answer or hang up, move virtual time.
 * Not part of the NeoApi contract: a real dialer has its own console.
 */
@Controller()
export class OperatorController {
  constructor(
    @Inject(DIALER_ENGINE) private readonly engine: DialerEngine,
    @Inject(DIALER_RUNTIME) private readonly runtime: DialerRuntimeInfo,
  ) {}

  @Get('state')
  state() {
    return this.engine.exclusive(() => ({ ...snapshot(this.engine), runtime: this.runtime }));
  }

  @Get('demo')
  demo() {
    const w = this.engine.world;
    const campaigns = [...w.campaigns.values()].map((c) => `${c.id} ${c.name} (${c.dialerMode})`).join(', ');
    return {
      title: 'Dialer emulator (NeoApi)',
      lines: [
        `Agents agent01…agent20 on devices 1001…1020, password "${DEMO_PASSWORD}"`,
        `Supervisors super01, super02 (devices 1021, 1022); admin (1023); same password`,
        `Campaigns: ${campaigns}`,
        `Queues: ${[...w.queues.values()].map((q) => `${q.id} ${q.name}`).join(', ')}`,
        `Place a call: npm run dialer -- inbound +541155551234`,
        ...(this.runtime.contactDbUrl ? [`Contact-center DB: ${this.runtime.contactDbUrl}`] : []),
      ],
    };
  }

  @Get('recordings/:callId')
  recording(@Param('callId') callId: string) {
    return { callId, note: 'The emulator records no audio; this link stands where a recording would be.' };
  }

  @Post('operator/inbound')
  async inbound(@Body() body: unknown, @Res() res: Response) {
    await this.reply(res, 201, async () => {
      const call = await this.engine.placeInbound(parse(InboundSchema, body));
      return {
        callId: call.id,
        number: call.number,
        queueId: call.queueId,
        clavesf: call.clavesf,
        contactId: call.contact?.id ?? null,
        // D4: set when the IVR refused a blacklisted caller (reject, busy or announcement).
        refused: call.refusal,
        ownerHold: call.ownerHold?.userId ?? null,
      };
    });
  }

  @Get('operator/rates')
  rates() {
    return this.engine.world.rates;
  }

  @Put('operator/rates')
  async setRates(@Body() body: unknown, @Res() res: Response) {
    await this.reply(res, 200, () => this.engine.setRates(parse(RatesSchema.partial(), body)));
  }

  @Post('operator/calls/:callId/:action')
  async callAction(@Param('callId') callId: string, @Param('action') action: string, @Res() res: Response) {
    await this.reply(res, 200, async () => {
      if (action === 'hangup') await this.engine.customerHangup(callId);
      else if (action === 'answer' || action === 'busy' || action === 'no_answer')
        await this.engine.customerOutcome(callId, action);
      else
        throw new NeoApiError('NOT_FOUND', `no operator action ${action} (answer, busy, no_answer, hangup)`);
      return { callId, action };
    });
  }

  @Get('operator/calls/:callId/audio')
  async audio(@Param('callId') callId: string, @Res() res: Response) {
    await this.reply(res, 200, () =>
      this.engine.exclusive(() => {
        const call = this.engine.world.calls.get(callId);
        if (!call) throw new NeoApiError('NOT_FOUND', `no call ${callId}`);
        return audioMatrix(this.engine.world, call);
      }),
    );
  }

  @Post('operator/clock/advance')
  @HttpCode(200)
  async advance(@Body() body: unknown, @Res() res: Response) {
    await this.reply(res, 200, async () => {
      const { seconds } = parse(AdvanceSchema, body);
      await this.engine.advance(seconds * 1000);
      return { at: this.engine.world.clock.iso() };
    });
  }

  @Post('operator/bench/users')
  async bench(@Body() body: unknown, @Res() res: Response) {
    await this.reply(res, 201, async () => {
      const users = await this.engine.addBenchUsers(parse(BenchSchema, body).count);
      return { password: DEMO_PASSWORD, users };
    });
  }

  @Put('operator/campaigns/:campaignId')
  async campaign(@Param('campaignId') campaignId: string, @Body() body: unknown, @Res() res: Response) {
    await this.reply(res, 200, async () => {
      const c = await this.engine.setCampaign(campaignId, parse(CampaignSchema, body));
      return { id: c.id, active: c.active, maxAbandonRate: c.maxAbandonRate };
    });
  }

  private async reply(res: Response, status: number, work: () => Promise<unknown> | unknown): Promise<void> {
    try {
      res.status(status).json(await work());
    } catch (error) {
      sendNeoError(res, error);
    }
  }
}
