import { batchSizeOf, QueryCursors } from './query-cursors';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ attributes: { type: 'Contact' }, i }));
const BASE = '/services/data/v62.0/query';

describe('QueryCursors', () => {
  it('reads batchSize from Sforce-Query-Options, clamped to 200..2000', () => {
    expect(batchSizeOf(undefined)).toBe(2000);
    expect(batchSizeOf('batchSize=500')).toBe(500);
    expect(batchSizeOf('batchSize=10')).toBe(200);
    expect(batchSizeOf('batchSize=5000')).toBe(2000);
  });

  it('returns small results in one page, done', () => {
    expect(new QueryCursors().open(rows(3), 2000, BASE)).toEqual({
      totalSize: 3,
      done: true,
      records: rows(3),
    });
  });

  it('pages large results through nextRecordsUrl locators until done', () => {
    const cursors = new QueryCursors();
    const first = cursors.open(rows(450), 200, BASE);
    expect(first).toMatchObject({ totalSize: 450, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[a-zA-Z0-9]{15}-200$/);
    const locator = (url?: string) => String(url).split('/').pop() as string;
    const second = cursors.next(locator(first.nextRecordsUrl), BASE);
    expect(second.records[0]).toEqual({ attributes: { type: 'Contact' }, i: 200 });
    const third = cursors.next(locator(second.nextRecordsUrl), BASE);
    expect(third).toMatchObject({ done: true, totalSize: 450 });
    expect(third.records).toHaveLength(50);
    expect(third.nextRecordsUrl).toBeUndefined();
    expect(cursors.openCount).toBe(0);
  });

  it('refuses unknown, malformed and expired locators with INVALID_QUERY_LOCATOR', () => {
    let now = 0;
    const cursors = new QueryCursors(() => now, 1000);
    const first = cursors.open(rows(300), 200, BASE);
    const locator = String(first.nextRecordsUrl).split('/').pop() as string;
    for (const bad of ['nope', '01gPu0000000099AAA-200', locator.replace('-200', '-201')]) {
      expect(() => cursors.next(bad, BASE)).toThrow(
        expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }),
      );
    }
    now = 5000;
    expect(() => cursors.next(locator, BASE)).toThrow(
      expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }),
    );
  });
});
