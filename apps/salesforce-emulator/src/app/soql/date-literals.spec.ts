import {
  dateLiteralRange,
  isDateLiteralName,
  localDate,
  localMidnight,
  takesParameter,
} from './date-literals';

// Wednesday 15 May 2024, 12:00 UTC.
const NOW = Date.UTC(2024, 4, 15, 12);
const range = (name: string, n: number | null = null, tz = 'GMT') => dateLiteralRange(name, n, NOW, tz);

describe('SOQL date literals', () => {
  it('knows the names and which take :n', () => {
    expect(isDateLiteralName('TODAY')).toBe(true);
    expect(isDateLiteralName('LAST_N_DAYS')).toBe(true);
    expect(isDateLiteralName('THIS_FISCAL_QUARTER')).toBe(true);
    expect(isDateLiteralName('SOMEDAY')).toBe(false);
    expect(takesParameter('LAST_N_DAYS')).toBe(true);
    expect(takesParameter('N_DAYS_AGO')).toBe(true);
    expect(takesParameter('LAST_90_DAYS')).toBe(false);
  });

  it('covers single days', () => {
    expect(range('TODAY')).toEqual({ start: '2024-05-15', end: '2024-05-16' });
    expect(range('YESTERDAY')).toEqual({ start: '2024-05-14', end: '2024-05-15' });
    expect(range('TOMORROW')).toEqual({ start: '2024-05-16', end: '2024-05-17' });
    expect(range('N_DAYS_AGO', 3)).toEqual({ start: '2024-05-12', end: '2024-05-13' });
  });

  it('includes today in LAST_N_DAYS and starts tomorrow in NEXT_N_DAYS', () => {
    expect(range('LAST_N_DAYS', 7)).toEqual({ start: '2024-05-08', end: '2024-05-16' });
    expect(range('NEXT_N_DAYS', 7)).toEqual({ start: '2024-05-16', end: '2024-05-23' });
    expect(range('LAST_90_DAYS')).toEqual({ start: '2024-02-15', end: '2024-05-16' });
  });

  it('counts weeks from Sunday, and months, quarters and years by the calendar', () => {
    expect(range('THIS_WEEK')).toEqual({ start: '2024-05-12', end: '2024-05-19' });
    expect(range('LAST_WEEK')).toEqual({ start: '2024-05-05', end: '2024-05-12' });
    expect(range('LAST_N_WEEKS', 2)).toEqual({ start: '2024-04-28', end: '2024-05-12' });
    expect(range('THIS_MONTH')).toEqual({ start: '2024-05-01', end: '2024-06-01' });
    expect(range('LAST_N_MONTHS', 3)).toEqual({ start: '2024-02-01', end: '2024-05-01' });
    expect(range('NEXT_MONTH')).toEqual({ start: '2024-06-01', end: '2024-07-01' });
    expect(range('THIS_QUARTER')).toEqual({ start: '2024-04-01', end: '2024-07-01' });
    expect(range('LAST_FISCAL_QUARTER')).toEqual({ start: '2024-01-01', end: '2024-04-01' });
    expect(range('THIS_YEAR')).toEqual({ start: '2024-01-01', end: '2025-01-01' });
    expect(range('N_YEARS_AGO', 2)).toEqual({ start: '2022-01-01', end: '2023-01-01' });
  });

  it("uses the user's time zone for what today is", () => {
    const lateEvening = Date.UTC(2024, 4, 16, 1); // 22:00 on the 15th in Buenos Aires
    expect(localDate(lateEvening, 'America/Argentina/Buenos_Aires')).toBe('2024-05-15');
    expect(dateLiteralRange('TODAY', null, lateEvening, 'America/Argentina/Buenos_Aires').start).toBe(
      '2024-05-15',
    );
    expect(localMidnight('2024-05-15', 'America/Argentina/Buenos_Aires')).toBe(Date.UTC(2024, 4, 15, 3));
    expect(localMidnight('2024-07-01', 'Europe/Madrid')).toBe(Date.UTC(2024, 5, 30, 22));
  });
});
