import { ConfigError, type EnvIssue } from '@puente/server-kit';
import type { GatewayConfig } from './gateway-env';
import { isProduction, productionIssues, productionSwitch } from './production';

/** A refusal of production mode: its first line names every offending setting. */
export class ProductionConfigError extends ConfigError {
  constructor(issues: readonly EnvIssue[], reason: string) {
    super(issues);
    this.message =
      `Production mode (${reason}) refuses to start with: ${issues.map((i) => i.variable).join(', ')}\n` +
      `${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}\n` +
      'Fix the variable(s) above (see docs/configuration.md#production-mode) and start again.';
  }
}

/**
 * Rules that span several variables, checked once each variable parsed on
 * its own; the gateway refuses to start with every broken rule named.
 */
export function assertConsistent(config: GatewayConfig): void {
  const issues: EnvIssue[] = [];
  if (config.GATEWAY_TOKEN_SECRET && config.GATEWAY_TOKEN_SECRETS.length > 0)
    issues.push({
      variable: 'GATEWAY_TOKEN_SECRET',
      message:
        'set GATEWAY_TOKEN_SECRETS or GATEWAY_TOKEN_SECRET, not both (list the single key in GATEWAY_TOKEN_SECRETS as default:<secret>)',
    });
  if (config.REDIS_URL && !config.GATEWAY_TOKEN_SECRET && config.GATEWAY_TOKEN_SECRETS.length === 0)
    // A key generated per node would sign tokens the other nodes refuse (issue 18 §2).
    issues.push({
      variable: 'GATEWAY_TOKEN_SECRETS',
      message:
        'REDIS_URL is set (several gateway nodes): set GATEWAY_TOKEN_SECRETS (or GATEWAY_TOKEN_SECRET) to the same keys on every node, so that an access token signed by one node is accepted by all',
    });
  const production = isProduction(config) ? productionIssues(config) : [];
  if (production.length > 0)
    throw new ProductionConfigError([...issues, ...production], productionSwitch(config));
  if (issues.length > 0) throw new ConfigError(issues);
}
