import { expect, test } from './stack.fixture';
import { shot } from './support/panel';

test.describe('connection status (issue 2: the first thread through every layer)', () => {
  test('the panel connects over socket.io and shows the gateway and upstreams healthy', async ({
    page,
    stack,
  }) => {
    await page.goto(stack.urls.agentPanel);
    const status = page.getByTestId('connection-status');
    await expect(status).toContainText('Gateway connected · dialer up · Salesforce up');
    await expect(page.getByRole('status')).toHaveAttribute('data-level', 'ok');
    await shot(page, 'connection-ok');
  });

  test('stopping the gateway turns the indicator red within 5 s, and it recovers by itself', async ({
    page,
    stack,
  }) => {
    await page.goto(stack.urls.agentPanel);
    const status = page.getByTestId('connection-status');
    const indicator = page.getByRole('status');
    await expect(status).toContainText('Gateway connected · dialer up · Salesforce up');

    const stoppedAt = Date.now();
    await stack.stopProcess('gateway');
    await expect(indicator).toHaveAttribute('data-level', 'down', { timeout: 5_000 });
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    await expect(status).toContainText('Gateway disconnected');
    await shot(page, 'connection-down');

    await stack.startProcess('gateway');
    await expect(status).toContainText('Gateway connected · dialer up · Salesforce up', { timeout: 15_000 });
    await expect(indicator).toHaveAttribute('data-level', 'ok');
  });

  test('a dialer outage shows as "dialer down" while the gateway stays connected', async ({
    page,
    stack,
  }) => {
    await page.goto(stack.urls.agentPanel);
    const status = page.getByTestId('connection-status');
    await expect(status).toContainText('Gateway connected · dialer up · Salesforce up');
    await stack.stopProcess('dialerEmulator');
    await expect(status).toContainText('Gateway connected · dialer down · Salesforce up');
    await expect(page.getByRole('status')).toHaveAttribute('data-level', 'degraded');
    await stack.startProcess('dialerEmulator');
    await expect(status).toContainText('Gateway connected · dialer up · Salesforce up');
  });

  test('speaks Spanish to a Spanish-speaking agent and can switch to English', async ({ browser, stack }) => {
    const context = await browser.newContext({ locale: 'es-AR' });
    const page = await context.newPage();
    await page.goto(stack.urls.agentPanel);
    const status = page.getByTestId('connection-status');
    await expect(status).toContainText('Gateway conectado · discador activo · Salesforce activo');
    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(status).toContainText('Gateway connected · dialer up · Salesforce up');
    await context.close();
  });
});
