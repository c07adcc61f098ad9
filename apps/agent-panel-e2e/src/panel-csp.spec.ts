import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConsoleMessage, Page } from '@playwright/test';
import { ScriptedGateway } from './support/scripted-gateway';
import { login } from './support/panel';
import { expect, test } from './support/panel-host.fixture';

/** Console lines where Chromium reports a Content-Security-Policy refusal. */
function cspReports(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy|frame-ancestors/i.test(message.text())) lines.push(message.text());
  });
  return lines;
}

/**
 * Issue 14 §7 in Chromium: the panel's CSP lets only the configured console
 * frame it, and the app runs whole under that policy (no inline script, no
 * eval, its gateway reachable).
 */
test.describe("the panel's Content-Security-Policy", () => {
  let gateway: ScriptedGateway;

  test.beforeEach(async ({ scriptedGatewayUrl }) => {
    gateway = new ScriptedGateway();
    // A gateway on the served list (PANEL_GATEWAY_URLS): the CSP's connect-src names it too.
    await gateway.start(scriptedGatewayUrl);
  });
  test.afterEach(() => gateway.stop());

  test('framed by the allowed console, the panel loads, logs in and breaks no rule of its policy', async ({
    page,
    host,
  }) => {
    const reports = cspReports(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(
      `${host.urls.salesforceEmulator}/lightning/console?gateway=${encodeURIComponent(gateway.url)}`,
    );
    const panel = page.frameLocator('[data-testid="softphone-frame"]');
    await expect(page.getByTestId('utility-status')).toHaveText('Softphone ready');
    await login(panel);
    await expect(panel.getByTestId('agent-state')).toBeVisible();
    // The stylesheet applies (no inline script is needed to switch it on).
    await expect(panel.locator('body')).toHaveCSS('background-color', 'rgb(246, 247, 249)');
    expect(reports).toEqual([]);
  });

  test('framed by any other origin, Chromium refuses to render it', async ({ page, host }) => {
    const reports = cspReports(page);
    const attacker: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<!doctype html><h1>Win a prize</h1><iframe id="panel" src="${host.urls.agentPanel}/"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
      await page.goto(`${origin}/`);
      await expect(page.getByRole('heading', { name: 'Win a prize' })).toBeVisible();
      await expect.poll(() => reports.join('\n')).toMatch(/frame-ancestors/);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // Chromium leaves an error page in the frame's place: no panel, nothing to click.
      expect(await frame?.locator('pu-root').count()).toBe(0);
      await expect(page.frameLocator('#panel').getByLabel('Device')).toHaveCount(0);
    } finally {
      attacker.closeAllConnections();
      await new Promise<void>((resolve) => attacker.close(() => resolve()));
    }
  });
});
