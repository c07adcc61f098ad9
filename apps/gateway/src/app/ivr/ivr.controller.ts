import { Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IVR_HEADERS, type IvrContactResponse, IvrContactRequestSchema } from '@puente/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import { Public } from '../auth/auth.decorators';
import { ValidBody } from '../http/valid-body.decorator';
import { IvrContactsService } from './ivr-contacts.service';
import { type IvrRequest, IvrSignatureGuard } from './ivr-signature.guard';

/**
 * The IVR's contact insert (SPEC D1): machines, not agents, call it, so it
 * takes no agent token but an HMAC signature. Idempotent by nature (one
 * contact per key), so it needs no Idempotency-Key either.
 */
@ApiTags('ivr')
@Controller('api/v1/ivr')
export class IvrController {
  constructor(private readonly contacts: IvrContactsService) {}

  @Post('contacts')
  @Public()
  @UseGuards(IvrSignatureGuard)
  @ApiOperation({
    summary:
      "CONTACTO_INSERT_SALESFORCE: the contact for the caller's key, created when new; 201 when created, 200 when found.",
  })
  @ApiHeader({ name: IVR_HEADERS.keyId, required: true, description: 'The IVR key id' })
  @ApiHeader({
    name: IVR_HEADERS.timestamp,
    required: true,
    description: 'Unix seconds; at most 5 minutes off',
  })
  @ApiHeader({
    name: IVR_HEADERS.signature,
    required: true,
    description: 'v1=hex(HMAC-SHA256(secret, timestamp + "." + body))',
  })
  async insert(
    @Req() req: IvrRequest,
    @Res({ passthrough: true }) res: Response,
    @ValidBody(IvrContactRequestSchema) body: z.output<typeof IvrContactRequestSchema>,
  ): Promise<IvrContactResponse> {
    const result = await this.contacts.insert(body, req.ivrKeyId ?? '');
    res.status(result.created ? 201 : 200);
    return result;
  }
}
