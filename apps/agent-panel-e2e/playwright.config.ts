import { defineConfig } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium: never a downloaded browser (the network
 * here reaches only the npm registry and Debian). Each worker runs its own
 * embedded stack on free ports, so the tests can run beside `npm start`.
 */
export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/.playwright/agent-panel-e2e/test-output',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    headless: true,
    locale: 'en-US',
    viewport: { width: 620, height: 420 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
