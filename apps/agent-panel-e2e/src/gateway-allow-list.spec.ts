import type { Page, Response } from '@playwright/test';
import { AttackerServer } from './support/attacker';
import { expect, test } from './stack.fixture';

/**
 * Issue 14 §2: `?gateway=` must not be a way to steal an agent's session.
 * The panel, logged in through the real embedded stack, is opened with
 * `?gateway=<attacker>`; the attacker answers anything a careless panel
 * would send it. The panel must send it nothing, say so, and keep working
 * with the gateway its served configuration names. The refresh token never
 * sits in localStorage, and tabs share the rotating token without fighting.
 */
test.describe('the panel talks only to the gateways its configuration names (issue 14 §2)', () => {
  let attacker: AttackerServer;

  test.beforeEach(async () => {
    attacker = new AttackerServer();
    await attacker.start();
  });
  test.afterEach(() => attacker.stop());

  const evil = () => `?gateway=${encodeURIComponent(attacker.url)}`;

  /** Every refresh token the gateway hands this page, from login and refresh answers. */
  function collectRefreshTokens(page: Page, gateway: string): () => Promise<string[]> {
    const bodies: Promise<string | null>[] = [];
    page.on('response', (res: Response) => {
      if (!res.url().startsWith(`${gateway}/api/v1/sessions`) || res.request().method() !== 'POST') return;
      bodies.push(
        res.json().then(
          (b: { refreshToken?: string }) => b.refreshToken ?? null,
          () => null,
        ),
      );
    });
    return async () => (await Promise.all(bodies)).filter((t): t is string => !!t);
  }

  async function logIn(page: Page, device: string, user: string): Promise<void> {
    await page.getByLabel('Device').fill(device);
    await page.getByLabel('User', { exact: true }).fill(user);
    await page.getByLabel('Password').fill('puente');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByTestId('agent-state')).toBeVisible();
  }

  const localStorageText = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }));

  test('a stored session is never sent to a ?gateway= off the list; the panel says so and keeps working', async ({
    page,
    stack,
  }) => {
    const { agentPanel, gateway } = stack.urls;
    const refreshTokens = collectRefreshTokens(page, gateway);
    await page.goto(agentPanel);
    await logIn(page, '1011', 'agent11');
    const [issued] = await refreshTokens();
    expect(issued).toBeTruthy();
    expect(await localStorageText(page)).not.toContain(issued);

    // Same tab, so the stored session is there to steal.
    await page.goto(`${agentPanel}/${evil()}`);
    await expect(page.getByTestId('agent-identity')).toContainText('device 1011');
    // Long enough for the status socket, the agent socket, the settings and a refresh to have gone out.
    await page.waitForTimeout(2500);
    expect(attacker.credentials()).toEqual([]);
    expect(attacker.seen).toEqual([]);

    const notice = page.getByTestId('gateway-refused');
    await expect(notice).toContainText(attacker.url);
    await expect(notice).toContainText('not on its list');
    await expect(page.getByTestId('connection-status')).toContainText(
      'Gateway connected · dialer up · Salesforce up',
    );
    // REST with the agent's token still works against the real gateway.
    await page.getByTestId('tab-campaigns').click();
    await expect(page.getByRole('button', { name: /^Join / }).first()).toBeVisible();

    const everyToken = await refreshTokens();
    expect(everyToken.length).toBeGreaterThanOrEqual(1);
    const stored = await localStorageText(page);
    for (const token of everyToken) expect(stored).not.toContain(token);
    expect(stored).not.toMatch(/refresh/i);
    expect(attacker.seen).toEqual([]);
    await page.getByTestId('logout-button').click();
    await expect(page.getByLabel('Password')).toBeVisible();
  });

  test('a second tab is handed the session, and reloads in either tab never fight over the refresh token', async ({
    page,
    stack,
  }) => {
    const { agentPanel, gateway } = stack.urls;
    await page.goto(agentPanel);
    await logIn(page, '1012', 'agent12');

    // A new tab has no session of its own: the open one hands it over (no second login, which
    // would end the first tab's session). It too was opened with the attacker's ?gateway=.
    const second = await page.context().newPage();
    await second.goto(`${agentPanel}/${evil()}`);
    await expect(second.getByTestId('agent-state')).toBeVisible();
    await expect(second.getByTestId('agent-identity')).toContainText('device 1012');
    await second.waitForTimeout(1500);
    expect(attacker.credentials()).toEqual([]);

    const refreshed = (p: Page) => p.waitForResponse((r) => r.url() === `${gateway}/api/v1/sessions/refresh`);
    // Each reload refreshes (the access token lives in memory only) and rotates the refresh
    // token; the other tab must adopt the new one, or its next refresh is refused.
    for (const [tab, other] of [
      [page, second],
      [second, page],
      [page, second],
    ] as const) {
      const answer = refreshed(tab);
      await tab.reload();
      expect((await answer).status()).toBe(200);
      await expect(tab.getByTestId('agent-state')).toBeVisible();
      await expect(other.getByTestId('agent-state')).toBeVisible();
    }
    await expect(page.getByTestId('connection-status')).toContainText('Gateway connected');
    await expect(second.getByTestId('connection-status')).toContainText('Gateway connected');
    expect(attacker.credentials()).toEqual([]);
    expect(attacker.seen).toEqual([]);

    await page.getByTestId('logout-button').click();
    await expect(page.getByLabel('Password')).toBeVisible();
    await second.close();
  });
});
