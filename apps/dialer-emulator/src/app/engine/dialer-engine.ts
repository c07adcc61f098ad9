import { NeoApiError } from '@puente/neoapi';
import { VirtualClock } from '../sim/clock';
import { type Rates, RatesSchema } from '../sim/customer-model';
import type { DialerStore } from '../store/dialer-store';
import { hashPassword } from '@puente/contact-center-db';
import { CallFlow } from './call-flow';
import { Inbound, type InboundCallInput } from './inbound';
import { type IvrPort, RepositoryIvr } from './ivr';
import { NeoApiService } from './neoapi-service';
import { Router } from './router';
import { World } from './world';

export interface EngineOptions {
  store: DialerStore;
  seed: number;
  rates?: Partial<Rates>;
  /** Virtual time at start (default: now). */
  startMs?: number;
  publicUrl?: string;
  /** The IVR's database step; default: straight into the store. */
  ivr?: IvrPort;
  onError?: (error: unknown, context: string) => void;
}

/**
 * The dialer: world + call flow + router + IVR + the webservice's methods,
 * behind one lock. Every HTTP command, operator action and clock advance runs
 * through `exclusive`, one at a time, so state is never seen half-changed and
 * a seeded run is reproducible.
 */
export class DialerEngine {
  readonly world: World;
  readonly flow: CallFlow;
  readonly router: Router;
  readonly inbound: Inbound;
  readonly service: NeoApiService;
  private chain: Promise<unknown> = Promise.resolve();
  private realtime: NodeJS.Timeout | null = null;

  private constructor(options: EngineOptions) {
    const clock = new VirtualClock(options.startMs ?? Date.now());
    const onError = options.onError ?? (() => undefined);
    this.world = new World({
      clock,
      store: options.store,
      seed: options.seed,
      rates: options.rates,
      publicUrl: options.publicUrl ?? 'http://127.0.0.1:7001',
    });
    this.flow = new CallFlow(this.world);
    this.router = new Router(this.world, this.flow);
    this.inbound = new Inbound(this.world, this.flow, options.ivr ?? new RepositoryIvr(options.store), (e) =>
      onError(e, 'ivr'),
    );
    this.service = new NeoApiService({
      world: this.world,
      flow: this.flow,
      router: this.router,
      inbound: this.inbound,
    });
  }

  static async create(options: EngineOptions): Promise<DialerEngine> {
    const engine = new DialerEngine(options);
    await engine.world.load();
    engine.router.start();
    engine.inbound.restartArrivals();
    return engine;
  }

  /** Runs `fn` alone: after every earlier command and clock step, before every later one. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.chain.then(async () => {
      try {
        return await fn();
      } finally {
        this.router.match();
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Moves virtual time forward, firing everything due on the way. */
  advance(ms: number): Promise<void> {
    return this.exclusive(() => this.world.clock.advance(ms));
  }

  /**
   * Lets virtual time follow the wall clock at `speed` times real time (1 for
   * demos; 60 turns an hour into a minute). Without it time moves only when
   * advanced (tests, `simulate`).
   */
  startRealtime(speed: number, stepMs = 100): void {
    this.stopRealtime();
    if (speed <= 0) return;
    let last = Date.now();
    this.realtime = setInterval(() => {
      const now = Date.now();
      const delta = (now - last) * speed;
      last = now;
      void this.advance(delta).catch(() => undefined);
    }, stepMs);
    this.realtime.unref();
  }

  stopRealtime(): void {
    if (this.realtime) clearInterval(this.realtime);
    this.realtime = null;
  }

  async stop(): Promise<void> {
    this.stopRealtime();
    await this.exclusive(() => {
      this.router.stop();
      this.inbound.stop();
    });
  }

  // --- operator actions (docs/dialer-emulator.md) ------------------------------

  placeInbound(input: InboundCallInput) {
    return this.exclusive(() => this.inbound.arrive(input));
  }

  setRates(change: Partial<Rates>): Promise<Rates> {
    return this.exclusive(() => {
      const next = RatesSchema.safeParse({ ...this.world.rates, ...change });
      if (!next.success)
        throw new NeoApiError(
          'VALIDATION_FAILED',
          `${next.error.issues[0]?.path.join('.')}: ${next.error.issues[0]?.message}`,
        );
      this.world.rates = next.data;
      this.inbound.restartArrivals();
      return next.data;
    });
  }

  /** The customer of a ringing call answers now, or the line turns out busy / unanswered. */
  customerOutcome(callId: string, outcome: 'answer' | 'busy' | 'no_answer'): Promise<void> {
    return this.exclusive(() => {
      const call = this.world.calls.get(callId);
      if (!call) throw new NeoApiError('NOT_FOUND', `no call ${callId}`);
      if (!this.flow.forceOutcome(call, outcome))
        throw new NeoApiError('INVALID_STATE', `call ${callId} is not ringing an outside number`);
    });
  }

  /** The customer hangs up now. */
  customerHangup(callId: string): Promise<void> {
    return this.exclusive(async () => {
      const call = this.world.calls.get(callId);
      if (!call || call.parentCallId) throw new NeoApiError('NOT_FOUND', `no customer call ${callId}`);
      await this.flow.end(call, call.answeredAt === null ? 'abandoned' : 'customer_hangup');
    });
  }

  /** Extra users bench0001… (password "puente") with devices 90001…, in every campaign and queue 1. */
  async addBenchUsers(count: number, password = 'puente') {
    const hash = await hashPassword(password);
    return this.exclusive(() => {
      const w = this.world;
      const existing = [...w.agents.values()].filter((a) => a.user.login.startsWith('bench')).length;
      const created: { user: string; device: string; agentId: string }[] = [];
      for (let i = existing + 1; i <= existing + count; i++) {
        const n = String(i).padStart(4, '0');
        const id = `b${n}`;
        const device = `9${n}`;
        w.directory.devices.push(device);
        w.addUser({
          id,
          login: `bench${n}`,
          displayName: `Bench ${n}`,
          email: `bench${n}@puente.example`,
          passwordHash: hash,
          roles: ['agent'],
          defaultDevice: device,
          active: true,
          campaignIds: [...w.campaigns.keys()],
          queueIds: [...w.queues.keys()].slice(0, 1),
        });
        for (const c of w.campaigns.values()) c.userIds.push(id);
        created.push({ user: `bench${n}`, device, agentId: id });
      }
      return created;
    });
  }

  setCampaign(campaignId: string, change: { active?: boolean; maxAbandonRate?: number }) {
    return this.exclusive(async () => {
      const campaign = this.world.campaign(campaignId);
      await this.world.store.campaignUpdate(campaignId, change.active ?? null, change.maxAbandonRate ?? null);
      if (change.active !== undefined) campaign.active = change.active;
      if (change.maxAbandonRate !== undefined) campaign.maxAbandonRate = change.maxAbandonRate;
      return campaign;
    });
  }
}
