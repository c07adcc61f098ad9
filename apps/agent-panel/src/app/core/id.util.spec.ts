import { IdempotencyKeySchema } from '@puente/contracts';
import { newIdempotencyKey } from './id.util';

describe('newIdempotencyKey', () => {
  it('makes keys the gateway accepts, also without crypto.randomUUID (plain http)', () => {
    const withoutUuid = {
      getRandomValues: <T extends ArrayBufferView | null>(a: T) => crypto.getRandomValues(a as never) as T,
    };
    const a = newIdempotencyKey(withoutUuid);
    const b = newIdempotencyKey(withoutUuid);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(IdempotencyKeySchema.safeParse(a).success).toBe(true);
    expect(IdempotencyKeySchema.safeParse(newIdempotencyKey()).success).toBe(true);
  });
});
