import { Module } from '@nestjs/common';
import { IvrAuthenticator } from './ivr-authenticator';
import { IvrContactsService } from './ivr-contacts.service';
import { IvrHttpEndpoint } from './ivr-http-endpoint';
import { SeenSignatures } from './seen-signatures';
import { IvrSignatureStore } from './ivr-signature.store';
import { SqliteIvrSignatureStore } from './sqlite-ivr-signature.store';

/** Inbound: the IVR's contact insert (SPEC D1-D3), served by its own listener (IvrHttpEndpoint). */
@Module({
  providers: [
    IvrContactsService,
    IvrAuthenticator,
    IvrHttpEndpoint,
    SeenSignatures,
    { provide: IvrSignatureStore, useClass: SqliteIvrSignatureStore },
  ],
  exports: [IvrContactsService],
})
export class IvrModule {}
