import { describeIdempotencyRecords } from '../../testing/idempotency-records.contract';
import {
  fingerprintOf,
  IdempotencyKeyReused,
  type IdempotentAnswer,
  IdempotentRuns,
} from './idempotent-runs';
import { MemoryIdempotencyRecords } from './memory-idempotency-records';

describeIdempotencyRecords('memory', (now) => new MemoryIdempotencyRecords(undefined, undefined, now));

describe('IdempotentRuns (DESIGN principle 3)', () => {
  const counted = () => {
    let calls = 0;
    let release: (a: IdempotentAnswer) => void = () => undefined;
    const act = () => {
      calls++;
      return new Promise<IdempotentAnswer>((resolve) => (release = resolve));
    };
    return { act, calls: () => calls, release: (a: IdempotentAnswer) => release(a) };
  };

  it('acts once for a duplicate that arrives while the first runs, and both get its answer', async () => {
    const runs = new IdempotentRuns(new MemoryIdempotencyRecords());
    const c = counted();
    const first = runs.run('a', 'k', 'f', c.act);
    const second = runs.run('a', 'k', 'f', c.act);
    await new Promise((r) => setImmediate(r));
    c.release({ status: 201, body: { callId: '7' } });
    expect(await first).toEqual({ answer: { status: 201, body: { callId: '7' } }, replayed: false });
    expect(await second).toEqual({ answer: { status: 201, body: { callId: '7' } }, replayed: true });
    expect(c.calls()).toBe(1);
  });

  it('replays a remembered answer from the records, also to another runner over the same records', async () => {
    const records = new MemoryIdempotencyRecords();
    let calls = 0;
    const act = async () => ({ status: 200, body: ++calls });
    await new IdempotentRuns(records).run('a', 'k', 'f', act);
    expect(await new IdempotentRuns(records).run('a', 'k', 'f', act)).toEqual({
      answer: { status: 200, body: 1 },
      replayed: true,
    });
    expect(calls).toBe(1);
  });

  it('refuses the same key with another request, in flight or remembered', async () => {
    const runs = new IdempotentRuns(new MemoryIdempotencyRecords());
    const c = counted();
    const first = runs.run('a', 'k', 'f1', c.act);
    await expect(runs.run('a', 'k', 'f2', c.act)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    c.release({ status: 200, body: null });
    await first;
    await expect(runs.run('a', 'k', 'f2', c.act)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(c.calls()).toBe(1);
  });

  it('does not remember an answer that is not final, so the retry acts again', async () => {
    const runs = new IdempotentRuns(new MemoryIdempotencyRecords(), { final: (a) => a.status !== 503 });
    let calls = 0;
    const act = async () => ({ status: ++calls === 1 ? 503 : 200, body: calls });
    expect((await runs.run('a', 'k', 'f', act)).answer.status).toBe(503);
    expect(await runs.run('a', 'k', 'f', act)).toEqual({ answer: { status: 200, body: 2 }, replayed: false });
  });

  it('fingerprints requests by every part', () => {
    expect(fingerprintOf('POST /calls', { n: 1 })).toBe(fingerprintOf('POST /calls', { n: 1 }));
    expect(fingerprintOf('POST /calls', { n: 1 })).not.toBe(fingerprintOf('POST /calls', { n: 2 }));
    expect(fingerprintOf('POST /calls', { n: 1 })).not.toBe(fingerprintOf('POST /hangup', { n: 1 }));
  });
});
