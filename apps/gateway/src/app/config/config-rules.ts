import type { EnvIssue } from '@puente/server-kit';
import type { GatewayConfig } from './gateway.config';

/**
 * Rules that span several variables, checked once each variable parsed on
 * its own; the gateway refuses to start with every broken rule named.
 */
export function crossVariableIssues(config: GatewayConfig): EnvIssue[] {
  const issues: EnvIssue[] = [];
  if (config.GATEWAY_TOKEN_SECRET && config.GATEWAY_TOKEN_SECRETS.length > 0)
    issues.push({
      variable: 'GATEWAY_TOKEN_SECRET',
      message:
        'set GATEWAY_TOKEN_SECRETS or GATEWAY_TOKEN_SECRET, not both (list the single key in GATEWAY_TOKEN_SECRETS as default:<secret>)',
    });
  return issues;
}
