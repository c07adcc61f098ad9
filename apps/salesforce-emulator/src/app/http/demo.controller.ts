import { Controller, Get, Inject } from '@nestjs/common';
import { EMULATOR_CONFIG } from '../org/org.module';
import type { SalesforceEmulatorConfig } from '../salesforce-emulator.config';
import { salesforceEmulatorEnv } from '../salesforce-emulator.config';

/** The default of a variable, to tell demo secrets (safe to print) from configured ones (never printed). */
function defaultOf(name: keyof typeof salesforceEmulatorEnv): unknown {
  const parsed = salesforceEmulatorEnv[name].schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

/** GET /demo: what the stack's start-up banner prints about this org. */
@Controller('demo')
export class DemoController {
  constructor(@Inject(EMULATOR_CONFIG) private readonly config: SalesforceEmulatorConfig) {}

  @Get()
  demo(): { title: string; lines: string[] } {
    const c = this.config;
    const shown = (name: 'SALESFORCE_EMULATOR_CLIENT_SECRET' | 'SALESFORCE_EMULATOR_DEMO_PASSWORD') =>
      c[name] === defaultOf(name) ? c[name] : '(configured, not shown)';
    return {
      title: 'Salesforce emulator (demo org)',
      lines: [
        `Connected app: client id ${c.SALESFORCE_EMULATOR_CLIENT_ID}, secret ${shown('SALESFORCE_EMULATOR_CLIENT_SECRET')}`,
        `Client credentials run as ${c.SALESFORCE_EMULATOR_INTEGRATION_USER}`,
        `Users: agent1@puente.demo … agent20@puente.demo, supervisor1/2@puente.demo, password ${shown('SALESFORCE_EMULATOR_DEMO_PASSWORD')}`,
        'Token URL: /services/oauth2/token (client_credentials, password, refresh_token, JWT bearer)',
        'Faults and reset: /__emulator (see docs/salesforce-emulator.md)',
      ],
    };
  }
}
