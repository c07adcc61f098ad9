import { z } from 'zod';

/** What a single service says of itself at GET /health. */
export const ServiceHealthSchema = z.object({
  status: z.enum(['ok', 'starting', 'stopping']),
  service: z.string(),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

/** redis only in cluster mode (REDIS_URL set, issue 18 §2). */
export const UPSTREAMS = ['dialer', 'salesforce', 'database', 'redis'] as const;
export const UpstreamNameSchema = z.enum(UPSTREAMS);
export type UpstreamName = z.infer<typeof UpstreamNameSchema>;

export const UpstreamStatusSchema = z.enum(['up', 'down', 'unknown']);
export type UpstreamStatus = z.infer<typeof UpstreamStatusSchema>;

export const UpstreamHealthSchema = z.object({
  name: UpstreamNameSchema,
  status: UpstreamStatusSchema,
  /** Round trip of the last probe; null until one completed. */
  latencyMs: z.number().nonnegative().nullable(),
  checkedAt: z.string().nullable(),
  /** Why it is down, in operator words; never contains secrets. */
  error: z.string().nullable(),
  /** How the gateway uses it, in operator words (Salesforce: which phone search is in force, issue 17 §3). */
  details: z.record(z.string(), z.string()).optional(),
});
export type UpstreamHealth = z.infer<typeof UpstreamHealthSchema>;

/** The gateway's view of itself and of every system it depends on. */
export const GatewayHealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  service: z.literal('gateway'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  upstreams: z.array(UpstreamHealthSchema),
});
export type GatewayHealth = z.infer<typeof GatewayHealthSchema>;

export function isDegraded(upstreams: readonly UpstreamHealth[]): boolean {
  return upstreams.some((u) => u.status !== 'up');
}
