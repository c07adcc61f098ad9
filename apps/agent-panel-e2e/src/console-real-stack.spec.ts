import type { APIRequestContext, FrameLocator, Page } from '@playwright/test';
import { shot } from './support/panel';
import { expect, test } from './stack.fixture';

interface DialerCall {
  callId: string;
  state: string;
  campaignId: string | null;
}

interface RecordBody {
  record: { Id: string; Name?: string };
  tasks: { Subject?: string; CallType?: string; CallDisposition?: string }[];
}

/**
 * An agent's call through the Salesforce emulator's console and the whole
 * real stack: the dialer's demo contacts are also in the demo org (the
 * aligned demo data), so the customer who answers pops their existing
 * record, and the call's Task, written by the gateway through its outbox,
 * shows up in the record's activity history.
 */
test.describe('console through the real stack', () => {
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

  const dismissNotice = async (panel: FrameLocator) => {
    const notice = panel.getByTestId('system-error');
    if (
      await notice.waitFor({ timeout: 2000 }).then(
        () => true,
        () => false,
      )
    ) {
      await panel.getByTestId('system-error-dismiss').click();
      await expect(notice).toBeHidden();
    }
  };

  const showRecord = async (page: Page, type: string, id: string) => {
    await page.evaluate(() => (location.hash = '#/'));
    await page.evaluate((hash) => (location.hash = hash), `#/r/${type}/${id}`);
  };

  test('a predictive call pops the existing record, and its Task lands on it after categorising', async ({
    page,
    request,
    stack,
  }) => {
    test.setTimeout(120_000);
    const dialer = stack.urls.dialerEmulator;
    const org = stack.urls.salesforceEmulator;
    await operator(request, `${dialer}/operator/rates`, 'PUT', {
      answerProbability: 0,
      busyProbability: 0,
      failedProbability: 0,
      noAnswerSeconds: 120,
      customersHangUp: false,
      inboundPerHour: 0,
      agentAnswerSeconds: 0,
    });
    await page.setViewportSize({ width: 1400, height: 1300 });
    await page.goto(`${org}/lightning/console?gateway=${encodeURIComponent(stack.urls.gateway)}`);
    const panel = page.frameLocator('[data-testid="softphone-frame"]');
    await expect(page.getByTestId('utility-status')).toHaveText('Softphone ready');
    await panel.getByLabel('Device').fill('1001');
    await panel.getByLabel('User', { exact: true }).fill('agent01');
    await panel.getByLabel('Password').fill('puente');
    await panel.getByRole('button', { name: 'Log in' }).click();
    await expect(panel.getByTestId('agent-identity')).toContainText('device 1001');
    await dismissNotice(panel);

    await panel.getByTestId('tab-campaigns').click();
    await panel.getByRole('button', { name: /^Join Ventas Hogar/ }).click();
    await expect(panel.getByTestId('campaign-name')).toContainText('1 - Ventas Hogar');
    await expect(panel.getByTestId('agent-state')).toContainText('Available');

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
    await expect(panel.getByTestId('call-state')).toContainText('Talking');

    // The demo contact is in the org: the console opens their record, not a new-record form.
    const record = page.getByTestId('console-record');
    await expect(record).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('console-new-record')).toHaveCount(0);
    const recordId = (await record.getAttribute('data-record-id')) ?? '';
    const objectType = (await record.getAttribute('data-object-type')) ?? '';
    expect(recordId).not.toBe('');
    const name = (await page.getByTestId('record-name').textContent()) ?? '';
    await expect(panel.getByTestId('caller-name')).toHaveText(name);
    const before = (await (
      await request.get(`${org}/lightning/console/api/records/${objectType}/${recordId}`)
    ).json()) as RecordBody;

    await panel.getByTestId('hangup-button').click();
    await expect(panel.getByTestId('call-state')).toContainText('Ended');
    await panel.getByTestId('release-button').click();
    const category = panel.getByTestId('release-category');
    await expect(category.locator('option')).not.toHaveCount(0);
    const chosen = await category
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    expect(chosen.length).toBeGreaterThan(0);
    await category.selectOption(chosen[0]);
    const sub = panel.getByTestId('release-subcategory');
    const subs = await sub
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
    if (subs.length > 0) await sub.selectOption(subs[0]);
    await panel.getByTestId('categorize-button').click();
    await expect(panel.getByTestId('ready-button')).toBeVisible();

    // The gateway writes the call's Task through its outbox: it reaches the record shortly after.
    await expect
      .poll(
        async () => {
          const res = await request.get(`${org}/lightning/console/api/records/${objectType}/${recordId}`);
          return ((await res.json()) as RecordBody).tasks.length;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(before.tasks.length);
    await showRecord(page, objectType, recordId);
    await expect(page.getByTestId('record-name')).toHaveText(name);
    await expect(page.getByTestId('task-row')).toHaveCount(before.tasks.length + 1);
    await shot(page, 'console-real-stack');

    await panel.getByTestId('ready-button').click();
    await expect(panel.getByTestId('agent-state')).toContainText('Available');
    // The stack is shared by the worker's tests: leave agent01 logged out, as real-stack.spec does.
    await panel.getByRole('button', { name: 'Log out' }).click();
    await expect(panel.getByRole('button', { name: 'Log in' })).toBeVisible();
  });
});
