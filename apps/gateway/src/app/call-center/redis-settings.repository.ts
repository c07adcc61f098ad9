import type { PanelSettings, SalesforceSettings } from '@puente/contracts';
import type { Redis } from 'ioredis';
import { onRedis } from '../cluster/redis-command';
import { SettingsRepository } from './settings.repository';

const panelKey = (user: string) => `puente:settings:panel:${user}`;
const salesforceKey = (sessionId: string) => `puente:settings:salesforce:${sessionId}`;

/**
 * Settings shared by the nodes (issue 18 §2), values as JSON: a user's
 * panel settings kept like the SQLite table (no expiry); a session's
 * Salesforce settings expiring after `sessionTtlMs`, the longest a session
 * lives (its refresh token's lifetime), so those of a session that ended
 * while no node heard of it do not pile up.
 */
export class RedisSettingsRepository extends SettingsRepository {
  readonly shared = true;

  constructor(
    private readonly redis: Redis,
    private readonly sessionTtlMs: number,
  ) {
    super();
  }

  async panelSettings(user: string): Promise<unknown> {
    const value = await onRedis(() => this.redis.get(panelKey(user)));
    return value === null ? undefined : (JSON.parse(value) as unknown);
  }

  async savePanelSettings(user: string, settings: PanelSettings): Promise<void> {
    await onRedis(() => this.redis.set(panelKey(user), JSON.stringify(settings)));
  }

  async salesforceSettings(sessionId: string): Promise<SalesforceSettings | undefined> {
    const value = await onRedis(() => this.redis.get(salesforceKey(sessionId)));
    return value === null ? undefined : (JSON.parse(value) as SalesforceSettings);
  }

  async saveSalesforceSettings(sessionId: string, settings: SalesforceSettings): Promise<void> {
    await onRedis(() =>
      this.redis.set(salesforceKey(sessionId), JSON.stringify(settings), 'PX', this.sessionTtlMs),
    );
  }

  async deleteSalesforceSettings(sessionId: string): Promise<void> {
    await onRedis(() => this.redis.del(salesforceKey(sessionId)));
  }
}
