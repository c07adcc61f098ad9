import type { EnvIssue } from '@puente/server-kit';
import { DEMO_SALESFORCE_APP } from './demo-app';
import type { GatewayConfig } from './gateway-env';

export { DEMO_SALESFORCE_APP } from './demo-app';

/** Production mode: GATEWAY_MODE=production, or NODE_ENV=production while GATEWAY_MODE is auto. */
export function isProduction(config: GatewayConfig): boolean {
  return (
    config.GATEWAY_MODE === 'production' ||
    (config.GATEWAY_MODE === 'auto' && config.NODE_ENV === 'production')
  );
}

const enabled = (setting: 'auto' | 'true' | 'false', config: GatewayConfig) =>
  setting === 'auto' ? !isProduction(config) : setting === 'true';

/** /metrics on the main port: by default outside production only (METRICS_PORT is the production way). */
export const servesMetrics = (config: GatewayConfig) => enabled(config.METRICS_ENABLED, config);

/** /api/docs and /api/docs-json: by default outside production only. */
export const servesApiDocs = (config: GatewayConfig) => enabled(config.API_DOCS_ENABLED, config);

/** What production mode names as its reason in the refusal. */
export function productionSwitch(config: GatewayConfig): string {
  return config.GATEWAY_MODE === 'production' ? 'GATEWAY_MODE=production' : 'NODE_ENV=production';
}

/**
 * Defaults that suit the embedded stack and would be holes in production:
 * the emulator's connected app, any web page calling with an agent's token,
 * a signing key that lives on one node's disk, IVR keys usable from anywhere.
 */
export function productionIssues(config: GatewayConfig): EnvIssue[] {
  const issues: EnvIssue[] = [];
  if (config.SALESFORCE_CLIENT_ID === DEMO_SALESFORCE_APP.clientId)
    issues.push({
      variable: 'SALESFORCE_CLIENT_ID',
      message: "is the demo connected app's; set your org's consumer key",
    });
  if (
    config.SALESFORCE_AUTH !== 'jwt' &&
    config.SALESFORCE_CLIENT_SECRET === DEMO_SALESFORCE_APP.clientSecret
  )
    issues.push({
      variable: 'SALESFORCE_CLIENT_SECRET',
      message: "is the demo connected app's secret; set your org's consumer secret",
    });
  if (config.CORS_ORIGINS.includes('*'))
    issues.push({
      variable: 'CORS_ORIGINS',
      message: "contains *: any web page could call the gateway with an agent's token; list the origins",
    });
  if (config.GATEWAY_TOKEN_SECRETS.length === 0 && !config.GATEWAY_TOKEN_SECRET)
    issues.push({
      variable: 'GATEWAY_TOKEN_SECRETS',
      message: 'is not set: a generated key lives on one node only and is lost with its disk',
    });
  if (config.IVR_KEYS.size > 0 && config.IVR_ALLOWED_IPS.length === 0)
    issues.push({
      variable: 'IVR_ALLOWED_IPS',
      message:
        "is empty while IVR_KEYS is set: list the IVR's addresses (0.0.0.0/0,::/0 allows any, on purpose)",
    });
  return issues;
}
