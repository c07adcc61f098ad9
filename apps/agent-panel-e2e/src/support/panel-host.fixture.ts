import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { EmbeddedStack, freePort, loadStackConfig } from '@puente/dev-stack';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');

/**
 * Only the parts the panel's own browser tests need: the built panel served
 * as in production, and the Salesforce emulator with its console. The
 * gateway is the test's scripted one, so these tests do not wait on the
 * dialer emulator and its database.
 */
export const test = base.extend<object, { host: EmbeddedStack; scriptedGatewayUrl: string }>({
  /**
   * Where the tests' scripted gateway listens: on the served panel's list of
   * gateways (PANEL_GATEWAY_URLS), so `?gateway=` may point the panel at it.
   */
  scriptedGatewayUrl: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => use(`http://127.0.0.1:${await freePort()}`),
    { scope: 'worker' },
  ],
  host: [
    async ({ scriptedGatewayUrl }, use, workerInfo) => {
      const config = loadStackConfig({
        PANEL_GATEWAY_URLS: scriptedGatewayUrl,
        GATEWAY_PORT: String(await freePort()),
        AGENT_PANEL_PORT: String(await freePort()),
        DIALER_EMULATOR_PORT: String(await freePort()),
        SALESFORCE_EMULATOR_PORT: String(await freePort()),
        PUENTE_DATA_DIR: join('tmp', 'e2e', `panel-host-${workerInfo.workerIndex}`),
      });
      const output: string[] = [];
      const stack = new EmbeddedStack({
        config,
        workspaceRoot,
        env: {
          all: { LOG_FORMAT: 'json', LOG_LEVEL: 'warn' },
          salesforceEmulator: { SALESFORCE_EMULATOR_PERSIST: 'false' },
        },
        onLine: (service, _stream, line) => output.push(`${service} │ ${line}`),
      });
      try {
        await stack.startProcess('salesforceEmulator');
        await stack.startPanel();
      } catch (error) {
        await stack.stop();
        throw new Error(`${(error as Error).message}\n${output.join('\n')}`);
      }
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

export { expect } from '@playwright/test';
