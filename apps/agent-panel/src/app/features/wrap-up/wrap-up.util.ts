import type { CallState, PanelConfig } from '@puente/contracts';

/** What the RELEASE screen offers under the Call Center options (C5, C6). */
export interface ReleaseRules {
  /** allowCategorization: pick a category and subcategory from the dialer's CRM. */
  categorize: boolean;
  /** A category is needed to release (categorisation on, release without one off). */
  categoryRequired: boolean;
  /** allowContactRelease: release without a category. */
  releaseWithout: boolean;
}

/** Until the options are known the panel asks for a category and offers no bare release. */
export function releaseRules(config: PanelConfig | null): ReleaseRules {
  const categorize = config?.allowCategorization ?? true;
  const releaseWithout = config?.allowContactRelease ?? false;
  return { categorize, categoryRequired: categorize && !releaseWithout, releaseWithout };
}

/**
 * The call a wrap-up command follows, as the gateway and the dialer want it
 * named (issue 16 §2.1): the ended call still on screen with the contact. The
 * contact's own "last call id" is 0 by then, so it cannot say.
 */
export function wrapUpCall(call: CallState | null): { callId: string } | Record<string, never> {
  return call?.status === 'ended' ? { callId: call.callId } : {};
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date and time as the gateway wants it: ISO 8601 with the browser's offset. */
export function toIsoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** "HH:MM" of a date. */
export function timeOf(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The day of `day` at the "HH:MM" `time`. */
export function atTime(day: Date, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), h || 0, m || 0, 0, 0);
}

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The 6 × 7 days shown for a month, weeks starting on `firstDay` (0 Sunday, 1 Monday). */
export function monthGrid(month: Date, firstDay: 0 | 1): Date[] {
  const first = new Date(month.getFullYear(), month.getMonth(), 1);
  const lead = (first.getDay() - firstDay + 7) % 7;
  const start = addDays(first, -lead);
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}
