import type { Redis } from 'ioredis';
import { onRedis } from '../cluster/redis-command';
import { IvrSignatureClaims } from './ivr-signature-claims';

/** `SET puente:ivr-sig:<signature> <keyId> NX PX <window>`: Redis answers who was first, atomically; the key expires with the window. */
export class RedisIvrSignatureClaims extends IvrSignatureClaims {
  constructor(private readonly redis: Redis) {
    super();
  }

  async claim(signature: string, keyId: string, windowMs: number): Promise<boolean> {
    const set = await onRedis(() =>
      this.redis.set(`puente:ivr-sig:${signature}`, keyId, 'PX', windowMs, 'NX'),
    );
    return set === 'OK';
  }
}
