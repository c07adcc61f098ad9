/** Running figures of one campaign (E3), and what the predictive pacer learns from. */
export class CampaignStats {
  placed = 0;
  answered = 0;
  abandoned = 0;
  connected = 0;
  noAnswer = 0;
  busy = 0;
  failed = 0;
  handled = 0;
  talkMs = 0;
  holdMs = 0;
  wrapMs = 0;
  /** When calls were abandoned, for "abandoned today". */
  readonly abandonedAt: number[] = [];

  /** Outcomes of the latest attempts (true = a person answered), for the measured answer rate. */
  private readonly recent: boolean[] = [];
  /** Connected (false) or abandoned (true), latest answered calls, for the pacer's feedback. */
  private readonly recentDrops: boolean[] = [];

  recordAttempt(answered: boolean): void {
    this.recent.push(answered);
    if (this.recent.length > 300) this.recent.shift();
  }

  recordAnsweredFate(abandoned: boolean): void {
    this.recentDrops.push(abandoned);
    if (this.recentDrops.length > 200) this.recentDrops.shift();
  }

  /** Measured answer rate with a weak prior (0.3 over 10 attempts) so the first minutes are sane. */
  answerRate(): number {
    const hits = this.recent.filter(Boolean).length;
    return (hits + 3) / (this.recent.length + 10);
  }

  /** Abandoned share of live answers (the regulators' denominator). */
  abandonRate(): number {
    return this.answered === 0 ? 0 : this.abandoned / this.answered;
  }

  recentAbandonRate(): number {
    return this.recentDrops.length === 0
      ? 0
      : this.recentDrops.filter(Boolean).length / this.recentDrops.length;
  }

  /** Average handle time: talk + hold + after-call work, per handled call (seconds). */
  ahtSeconds(): number {
    return this.handled === 0 ? 0 : (this.talkMs + this.holdMs + this.wrapMs) / this.handled / 1000;
  }
}

/** Abandon times since `dayStartMs` (bounded memory: a day of a busy campaign fits). */
export function countSince(times: number[], dayStartMs: number): number {
  while (times.length > 50_000) times.shift();
  return times.filter((t) => t >= dayStartMs).length;
}

/** Running figures of one inbound queue (E3). */
export class QueueStats {
  readonly abandonedAt: number[] = [];
  offered = 0;
  answered = 0;
  abandoned = 0;
  answeredWithinSl = 0;
  waitMs = 0;
  talkMs = 0;
  handled = 0;

  /** Answered within the service-level time, over answered and abandoned. */
  serviceLevel(): number {
    const total = this.answered + this.abandoned;
    return total === 0 ? 1 : this.answeredWithinSl / total;
  }

  averageSpeedOfAnswer(): number {
    return this.answered === 0 ? 0 : this.waitMs / this.answered / 1000;
  }
}
