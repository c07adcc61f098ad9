import type { APIRequestContext, FrameLocator, Page } from '@playwright/test';
import { shot } from './support/panel';
import { expect, test } from './stack.fixture';

/**
 * Issue 17 §2 in a browser: the panel inside the console reads the org's
 * Call Center and Softphone Layout through Open CTI when it starts, and the
 * gateway pops by them. An administrator changes searchTypePriority and the
 * outbound SingleMatch action on the console's Setup page; after a reload
 * the next call to the same number (a Contact and an Account match it)
 * pops differently.
 */
test.describe('settings from the local org (issue 17 §2)', () => {
  /** A number no demo record has (the phone rule compares the last 7 digits). */
  const NUMBER = '1148270913';
  const json = async (request: APIRequestContext, url: string, method: string, data?: object) => {
    const res = await request.fetch(url, { method, data });
    expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json();
  };

  const logIn = async (page: Page, panel: FrameLocator) => {
    await expect(page.getByTestId('utility-status')).toHaveText('Softphone ready');
    await panel.getByLabel('Device').fill('1001');
    await panel.getByLabel('User', { exact: true }).fill('agent01');
    await panel.getByLabel('Password').fill('puente');
    await panel.getByRole('button', { name: 'Log in' }).click();
    await expect(panel.getByTestId('agent-identity')).toContainText('device 1001');
    const notice = panel.getByTestId('system-error');
    if (
      await notice.waitFor({ timeout: 2000 }).then(
        () => true,
        () => false,
      )
    ) {
      await panel.getByTestId('system-error-dismiss').click();
    }
    await panel.getByTestId('tab-campaigns').click();
    await panel.getByRole('button', { name: /^Join Ventas Hogar/ }).click();
    await expect(panel.getByTestId('agent-state')).toContainText('Available');
  };

  /** A manual outbound call from the panel's dialpad: it pops when it rings (C2, B7). */
  const dial = async (page: Page, panel: FrameLocator, number: string) => {
    if (await page.getByTestId('softphone').isHidden()) await page.getByTestId('utility-phone').click();
    await panel.getByTestId('tab-dialpad').click();
    await panel.getByTestId('dialpad-input').fill(number);
    await panel.getByTestId('dial-button').click();
  };

  const wrapUpAndLogOut = async (page: Page, panel: FrameLocator) => {
    // The panel minimises itself when it pops a search page or a new record (auto-minimise, seed 004).
    if (await page.getByTestId('softphone').isHidden()) await page.getByTestId('utility-phone').click();
    await panel.getByTestId('hangup-button').click();
    const release = panel.getByTestId('release-button');
    if (
      !(await release.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      ))
    ) {
      await panel.getByRole('button', { name: 'Log out' }).click();
      await expect(panel.getByRole('button', { name: 'Log in' })).toBeVisible();
      return;
    }
    await release.click();
    const category = panel.getByTestId('release-category');
    await expect(category.locator('option')).not.toHaveCount(0);
    const values = await category
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    await category.selectOption(values[0]);
    const sub = panel.getByTestId('release-subcategory');
    const subs = await sub
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    if (subs.length > 0) await sub.selectOption(subs[0]);
    await panel.getByTestId('categorize-button').click();
    await expect(panel.getByTestId('ready-button')).toBeVisible();
    await panel.getByRole('button', { name: 'Log out' }).click();
    await expect(panel.getByRole('button', { name: 'Log in' })).toBeVisible();
  };

  test('changing searchTypePriority and the SingleMatch action in Setup changes the next pop', async ({
    page,
    request,
    stack,
  }) => {
    test.setTimeout(150_000);
    const dialer = stack.urls.dialerEmulator;
    const org = stack.urls.salesforceEmulator;
    const created: { type: string; id: string }[] = [];
    const setupBefore = (await json(request, `${org}/lightning/console/api/setup`, 'GET')) as {
      softphoneLayout: object;
    };
    await json(request, `${dialer}/operator/rates`, 'PUT', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      inboundPerHour: 0,
      agentAnswerSeconds: 0,
    });
    try {
      await page.setViewportSize({ width: 1400, height: 1300 });
      const consoleUrl = `${org}/lightning/console?gateway=${encodeURIComponent(stack.urls.gateway)}`;
      await page.goto(consoleUrl);
      const panel = page.frameLocator('[data-testid="softphone-frame"]');
      await logIn(page, panel);
      await panel.getByTestId('tab-info').click();
      await expect(panel.getByTestId('settings-source-call-center')).toHaveAttribute(
        'data-source',
        'salesforce',
      );
      await expect(panel.getByTestId('settings-source-call-center')).toContainText('Puente CTI');
      await expect(panel.getByTestId('settings-source-layout')).toHaveAttribute('data-source', 'salesforce');

      // A Contact and an Account on one number; the package's Call Center has no searchTypePriority: ambiguous.
      for (const [type, name] of [
        ['Contact', { LastName: 'Settings Contact' }],
        ['Account', { Name: 'Settings Account' }],
      ] as const) {
        const answer = (await json(request, `${org}/lightning/console/api/records/${type}`, 'POST', {
          ...name,
          Phone: NUMBER,
        })) as { id: string };
        created.push({ type, id: answer.id });
      }
      await dial(page, panel, NUMBER);
      await expect(page.getByTestId('console-search')).toBeVisible({ timeout: 15_000 });
      await expect(page.getByTestId('console-record')).toHaveCount(0);
      await wrapUpAndLogOut(page, panel);

      // The administrator edits the org's Call Center and Softphone Layout on the Setup page.
      await page.getByRole('button', { name: 'Minimise the phone' }).click();
      await page.evaluate(() => (location.hash = '#/setup'));
      await page.getByLabel(/Prioridad de búsqueda/).fill('Account|Contact');
      await page.getByTestId('save-call-center').click();
      await expect(page.getByTestId('setup-status')).toContainText('Call Center saved');
      await page.locator('#sl-Outbound-SingleMatch').selectOption({ label: "Don't pop any screen" });
      await page.getByTestId('save-softphone-layout').click();
      await expect(page.getByTestId('setup-status')).toContainText('Softphone Layout saved');
      await shot(page, 'console-setup');

      // Softphones read the settings when they start: reload the console.
      await page.evaluate(() => (location.hash = '#/'));
      await page.reload();
      await logIn(page, panel);
      await dial(page, panel, NUMBER);
      // searchTypePriority now picks the Account, and a single match pops nothing: the console stays home.
      await expect(panel.getByTestId('caller-name')).toHaveText('Settings Account', { timeout: 15_000 });
      await expect(page.getByTestId('console-record')).toHaveCount(0);
      await expect(page.getByTestId('console-search')).toHaveCount(0);
      await wrapUpAndLogOut(page, panel);
    } finally {
      // The stack is shared by the worker's tests: put the org back as the package left it.
      await json(request, `${org}/lightning/console/api/setup/call-center`, 'PUT', {
        '/neotelConfigOptions/searchTypePriority': '',
      });
      await json(
        request,
        `${org}/lightning/console/api/setup/softphone-layout`,
        'PUT',
        setupBefore.softphoneLayout,
      );
      const token = (await (
        await request.post(`${org}/services/oauth2/token`, {
          form: {
            grant_type: 'client_credentials',
            client_id: 'puente-demo',
            client_secret: 'puente-demo-secret',
          },
        })
      ).json()) as { access_token: string };
      for (const { type, id } of created) {
        await request.delete(`${org}/services/data/v62.0/sobjects/${type}/${id}`, {
          headers: { Authorization: `Bearer ${token.access_token}` },
        });
      }
    }
  });
});
