import { Inject, Injectable } from '@nestjs/common';
import type { TransferRequest } from '@puente/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { ApiError } from '../http/api-error';
import type { Principal } from '../auth/principal';
import { DialerCommands } from './dialer-commands.service';

/**
 * Issue 16 §2.10: the dialer accepts a blind transfer to a queue nobody is
 * logged in to, and the customer waits until they are counted abandoned.
 * Before such a transfer the gateway asks the dialer who is logged in to the
 * queue (the transferring agent does not count: they are leaving the call)
 * and, per GATEWAY_EMPTY_QUEUE_TRANSFER, refuses or asks for a confirmation.
 * Attended transfers need no rule: the dialer refuses them when nobody answers.
 */
@Injectable()
export class EmptyQueueRule {
  constructor(
    private readonly commands: DialerCommands,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async check(s: Principal, body: TransferRequest): Promise<void> {
    if (body.mode !== 'direct' || body.target.kind !== 'queue') return;
    const policy = this.config.GATEWAY_EMPTY_QUEUE_TRANSFER;
    if (policy === 'confirm' && body.confirmEmptyQueue) return;
    const queues = await this.commands.as(s).queues();
    const queue = queues.find((q) => q.id === body.target.id);
    // An unknown queue is the dialer's to refuse; a dialer that does not list who is logged in cannot be judged.
    if (!queue?.loggedInUserIds) return;
    if (queue.loggedInUserIds.some((id) => id !== s.agentId)) return;
    const details = { queueId: queue.id, queueName: queue.name, policy };
    if (policy === 'refuse')
      throw new ApiError(
        'QUEUE_EMPTY',
        `Nobody is logged in to queue ${queue.name}: transfer refused.`,
        details,
      );
    throw new ApiError(
      'QUEUE_EMPTY_CONFIRM',
      `Nobody is logged in to queue ${queue.name}: the caller would wait unanswered. Send confirmEmptyQueue: true to transfer anyway.`,
      details,
    );
  }
}
