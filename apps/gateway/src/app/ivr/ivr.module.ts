import { Module } from '@nestjs/common';
import { IvrContactsService } from './ivr-contacts.service';
import { IvrController } from './ivr.controller';
import { IvrSignatureGuard } from './ivr-signature.guard';
import { SeenSignatures } from './seen-signatures';

/** Inbound: the IVR's contact insert (SPEC D1-D3). */
@Module({
  controllers: [IvrController],
  providers: [IvrContactsService, IvrSignatureGuard, SeenSignatures],
  exports: [IvrContactsService],
})
export class IvrModule {}
