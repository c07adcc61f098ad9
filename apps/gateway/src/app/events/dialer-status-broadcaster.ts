import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { skip, type Subscription } from 'rxjs';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { AgentStreams } from './agent-streams.service';
import { DialerSubscriptions } from './dialer-subscriptions.service';

/** Tells every logged-in agent when the dialer goes away and when it is back (issue 4 §5). */
@Injectable()
export class DialerStatusBroadcaster implements OnModuleInit, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(DIALER) private readonly dialer: Dialer,
    private readonly streams: AgentStreams,
    private readonly subscriptions: DialerSubscriptions,
  ) {}

  onModuleInit(): void {
    this.subscription = this.dialer.status.pipe(skip(1)).subscribe((status) => {
      for (const agentId of this.subscriptions.agentIds()) {
        this.streams.append(agentId, [{ type: 'system.dialer_status', payload: { status } }]);
      }
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
