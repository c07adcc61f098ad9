import {
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';

/**
 * Who is calling, for limits keyed by address: the socket's peer, or, when
 * TRUST_PROXY names the proxies in front of the gateway, the address the
 * nearest untrusted hop of X-Forwarded-For gives (Express's `trust proxy`),
 * so a client cannot pick its own address by writing the header. IPv6
 * addresses count by /64, the block one subscriber usually holds.
 */
export function clientAddress(req: Request): string {
  return normalizeIp(req.ip ?? req.socket.remoteAddress ?? '') ?? '';
}

/** The caller's address (clientAddress) as a handler parameter. */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  clientAddress(context.switchToHttp().getRequest<Request>()),
);

/** Applies TRUST_PROXY to Express, in main.ts and in the test harness alike. */
@Injectable()
export class TrustProxy implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const express = this.adapterHost.httpAdapter?.getInstance() as
      { set?: (setting: string, value: unknown) => void } | undefined;
    express?.set?.('trust proxy', this.config.TRUST_PROXY);
  }
}
