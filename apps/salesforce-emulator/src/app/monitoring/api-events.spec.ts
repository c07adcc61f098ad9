import { ApiEventLog } from './api-events';

const call = (path: string, q?: string) => ({
  username: 'integration@puente.demo',
  method: 'GET',
  path,
  query: new URLSearchParams(q === undefined ? {} : { q }),
  statusCode: 200,
});

describe('ApiEventLog', () => {
  it('keeps the newest events up to its capacity, numbered in order', () => {
    const log = new ApiEventLog(2, () => Date.UTC(2026, 0, 2));
    log.record(call('/limits'));
    log.record(call('/sobjects/Lead/describe'));
    log.record(call('/query', 'SELECT Id FROM Task'));
    expect(log.last).toBe(3);
    expect(log.after().map((e) => [e.seq, e.uri, e.queriedEntities])).toEqual([
      [2, '/sobjects/Lead/describe', ['Lead']],
      [3, '/query', ['Task']],
    ]);
    expect(log.after(2)).toHaveLength(1);
    expect(log.after(3)).toEqual([]);
    expect(log.after()[0].eventDate).toBe('2026-01-02T00:00:00.000Z');
  });

  it('names the objects of record URLs (encoded or not), queries and searches', () => {
    const log = new ApiEventLog();
    log.record(call('/sobjects/Contact%2F..%2F..%2Fquery'));
    log.record(call('/queryAll', 'SELECT Id, (SELECT Id FROM Tasks) FROM Account'));
    log.record(call('/query/01gPu-2000', 'ignored'));
    log.record(call('/search', 'FIND {ana}'));
    expect(log.after().map((e) => e.queriedEntities)).toEqual([['Contact/../../query'], ['Account'], [], []]);
  });
});
