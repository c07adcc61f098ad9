import type { CampaignStats } from './stats';

export interface PacingInput {
  /** Agents of the campaign free for a call right now. */
  freeAgents: number;
  /** Agents logged in to the campaign (any state). */
  campaignAgents: number;
  /** Agents on a campaign call whose talk time already passed the average: likely free soon. */
  freeingSoon: number;
  /** Attempts dialling or ringing, no answer yet. */
  inFlight: number;
  /** Answered customers waiting for an agent. */
  waiting: number;
  maxDialRatio: number;
  /** The campaign's abandon target, 0..1 (3% by default). */
  target: number;
}

/**
 * The predictive dialer's pace (reference: VICIdial's adaptive dial level and
 * the "practical pacer" of contact-center.md). Each tick it dials enough lines
 * that the expected answers match the agents free now (plus a share of those
 * about to free up), divided by the measured answer rate. A feedback loop on
 * the abandon rate scales that share: above half the target it backs off
 * hard, well below it creeps up again; past 80% of the target it stops
 * counting agents who are not free yet. With fewer than 3 agents it dials
 * progressively (one line per free agent), where statistics cannot help.
 */
export class PredictivePacer {
  /** Multiplier on the lines the answer rate alone would dial (the dial level). */
  level = 1;
  private lastAdjust = 0;

  constructor(private readonly stats: CampaignStats) {}

  linesToDial(input: PacingInput, nowMs: number): number {
    this.adjust(input.target, nowMs);
    if (input.campaignAgents < 3) return Math.max(0, input.freeAgents - input.inFlight - input.waiting);
    const p = Math.max(0.05, this.stats.answerRate());
    const cautious = this.stats.abandonRate() > input.target * 0.8;
    const soon = cautious ? 0 : input.freeingSoon * 0.5 * Math.min(1, this.level);
    const capacity = input.freeAgents + soon - input.waiting;
    if (capacity <= 0) return 0;
    const wanted = Math.floor((capacity * this.level) / p) - input.inFlight;
    const cap = Math.floor(input.campaignAgents * input.maxDialRatio) - input.inFlight;
    return Math.max(0, Math.min(wanted, cap));
  }

  private adjust(target: number, nowMs: number): void {
    if (nowMs - this.lastAdjust < 15_000) return;
    this.lastAdjust = nowMs;
    const recent = this.stats.recentAbandonRate();
    const overall = this.stats.abandonRate();
    if (recent > target * 0.5 || overall > target * 0.8) this.level = Math.max(0.3, this.level * 0.8);
    else if (recent < target * 0.25 && overall < target * 0.6) this.level = Math.min(1.5, this.level * 1.05);
  }
}
