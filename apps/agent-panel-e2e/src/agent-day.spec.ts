import { ScriptedGateway } from './support/scripted-gateway';
import { joinCampaign, login, shot } from './support/panel';
import { expect, test } from './support/panel-host.fixture';

/**
 * Every function of the panel in a browser, against a scripted gateway (the
 * real gateway's routes and event protocol, no dialer behind it). The panel
 * is the production build served by the embedded stack.
 */
test.describe('agent day (scripted gateway)', () => {
  let gateway: ScriptedGateway;

  test.beforeEach(async ({ scriptedGatewayUrl }) => {
    gateway = new ScriptedGateway();
    await gateway.start(scriptedGatewayUrl);
  });
  test.afterEach(() => gateway.stop());

  const open = (panelUrl: string) => `${panelUrl}/?gateway=${encodeURIComponent(gateway.url)}`;

  test('login, campaign, break and back, manual call with hold, DTMF, transfer, conference, categorise', async ({
    page,
    host,
  }) => {
    await page.goto(open(host.urls.agentPanel));
    await expect(page.getByTestId('connection-status')).toContainText(
      'Gateway connected · dialer up · Salesforce up',
    );
    await shot(page, 'login');

    await login(page, 'wrong');
    await expect(page.getByTestId('login-error')).toHaveText('Device, user or password is wrong.');
    await login(page);
    await expect(page.getByTestId('agent-identity')).toHaveText('Ana Agent · device 1001');

    await joinCampaign(page);
    await shot(page, 'campaigns');

    await page.getByTestId('tab-breaks').click();
    await page.getByRole('button', { name: '1 - Descanso' }).click();
    await expect(page.getByTestId('agent-state')).toContainText('Descanso');
    await expect(page.getByTestId('current-break')).toContainText('/ 15:00');
    await expect(page.getByTestId('agent-state')).toContainText('00:01', { timeout: 4000 });
    await shot(page, 'breaks');
    await page.getByTestId('current-break').getByRole('button', { name: 'Leave break' }).click();
    await expect(page.getByTestId('agent-state')).toContainText('Available');

    await page.getByTestId('tab-dialpad').click();
    for (const digit of '1145550199') await page.getByRole('button', { name: digit, exact: true }).click();
    await expect(page.getByTestId('dialpad-input')).toHaveValue('1145550199');
    await page.getByTestId('dial-button').click();
    await expect(page.getByTestId('call-state')).toContainText('Talking');

    await page.getByTestId('hold-button').click();
    await expect(page.getByTestId('call-state')).toContainText('On hold');
    await expect(page.getByTestId('hold-timer')).toBeVisible();
    await page.getByTestId('hold-button').click();
    await expect(page.getByTestId('call-state')).toContainText('Talking');

    await page.getByTestId('dialpad-input').fill('12#');
    await page.getByTestId('dtmf-button').click();
    await expect(page.getByText('Sent on this call: 12#')).toBeVisible();
    await shot(page, 'call-dtmf');

    await page.getByTestId('tab-transfer').click();
    await page.getByText('Back office').click();
    await page.getByText('Attended', { exact: true }).click();
    await page.getByTestId('transfer-button').click();
    await expect(page.getByTestId('call-state')).toContainText('Transferring');
    await shot(page, 'transfer-attended');
    await page.getByRole('button', { name: 'End transfer' }).first().click();
    await expect(page.getByTestId('call-state')).toContainText('Talking');

    await page.getByTestId('tab-conference').click();
    await page.getByTestId('conference-start').click();
    await page.getByTestId('invite-number').fill('+541148001111');
    await page.getByTestId('invite-button').click();
    await page.getByText('User', { exact: true }).click();
    await page.getByRole('combobox', { name: 'User' }).selectOption('u2');
    await page.getByTestId('invite-button').click();
    await expect(page.getByTestId('participants').getByRole('listitem')).toHaveCount(2);
    await shot(page, 'conference');
    await page.getByTestId('conference-end').click();
    await expect(page.getByTestId('call-state')).toContainText('Talking');

    await page.getByTestId('hangup-button').click();
    await expect(page.getByTestId('call-state')).toContainText('Ended');
    await page.getByTestId('tab-info').click();
    await expect(page.getByTestId('info-last-call')).toHaveText('0');
    await expect(page.getByTestId('info-contact')).toHaveText('5001');
    await expect(page.getByTestId('info-database')).toHaveText('12');
    await shot(page, 'info');

    await page.getByTestId('release-button').click();
    await page.getByTestId('release-category').selectOption('1');
    await page.getByTestId('release-subcategory').selectOption('11');
    await shot(page, 'release');
    await page.getByTestId('categorize-button').click();
    await expect(page.getByTestId('ready-button')).toBeVisible();
    const categorize = gateway.commands.find((c) => c.path === '/contacts/5001/categorize');
    expect(categorize?.body).toEqual({ categoryId: '1', subcategoryId: '11' });
    await page.getByTestId('ready-button').click();
    await expect(page.getByTestId('agent-state')).toContainText('Available');

    const keys = gateway.commands.map((c) => c.key);
    expect(keys.every((k) => !!k)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('schedules a callback in the calendar, and a retried command reuses its Idempotency-Key', async ({
    page,
    host,
  }) => {
    await page.goto(open(host.urls.agentPanel));
    await login(page);
    await joinCampaign(page);
    gateway.offerCall({ type: 'none' }, null);
    await expect(page.getByTestId('call-state')).toContainText('Ringing');
    gateway.answer();
    gateway.dropNextCommand = true;
    await page.getByTestId('hangup-button').click();
    await expect(page.getByTestId('call-state')).toContainText('Ended');
    const hangups = gateway.commands.filter((c) => c.path.endsWith('/hangup'));
    expect(hangups).toHaveLength(2);
    expect(hangups[0].key).toBe(hangups[1].key);

    await page.getByTestId('schedule-button').click();
    await page.getByRole('button', { name: 'Tomorrow 9:00' }).click();
    await expect(page.getByTestId('picker-summary')).toContainText('9:00');
    await shot(page, 'schedule');
    await page.getByTestId('schedule-submit').click();
    await expect(page.getByText('Callback scheduled.')).toBeVisible();
    const schedule = gateway.commands.find((c) => c.path.endsWith('/schedule'));
    expect(String((schedule?.body as { at: string }).at)).toMatch(/T09:00:00[+-]\d\d:\d\d$/);
  });

  test('a network blip and a reload restore the exact state of the call', async ({ page, host }) => {
    await page.goto(open(host.urls.agentPanel));
    await login(page);
    await joinCampaign(page);
    gateway.offerCall(
      { type: 'record', objectType: 'Contact', recordId: '003000000000001AAA' },
      {
        recordId: '003000000000001AAA',
        objectType: 'Contact',
        name: 'María Pérez',
        fields: [{ label: 'Account', value: 'Acme' }],
      },
    );
    await expect(page.getByTestId('caller-name')).toHaveText('María Pérez');
    await expect(page.getByTestId('caller-fields')).toContainText('Acme');
    await shot(page, 'caller-card');
    gateway.answer();
    await expect(page.getByTestId('call-state')).toContainText('Talking');

    gateway.disconnectSockets();
    gateway.emit('call.held', { callId: 'call-1' });
    await expect(page.getByTestId('link-banner')).toBeVisible();
    await shot(page, 'reconnecting');
    await expect(page.getByTestId('call-state')).toContainText('On hold', { timeout: 10_000 });
    await expect(page.getByTestId('link-banner')).toBeHidden();

    await page.reload();
    await expect(page.getByTestId('call-state')).toContainText('On hold');
    await expect(page.getByTestId('caller-name')).toHaveText('María Pérez');
    await expect(page.getByTestId('agent-state')).toContainText('On a call');
    await expect(page.getByTestId('campaign-name')).toHaveText('97 - SALESFORCE');
  });

  test('both languages: Spanish from the browser locale, switchable to English', async ({
    browser,
    host,
  }) => {
    const context = await browser.newContext({ locale: 'es-AR', viewport: { width: 320, height: 420 } });
    const page = await context.newPage();
    await page.goto(open(host.urls.agentPanel));
    await expect(page.getByRole('heading', { name: 'Ingresar a la telefonía' })).toBeVisible();
    await page.getByLabel('Dispositivo').fill('1001');
    await page.getByLabel('Usuario', { exact: true }).fill('ana');
    await page.getByLabel('Password').fill('secret');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await expect(page.getByTestId('tab-campaigns')).toBeVisible();
    await shot(page, 'softphone-es-320x420');
    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(page.getByTestId('tab-campaigns')).toContainText('Campaigns');
    await context.close();
  });
});
