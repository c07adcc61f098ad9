import type { AgentActivity, CallDirection, CallStatus, DialerMode } from '@puente/contracts';
import type { MessageKey } from '../core/i18n/messages.en';

export type Tone = 'idle' | 'available' | 'ringing' | 'talking' | 'hold' | 'paused' | 'wrap';

export const ACTIVITY_VIEW: Record<AgentActivity, { key: MessageKey; tone: Tone }> = {
  logged_out: { key: 'activity.logged_out', tone: 'idle' },
  idle: { key: 'activity.idle', tone: 'idle' },
  available: { key: 'activity.available', tone: 'available' },
  reserved: { key: 'activity.reserved', tone: 'ringing' },
  talking: { key: 'activity.talking', tone: 'talking' },
  wrap_up: { key: 'activity.wrap_up', tone: 'wrap' },
  paused: { key: 'activity.paused', tone: 'paused' },
  monitoring: { key: 'activity.monitoring', tone: 'talking' },
};

export const CALL_STATUS_VIEW: Record<CallStatus, { key: MessageKey; tone: Tone }> = {
  dialing: { key: 'call.status.dialing', tone: 'ringing' },
  ringing: { key: 'call.status.ringing', tone: 'ringing' },
  talking: { key: 'call.status.talking', tone: 'talking' },
  on_hold: { key: 'call.status.on_hold', tone: 'hold' },
  transferring: { key: 'call.status.transferring', tone: 'hold' },
  in_conference: { key: 'call.status.in_conference', tone: 'talking' },
  ended: { key: 'call.status.ended', tone: 'wrap' },
};

export const DIALER_MODE: Record<DialerMode, MessageKey> = {
  predictive: 'dialerMode.predictive',
  progressive: 'dialerMode.progressive',
  preview: 'dialerMode.preview',
  manual: 'dialerMode.manual',
  inbound: 'dialerMode.inbound',
};

const END_CAUSES: Record<string, MessageKey> = {
  customer_hangup: 'call.end.customer_hangup',
  agent_hangup: 'call.end.agent_hangup',
  transferred: 'call.end.transferred',
  no_answer: 'call.end.no_answer',
  busy: 'call.end.busy',
  failed: 'call.end.failed',
  abandoned: 'call.end.abandoned',
};

/** The words for why a call ended; null for a cause the panel does not know (shown as sent). */
export function endCauseKey(cause: string | null): MessageKey | null {
  return cause ? (END_CAUSES[cause] ?? null) : null;
}

/**
 * True when the other party withheld their number: the dialer sends the word
 * "anonymous" (or nothing) for it (D3). Internal calls name a user, not a number.
 */
export function isWithheldParty(direction: CallDirection, party: string): boolean {
  return direction !== 'internal' && !/\d/.test(party);
}

/** The other party in words: the number or user, or `anonymousLabel` for a withheld number (issue 16 §2.5). */
export function partyLabel(
  call: { direction: CallDirection; party: string },
  anonymousLabel: string,
): string {
  return isWithheldParty(call.direction, call.party) ? anonymousLabel : call.party;
}
