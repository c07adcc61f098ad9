import { Module } from '@nestjs/common';
import { REDIS, type RedisConnection } from '../cluster/redis.provider';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { DialerModule } from '../dialer/dialer.module';
import { DIALER, type Dialer } from '../dialer/dialer.port';
import { MetricsService } from '../metrics/metrics.service';
import { AgentEventLog } from './agent-event-log';
import { AgentOwnership, LocalAgentOwnership } from './agent-ownership';
import { AgentStreams } from './agent-streams.service';
import { ClusterAgentStreams } from './cluster/cluster-agent-streams';
import { OWNERSHIP_TIMING, RedisAgentOwnership } from './cluster/redis-agent-ownership';
import { RedisAgentStreamStore } from './cluster/redis-agent-stream.store';
import { DialerStatusBroadcaster } from './dialer-status-broadcaster';
import { DialerSubscriptions } from './dialer-subscriptions.service';
import { LocalAgentStreams } from './local-agent-streams';
import { sqliteAgentEventLogProvider } from './sqlite-agent-event-log';

/** How long an idle agent's replay buffer is kept in Redis (its panel then resumes from a snapshot). */
const CLUSTER_EVENTS_TTL_MS = 24 * 3_600_000;

/**
 * Agent streams and dialer subscriptions: on one node in SQLite and
 * memory; with REDIS_URL, shared by the cluster's nodes (issue 18 §2).
 */
@Module({
  imports: [DialerModule],
  providers: [
    sqliteAgentEventLogProvider,
    {
      provide: AgentOwnership,
      inject: [REDIS, DIALER],
      // A node that loses the dialer alone hands its agents to one that reaches it (its breaker's status).
      useFactory: (redis: RedisConnection | null, dialer: Dialer) =>
        redis
          ? new RedisAgentOwnership(redis, OWNERSHIP_TIMING, undefined, dialer.status)
          : new LocalAgentOwnership(),
    },
    {
      provide: AgentStreams,
      inject: [REDIS, GATEWAY_CONFIG, AgentEventLog, AgentOwnership, MetricsService],
      useFactory: (
        redis: RedisConnection | null,
        config: GatewayConfig,
        log: AgentEventLog,
        ownership: AgentOwnership,
        metrics: MetricsService,
      ) =>
        redis
          ? new ClusterAgentStreams(
              new RedisAgentStreamStore(redis.client, config.EVENT_BUFFER_SIZE, CLUSTER_EVENTS_TTL_MS),
              redis,
              ownership,
              metrics,
            )
          : new LocalAgentStreams(log, metrics),
    },
    DialerSubscriptions,
    DialerStatusBroadcaster,
  ],
  exports: [AgentStreams, AgentOwnership, DialerSubscriptions],
})
export class EventsModule {}
