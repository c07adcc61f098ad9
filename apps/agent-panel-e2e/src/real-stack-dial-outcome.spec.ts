import type { APIRequestContext } from '@playwright/test';
import { shot } from './support/panel';
import { expect, test } from './stack.fixture';

/**
 * Issue 16 §1 / §2.7: "Dialing…" must not stay after the call ended. A manual
 * call the customer never answers (a busy line, a failed call, no answer)
 * through the real stack: the dialer emulator draws the outcome from its
 * operator rates; the panel must leave the dialing state and say how it ended.
 */
test.describe('a manual call that is never answered (real stack)', () => {
  const operator = async (request: APIRequestContext, url: string, method: 'GET' | 'PUT', data?: object) => {
    const res = await request.fetch(url, { method, data });
    expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json();
  };

  const OUTCOMES = [
    { name: 'busy', rates: { busyProbability: 1, failedProbability: 0 }, words: /busy/i },
    { name: 'failed', rates: { busyProbability: 0, failedProbability: 1 }, words: /fail/i },
    { name: 'no answer', rates: { busyProbability: 0, failedProbability: 0 }, words: /answer/i },
  ];

  test('busy, failed and unanswered dials end on screen, not "Dialing"', async ({ page, request, stack }) => {
    test.setTimeout(90_000);
    const dialer = stack.urls.dialerEmulator;
    // The stack is shared by the worker's tests: put the dialer's rates back afterwards.
    const rates = (await operator(request, `${dialer}/operator/rates`, 'GET')) as object;
    await page.goto(stack.urls.agentPanel);
    await expect(page.getByTestId('connection-status')).toContainText('Gateway connected');
    await page.getByLabel('Device').fill('1001');
    await page.getByLabel('User', { exact: true }).fill('agent01');
    await page.getByLabel('Password').fill('puente');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByTestId('agent-identity')).toContainText('1001');
    const notice = page.getByTestId('system-error');
    if (
      await notice.waitFor({ timeout: 2000 }).then(
        () => true,
        () => false,
      )
    )
      await page.getByTestId('system-error-dismiss').click();

    for (const outcome of OUTCOMES) {
      await test.step(outcome.name, async () => {
        await operator(request, `${dialer}/operator/rates`, 'PUT', {
          answerProbability: 0,
          noAnswerSeconds: 2,
          customersHangUp: false,
          inboundPerHour: 0,
          ...outcome.rates,
        });
        await page.getByTestId('tab-dialpad').click();
        await page.getByTestId('dialpad-input').fill('1145550199');
        await page.getByTestId('dial-button').click();
        await expect(page.getByTestId('call-area')).toContainText('Dialing the customer');
        // The dialer ends the call within its ring time (1–4 s busy or failed, 2 s unanswered).
        await expect(page.getByTestId('call-area')).not.toContainText('Dialing', { timeout: 10_000 });
        await expect(page.getByTestId('status-bar')).not.toContainText('Dialing');
        await expect(page.getByTestId('call-area')).toContainText(outcome.words);
        await shot(page, `real-stack-dial-${outcome.name.replace(' ', '-')}`);
        // Back to a state that can dial again: release the contact when the call left one.
        const release = page.getByTestId('release-button');
        if (await release.isVisible()) {
          await release.click();
          const without = page.getByTestId('release-without');
          await without.click();
          await expect(release).toBeHidden();
        }
      });
    }
    // Leave agent01 as the worker's other tests expect it: out of wrap-up, logged out, the rates as they were.
    const ready = page.getByTestId('ready-button');
    if (await ready.isVisible()) {
      await ready.click();
      await expect(page.getByTestId('agent-state')).not.toContainText('Wrap-up');
    }
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await operator(request, `${dialer}/operator/rates`, 'PUT', rates);
  });
});
