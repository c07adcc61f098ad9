import { NeoApiError } from '@puente/neoapi';
import { toE164 } from '@puente/phone';
import type { ClockTimer } from '../sim/clock';
import type { CallFlow } from './call-flow';
import type { StoredContact, StoredQueue } from '../store/dialer-store';
import type { IvrPort } from './ivr';
import type { CallRuntime } from './runtime';
import type { World } from './world';

/** How long the blacklist announcement plays before the IVR hangs up. */
const ANNOUNCEMENT_MS = 8000;

/** Agent states from which the owner will be free soon (a break or the CRM being busy are not). */
const WORKING = new Set(['available', 'reserved', 'talking', 'wrap_up']);

export interface InboundCallInput {
  /** The caller's number as the trunk gives it; "anonymous"/"private"/"" for a withheld one (D3). */
  number: string;
  queueId?: string;
  /** Digits the caller typed in the IVR (queues whose DATA is the caller's input, e.g. a DNI). */
  data?: string;
}

/**
 * Inbound traffic: the IVR finds or inserts the caller as a contact
 * (CONTACTO_INSERT_SALESFORCE, D1), then the call waits in its queue with
 * CLAVESF (D2) until an agent of the queue is free, or the caller gives up.
 * Spontaneous callers arrive as a Poisson stream at `rates.inboundPerHour`.
 */
export class Inbound {
  private arrivals: ClockTimer | null = null;
  /** Numbers that called before: a share of callers call again, as real ones do. */
  private readonly seen: string[] = [];
  failures = 0;

  constructor(
    private readonly world: World,
    private readonly flow: CallFlow,
    public ivr: IvrPort,
    private readonly onIvrError: (error: unknown) => void = () => undefined,
  ) {}

  async arrive(input: InboundCallInput): Promise<CallRuntime> {
    const w = this.world;
    const queue = w.queue(input.queueId ?? [...w.queues.keys()][0] ?? '');
    const anonymous = toE164(input.number) === null;
    if (
      anonymous &&
      !/^\s*(|anonymous|private|privado|unknown|restricted|withheld|an[oó]nimo|0+)\s*$/i.test(input.number)
    )
      throw new NeoApiError('INVALID_NUMBER', `"${input.number}" is not a phone number`);
    const ani = anonymous ? 'anonymous' : (toE164(input.number) as string);
    // D4: the IVR checks the blacklist before it touches the contact table.
    if (!anonymous && queue.blacklistTreatment !== 'allow' && (await w.store.blacklisted(ani)))
      return this.refuse(queue, ani);
    const data =
      queue.ivrData === 'ani'
        ? anonymous
          ? ''
          : ani
        : queue.ivrData === 'input'
          ? (input.data ?? '').trim()
          : '';
    let contact: StoredContact | null = null;
    let clavesf: string | null = null;
    let crmKey: string | null = null;
    try {
      const result = await this.ivr.insertContact({
        data,
        ani,
        databaseId: queue.databaseId,
        queueId: queue.id,
      });
      clavesf = result.clavesf;
      // D2: the panel searches by CLAVESF's data part; empty for "idContacto-",
      // so it runs no search and follows the no-match layout (C2).
      crmKey = result.data;
      contact = (await w.store.contactGet(result.contactId)) ?? {
        id: result.contactId,
        databaseId: queue.databaseId,
        crmId: queue.crmId,
        key: result.data,
        phone: anonymous ? '' : ani,
        phone2: '',
        fields: {},
      };
    } catch (error) {
      // The IVR's error branch: the caller still reaches an agent, without a contact.
      this.failures += 1;
      this.onIvrError(error);
    }
    const now = w.clock.now();
    const owner = contact?.ownerUserId ? w.agents.get(contact.ownerUserId) : undefined;
    // D4 owner routing: only an owner who is at work is worth waiting for.
    const ownerHold =
      queue.ownerRouting && owner && owner.token !== null && WORKING.has(owner.state)
        ? { userId: owner.user.id, until: now + queue.ownerWaitSeconds * 1000 }
        : null;
    const call = this.flow.create({
      direction: 'inbound',
      number: ani,
      queueId: queue.id,
      contact,
      clavesf,
      crmKey,
      callReason: 'Entrante',
      state: 'ringing',
      answeredAt: null,
      waitingSince: now,
      ownerHold,
    });
    const stats = w.queueStats.get(queue.id);
    if (stats) stats.offered += 1;
    // Timers of a queued call are cancelled when an agent's phone starts ringing (Router.match).
    if (ownerHold) this.flow.timer(call, queue.ownerWaitSeconds * 1000, () => undefined);
    const patienceMs = call.plan.patienceMs;
    const maxWaitMs = queue.maxWaitSeconds * 1000;
    this.flow.timer(call, Math.min(patienceMs, maxWaitMs), () =>
      call.agentId === null
        ? this.flow.end(call, patienceMs < maxWaitMs ? 'abandoned' : 'max_wait')
        : undefined,
    );
    w.onSettle();
    return call;
  }

  /**
   * D4: the queue's treatment of a blacklisted caller. The call is written to
   * the history (cause blacklist_<treatment>) but never queued, never inserted
   * as a contact and never counted as missed.
   */
  private async refuse(queue: StoredQueue, ani: string): Promise<CallRuntime> {
    const treatment = queue.blacklistTreatment;
    const announcement = treatment === 'announcement';
    const call = this.flow.create({
      direction: 'inbound',
      number: ani,
      queueId: queue.id,
      callReason: 'Lista negra',
      // The IVR answers to play the message; a reject or a busy tone never answers.
      state: announcement ? 'talking' : 'ringing',
      answeredAt: announcement ? this.world.clock.now() : null,
      refusal: treatment,
    });
    if (announcement)
      this.flow.timer(call, ANNOUNCEMENT_MS, () => this.flow.end(call, 'blacklist_announcement'));
    else await this.flow.end(call, `blacklist_${treatment}`);
    return call;
  }

  /** (Re)starts the spontaneous callers at the current rate. */
  restartArrivals(): void {
    this.arrivals?.cancel();
    this.arrivals = null;
    const rate = this.world.rates.inboundPerHour;
    if (rate <= 0 || this.world.queues.size === 0) return;
    const random = this.world.random.inbound;
    const next = () => {
      this.arrivals = this.world.after(random.exponential(3_600_000 / rate), async () => {
        next();
        const queueId = random.pick([...this.world.queues.keys()]);
        const number = this.randomCaller();
        await this.arrive({ number, queueId, data: String(random.int(20_000_000, 45_000_000)) }).catch(
          this.onIvrError,
        );
      });
    };
    next();
  }

  stop(): void {
    this.arrivals?.cancel();
  }

  private randomCaller(): string {
    const random = this.world.random.inbound;
    if (this.seen.length > 0 && random.chance(0.25)) return random.pick(this.seen);
    if (random.chance(0.08)) return 'anonymous';
    const number = `+54911${random.int(20_000_000, 69_999_999)}`;
    this.seen.push(number);
    if (this.seen.length > 500) this.seen.shift();
    return number;
  }
}
