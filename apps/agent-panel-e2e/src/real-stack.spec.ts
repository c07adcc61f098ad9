import type { APIRequestContext } from '@playwright/test';
import { shot } from './support/panel';
import { expect, test } from './stack.fixture';

interface DialerCall {
  callId: string;
  state: string;
  campaignId: string | null;
  agentId: string | null;
}

/**
 * The panel through the whole real stack: the production build, the real
 * gateway, the dialer emulator with its database and the Salesforce
 * emulator. The emulator's customers are told not to act by themselves;
 * the test makes one answer through the operator endpoints, so the call
 * arrives when the test says.
 */
test.describe('agent day through the real stack', () => {
  const operator = async (
    request: APIRequestContext,
    url: string,
    method: 'GET' | 'POST' | 'PUT',
    data?: object,
  ) => {
    const res = await request.fetch(url, { method, data });
    expect(res.ok(), `${method} ${url}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json();
  };

  test('agent01 logs in, joins the predictive campaign, gets a call, holds, hangs up and categorises', async ({
    page,
    request,
    stack,
  }) => {
    const dialer = stack.urls.dialerEmulator;
    await operator(request, `${dialer}/operator/rates`, 'PUT', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      inboundPerHour: 0,
      agentAnswerSeconds: 0,
    });
    await page.goto(stack.urls.agentPanel);
    await expect(page.getByTestId('connection-status')).toContainText(
      'Gateway connected · dialer up · Salesforce up',
    );
    await page.getByLabel('Device').fill('1001');
    await page.getByLabel('User', { exact: true }).fill('agent01');
    await page.getByLabel('Password').fill('puente');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByTestId('agent-identity')).toContainText('device 1001');
    // The gateway's set-up warnings (e.g. no Salesforce user with agent01's e-mail) are said in
    // words, never as the generic "Something went wrong" (a bug this test found).
    await expect(page.getByText('Something went wrong. Try again.')).toHaveCount(0);
    // Such a notice floats over the call controls; the agent can close it (also a fix of this test).
    const notice = page.getByTestId('system-error');
    if (
      await notice.waitFor({ timeout: 2000 }).then(
        () => true,
        () => false,
      )
    ) {
      await page.getByTestId('system-error-dismiss').click();
      await expect(notice).toBeHidden();
    }

    await page.getByTestId('tab-campaigns').click();
    await page.getByRole('button', { name: /^Join Ventas Hogar/ }).click();
    await expect(page.getByTestId('campaign-name')).toContainText('1 - Ventas Hogar');
    await expect(page.getByTestId('agent-state')).toContainText('Available');

    // The pacer dials for the free agent; one ringing customer answers (operator endpoint).
    let line: DialerCall | undefined;
    await expect
      .poll(
        async () => {
          const state = (await operator(request, `${dialer}/state`, 'GET')) as { calls: DialerCall[] };
          line = state.calls.find((c) => c.campaignId === '1' && c.state === 'ringing');
          return line?.callId ?? null;
        },
        { timeout: 20_000 },
      )
      .not.toBeNull();
    await operator(request, `${dialer}/operator/calls/${line?.callId}/answer`, 'POST');

    await expect(page.getByTestId('call-state')).toContainText('Talking');
    await expect(page.getByTestId('caller-name')).not.toBeEmpty();
    await expect(page.getByTestId('agent-state')).toContainText('On a call');
    // The call timer runs on screen.
    await expect(page.getByTestId('call-state')).toContainText('00:02', { timeout: 5000 });

    await page.getByTestId('hold-button').click();
    await expect(page.getByTestId('call-state')).toContainText('On hold');
    await expect(page.getByTestId('hold-timer')).toContainText('00:01', { timeout: 5000 });
    await shot(page, 'real-stack-call');
    await page.getByTestId('hold-button').click();
    await expect(page.getByTestId('call-state')).toContainText('Talking');

    await page.getByTestId('hangup-button').click();
    await expect(page.getByTestId('call-state')).toContainText('Ended');
    await page.getByTestId('release-button').click();
    const category = page.getByTestId('release-category');
    await expect(category.locator('option')).not.toHaveCount(0);
    // The first category that does not ask for a date, and its first subcategory.
    const chosen = await category
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    expect(chosen.length).toBeGreaterThan(0);
    await category.selectOption(chosen[0]);
    const sub = page.getByTestId('release-subcategory');
    const subs = await sub
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    if (subs.length > 0) await sub.selectOption(subs[0]);
    await shot(page, 'real-stack-release');
    await page.getByTestId('categorize-button').click();
    await expect(page.getByTestId('ready-button')).toBeVisible();
    await page.getByTestId('ready-button').click();
    await expect(page.getByTestId('agent-state')).toContainText('Available');

    const after = (await operator(request, `${dialer}/state`, 'GET')) as {
      agents: { user: string; state: string; contactId: string | null }[];
    };
    expect(after.agents.find((a) => a.user === 'agent01')).toMatchObject({
      state: 'available',
      contactId: null,
    });
    await page.getByRole('button', { name: 'Log out' }).click();
  });
});
