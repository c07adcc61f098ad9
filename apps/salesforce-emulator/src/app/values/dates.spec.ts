import { dateToMs, formatDate, formatDateTime, parseDate, parseDateTime } from './dates';

describe('date values', () => {
  it('accepts real calendar dates only', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2024-13-01')).toBeNull();
    expect(parseDate('24-01-01')).toBeNull();
  });

  it('reads dateTimes with Z, ±hh:mm and ±hhmm zones and optional fractions', () => {
    const utc = Date.UTC(2024, 4, 31, 14, 3, 7);
    expect(parseDateTime('2024-05-31T14:03:07Z')).toBe(utc);
    expect(parseDateTime('2024-05-31T14:03:07.000+0000')).toBe(utc);
    expect(parseDateTime('2024-05-31T11:03:07-03:00')).toBe(utc);
    expect(parseDateTime('2024-05-31T14:03:07.25Z')).toBe(utc + 250);
    expect(parseDateTime('2024-05-31T14:03:07')).toBeNull();
    expect(parseDateTime('2024-05-31T25:03:07Z')).toBeNull();
  });

  it('writes dateTimes the way Salesforce does', () => {
    expect(formatDateTime(Date.UTC(2024, 4, 31, 14, 3, 7, 9))).toBe('2024-05-31T14:03:07.009+0000');
    expect(formatDate(Date.UTC(2024, 0, 5, 23))).toBe('2024-01-05');
    expect(dateToMs('2024-01-05')).toBe(Date.UTC(2024, 0, 5));
  });
});
