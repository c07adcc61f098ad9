import { Module } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { IvrAuthenticator } from './ivr-authenticator';
import { IvrContactsService } from './ivr-contacts.service';
import { IvrHttpEndpoint } from './ivr-http-endpoint';
import { SeenSignatures } from './seen-signatures';
import { IvrSignatureStore } from './ivr-signature.store';
import { SqliteIvrSignatureStore } from './sqlite-ivr-signature.store';
import { IvrSignatureClaims } from './ivr-signature-claims';
import { RedisIvrSignatureClaims } from './redis-ivr-signature.claims';

/** Inbound: the IVR's contact insert (SPEC D1-D3), served by its own listener (IvrHttpEndpoint). */
@Module({
  providers: [
    IvrContactsService,
    IvrAuthenticator,
    IvrHttpEndpoint,
    SeenSignatures,
    { provide: IvrSignatureStore, useClass: SqliteIvrSignatureStore },
    // Cluster mode: the replay guard is shared on Redis; one node: none (SeenSignatures alone).
    {
      provide: IvrSignatureClaims,
      inject: [REDIS],
      useFactory: (redis: RedisConnection | null) =>
        redis ? new RedisIvrSignatureClaims(redis.client) : null,
    },
  ],
  exports: [IvrContactsService],
})
export class IvrModule {}
