/**
 * SOQL date literals (TODAY, LAST_N_DAYS:30, THIS_QUARTER, …) as ranges of
 * calendar days [start, end) in the running user's time zone. Fiscal
 * periods follow the calendar (a new org's fiscal year starts in January);
 * weeks start on Sunday, as in the en_US locale.
 */

const DAY_RANGES: Record<string, (n: number) => readonly [number, number]> = {
  TODAY: () => [0, 1],
  YESTERDAY: () => [-1, 0],
  TOMORROW: () => [1, 2],
  LAST_90_DAYS: () => [-90, 1],
  NEXT_90_DAYS: () => [1, 91],
  LAST_N_DAYS: (n) => [-n, 1],
  NEXT_N_DAYS: (n) => [1, 1 + n],
  N_DAYS_AGO: (n) => [-n, -n + 1],
};

type Unit = 'week' | 'month' | 'quarter' | 'year';

/** Ranges counted in whole periods relative to the current one: [first, last) in periods. */
const PERIOD_RANGES: Record<string, readonly [Unit, (n: number) => readonly [number, number]]> = {
  THIS_WEEK: ['week', () => [0, 1]],
  LAST_WEEK: ['week', () => [-1, 0]],
  NEXT_WEEK: ['week', () => [1, 2]],
  LAST_N_WEEKS: ['week', (n) => [-n, 0]],
  NEXT_N_WEEKS: ['week', (n) => [1, 1 + n]],
  N_WEEKS_AGO: ['week', (n) => [-n, -n + 1]],
  THIS_MONTH: ['month', () => [0, 1]],
  LAST_MONTH: ['month', () => [-1, 0]],
  NEXT_MONTH: ['month', () => [1, 2]],
  LAST_N_MONTHS: ['month', (n) => [-n, 0]],
  NEXT_N_MONTHS: ['month', (n) => [1, 1 + n]],
  N_MONTHS_AGO: ['month', (n) => [-n, -n + 1]],
  THIS_QUARTER: ['quarter', () => [0, 1]],
  LAST_QUARTER: ['quarter', () => [-1, 0]],
  NEXT_QUARTER: ['quarter', () => [1, 2]],
  LAST_N_QUARTERS: ['quarter', (n) => [-n, 0]],
  NEXT_N_QUARTERS: ['quarter', (n) => [1, 1 + n]],
  N_QUARTERS_AGO: ['quarter', (n) => [-n, -n + 1]],
  THIS_YEAR: ['year', () => [0, 1]],
  LAST_YEAR: ['year', () => [-1, 0]],
  NEXT_YEAR: ['year', () => [1, 2]],
  LAST_N_YEARS: ['year', (n) => [-n, 0]],
  NEXT_N_YEARS: ['year', (n) => [1, 1 + n]],
  N_YEARS_AGO: ['year', (n) => [-n, -n + 1]],
};

/** The fiscal names are the calendar ones with FISCAL_ inserted. */
function canonical(name: string): string {
  return name.replace('_FISCAL_', '_');
}

export function isDateLiteralName(name: string): boolean {
  const c = canonical(name);
  return c in DAY_RANGES || c in PERIOD_RANGES;
}

export function takesParameter(name: string): boolean {
  return /(^|_)N_/.test(name);
}

export interface DateRange {
  /** First day in the range, "YYYY-MM-DD". */
  start: string;
  /** First day after the range. */
  end: string;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

function addMonths(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

function periodStart(today: Date, unit: Unit): Date {
  switch (unit) {
    case 'week':
      return addDays(today, -today.getUTCDay());
    case 'month':
      return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
    case 'quarter':
      return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (today.getUTCMonth() % 3), 1));
    case 'year':
      return new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  }
}

function shift(start: Date, unit: Unit, periods: number): Date {
  if (unit === 'week') return addDays(start, 7 * periods);
  return addMonths(start, periods * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time in `timeZone` at instant `ms`, read as if it were UTC. */
function wallClock(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
}

/** Today's date in the time zone, "YYYY-MM-DD". */
export function localDate(now: number, timeZone: string): string {
  return new Date(wallClock(now, timeZone)).toISOString().slice(0, 10);
}

/** The instant local midnight of `date` happens in the time zone. */
export function localMidnight(date: string, timeZone: string): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`);
  const first = asUtc - (wallClock(asUtc, timeZone) - asUtc);
  const offset = wallClock(first, timeZone) - first;
  return asUtc - offset;
}

/** The days a date literal covers, for the user's "now" and time zone. */
export function dateLiteralRange(name: string, n: number | null, now: number, timeZone: string): DateRange {
  const today = new Date(`${localDate(now, timeZone)}T00:00:00Z`);
  const key = canonical(name);
  const count = n ?? 0;
  const days = DAY_RANGES[key];
  if (days) {
    const [from, to] = days(count);
    return { start: iso(addDays(today, from)), end: iso(addDays(today, to)) };
  }
  const [unit, periods] = PERIOD_RANGES[key];
  const [from, to] = periods(count);
  const start = periodStart(today, unit);
  return { start: iso(shift(start, unit, from)), end: iso(shift(start, unit, to)) };
}
