import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { EmbeddedStack, freePort, loadStackConfig } from '@puente/dev-stack';

const workspaceRoot = join(__dirname, '..', '..', '..');

/** The embedded stack built from dist/, on free ports, with its own data folder; one per worker. */
export const test = base.extend<object, { stack: EmbeddedStack }>({
  stack: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use, workerInfo) => {
      // A fresh data folder per run: every test starts from the same seeded demo data.
      const dataDir = join('tmp', 'e2e', `worker-${workerInfo.workerIndex}`);
      rmSync(join(workspaceRoot, dataDir), { recursive: true, force: true });
      const config = loadStackConfig({
        GATEWAY_PORT: String(await freePort()),
        AGENT_PANEL_PORT: String(await freePort()),
        DIALER_EMULATOR_PORT: String(await freePort()),
        SALESFORCE_EMULATOR_PORT: String(await freePort()),
        CONTACT_DB_PORT: String(await freePort()),
        PUENTE_DATA_DIR: dataDir,
      });
      const output: string[] = [];
      const stack = new EmbeddedStack({
        config,
        workspaceRoot,
        env: { all: { LOG_FORMAT: 'json', LOG_LEVEL: 'warn' }, gateway: { HEALTH_PROBE_INTERVAL_MS: '500' } },
        onLine: (service, _stream, line) => output.push(`${service} │ ${line}`),
      });
      try {
        await stack.start();
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
