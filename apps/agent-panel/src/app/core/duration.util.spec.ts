import { formatDuration, secondsBetween, secondsSince } from './duration.util';

describe('duration utils', () => {
  it('counts whole seconds and never goes negative', () => {
    const now = Date.parse('2026-11-23T10:00:10.900Z');
    expect(secondsSince('2026-11-23T10:00:00.000Z', now)).toBe(10);
    expect(secondsSince('2026-11-23T10:00:20.000Z', now)).toBe(0);
    expect(secondsSince(null, now)).toBe(0);
    expect(secondsSince('not a date', now)).toBe(0);
    expect(secondsBetween('2026-11-23T10:00:00.000Z', '2026-11-23T10:01:05.000Z')).toBe(65);
  });

  it('formats like a timer', () => {
    expect(formatDuration(7)).toBe('00:07');
    expect(formatDuration(754)).toBe('12:34');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('00:00');
  });
});
