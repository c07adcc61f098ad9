import { z } from 'zod';
import type { Random } from './random';

/**
 * How simulated customers and agents behave. Operators change these at run
 * time (PUT /operator/rates, `npm run dialer -- rates …`); every draw comes
 * from the seeded stream, so the same rates and seed replay the same day.
 */
export const RatesSchema = z
  .object({
    /** Share of outbound attempts a person answers. */
    answerProbability: z.number().min(0).max(1),
    /** Share of attempts that find the line busy (the rest of the unanswered ring out). */
    busyProbability: z.number().min(0).max(1),
    /** Share of attempts the network rejects (bad or disconnected number). */
    failedProbability: z.number().min(0).max(1),
    /** Ringing before a person answers, seconds (uniform between the two). */
    ringSecondsMin: z.number().min(0).max(120),
    ringSecondsMax: z.number().min(0).max(120),
    /** The dialer gives up on an unanswered attempt after this long. */
    noAnswerSeconds: z.number().min(1).max(120),
    /** Mean talk time (log-normal), seconds. */
    talkSecondsMean: z.number().min(1).max(36000),
    /** Whether customers end calls by themselves after their talk time. */
    customersHangUp: z.boolean(),
    /** Mean patience of an inbound caller waiting in a queue, seconds. */
    queuePatienceSecondsMean: z.number().min(1).max(36000),
    /** Inbound calls per hour arriving at the IVR (Poisson); 0 = only operator calls. */
    inboundPerHour: z.number().min(0).max(100000),
    /** How long an agent's phone rings before it answers by itself (auto-answer). */
    agentAnswerSeconds: z.number().min(0).max(60),
    /** Mean wrap-up of the simulated agents of `simulate`, seconds. */
    botWrapUpSecondsMean: z.number().min(0).max(3600),
  })
  .strict();
export type Rates = z.infer<typeof RatesSchema>;

export const DEFAULT_RATES: Rates = {
  answerProbability: 0.35,
  busyProbability: 0.1,
  failedProbability: 0.03,
  ringSecondsMin: 4,
  ringSecondsMax: 18,
  noAnswerSeconds: 25,
  talkSecondsMean: 150,
  customersHangUp: true,
  queuePatienceSecondsMean: 90,
  inboundPerHour: 0,
  agentAnswerSeconds: 1,
  botWrapUpSecondsMean: 15,
};

export type AttemptOutcome = 'answer' | 'busy' | 'no_answer' | 'failed';

/** What one customer will do with one call, decided when the call starts. */
export interface CustomerPlan {
  outcome: AttemptOutcome;
  /** Ring time before answering (answer), or before the network's verdict. */
  ringMs: number;
  /** Talk time once connected; Infinity when customers do not hang up by themselves. */
  talkMs: number;
  /** How long they wait for an agent (queue) before hanging up. */
  patienceMs: number;
}

export function drawCustomer(rates: Rates, random: Random): CustomerPlan {
  const roll = random.next();
  const answerAt = rates.answerProbability;
  const busyAt = answerAt + rates.busyProbability * (1 - answerAt);
  const failedAt = busyAt + rates.failedProbability * (1 - answerAt);
  const outcome: AttemptOutcome =
    roll < answerAt ? 'answer' : roll < busyAt ? 'busy' : roll < failedAt ? 'failed' : 'no_answer';
  const low = Math.min(rates.ringSecondsMin, rates.ringSecondsMax);
  const high = Math.max(rates.ringSecondsMin, rates.ringSecondsMax);
  const ringMs =
    outcome === 'answer'
      ? random.between(low, high) * 1000
      : outcome === 'no_answer'
        ? rates.noAnswerSeconds * 1000
        : random.between(1, 4) * 1000;
  const talk = random.logNormal(rates.talkSecondsMean) * 1000;
  const patience = random.exponential(rates.queuePatienceSecondsMean) * 1000;
  return {
    outcome,
    ringMs,
    talkMs: rates.customersHangUp ? Math.max(5000, talk) : Number.POSITIVE_INFINITY,
    patienceMs: Math.max(3000, patience),
  };
}
