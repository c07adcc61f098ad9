import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { IVR_HEADERS, IVR_LIMITS } from '@puente/contracts';
import { signatureMatches } from '@puente/server-kit';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { ApiError } from '../http/api-error';
import { IpAllowList } from './ip-allow-list';
import { SeenSignatures } from './seen-signatures';

/** What the authenticator reads of a request: where it came from, its headers and its exact bytes (already size-checked). */
export interface SignedRequest {
  remoteAddress: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Authenticates machines (SPEC D1, issue 6 §2): each IVR has a key id and a
 * secret and signs "timestamp.body" with HMAC-SHA256. Checks run cheapest
 * first and every refusal happens before any work, so a refused request
 * touches nothing. A signature is accepted once: a captured request replayed
 * within the time window is refused, also after a gateway restart
 * and on every node of a cluster (SeenSignatures).
 */
@Injectable()
export class IvrAuthenticator {
  private readonly allowList: IpAllowList;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly seen: SeenSignatures,
  ) {
    this.allowList = new IpAllowList(config.IVR_ALLOWED_IPS);
  }

  /** The key id of an IVR allowed to make this request; an ApiError otherwise. */
  async authenticate(req: SignedRequest): Promise<string> {
    if (!this.allowList.allows(req.remoteAddress))
      throw new ApiError('IP_NOT_ALLOWED', 'This address may not call the IVR endpoint.');
    const keyId = header(req.headers, IVR_HEADERS.keyId);
    const timestamp = header(req.headers, IVR_HEADERS.timestamp);
    const signature = header(req.headers, IVR_HEADERS.signature);
    if (!keyId || !timestamp || !signature)
      throw new ApiError(
        'SIGNATURE_MISSING',
        `Signed requests need the ${Object.values(IVR_HEADERS).join(', ')} headers.`,
      );
    const secret = this.config.IVR_KEYS.get(keyId);
    // An unknown key and a wrong signature get the same answer: nothing to learn about which keys exist.
    if (secret === undefined || !signatureMatches(secret, timestamp, req.body, signature))
      throw new ApiError('SIGNATURE_INVALID', 'The request signature does not match.');
    const skew = Math.abs(Date.now() / 1000 - Number(timestamp));
    if (!/^\d{1,12}$/.test(timestamp) || skew > IVR_LIMITS.maxSkewSeconds)
      throw new ApiError(
        'SIGNATURE_EXPIRED',
        `The timestamp is more than ${IVR_LIMITS.maxSkewSeconds} seconds away from the gateway's clock.`,
      );
    if (!(await this.seen.accept(signature, keyId)))
      throw new ApiError('REQUEST_REPLAYED', 'This signed request was already received.');
    return keyId;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.length <= 256 ? value : undefined;
}
