import type { Page } from '@playwright/test';
import {
  contrastViolations,
  expectAaContrast,
  expectLabelledControls,
  expectNoHorizontalScroll,
  focusState,
} from './support/a11y';
import { ScriptedGateway } from './support/scripted-gateway';
import { joinCampaign, login } from './support/panel';
import { expect, test } from './support/panel-host.fixture';

/**
 * Issue 7 §6, quality of the interface: WCAG AA contrast, a name on every
 * control, keyboard operation with a visible focus, and the 320 × 420 fit.
 * The panel has one (light) theme; it declares no dark colour scheme, so
 * there is no dark theme to check. Runs against the scripted gateway, as
 * `agent-day.spec.ts` does.
 */
test.describe('accessibility (scripted gateway)', () => {
  let gateway: ScriptedGateway;

  test.beforeEach(async ({ scriptedGatewayUrl }) => {
    gateway = new ScriptedGateway();
    await gateway.start(scriptedGatewayUrl);
  });
  test.afterEach(() => gateway.stop());

  const open = (page: Page, panelUrl: string) =>
    page.goto(`${panelUrl}/?gateway=${encodeURIComponent(gateway.url)}`);

  /** Contrast, names and width of what is on screen now. */
  async function audit(page: Page, context: string): Promise<void> {
    await expectAaContrast(page, context);
    await expectLabelledControls(page, context);
    await expectNoHorizontalScroll(page, context);
  }

  for (const viewport of [
    { width: 320, height: 420 },
    { width: 420, height: 620 }, // the config's default
  ]) {
    test(`contrast, labelled controls and fit at ${viewport.width} × ${viewport.height}`, async ({
      page,
      host,
    }) => {
      await page.setViewportSize(viewport);
      const at = (screen: string) => `${screen} at ${viewport.width}×${viewport.height}`;

      await open(page, host.urls.agentPanel);
      await expect(page.getByTestId('connection-status')).toContainText('Gateway connected');
      await audit(page, at('login'));
      // The checker catches what it should: grey on white, and translucent white composited on blue.
      await page.evaluate(() =>
        document.body.insertAdjacentHTML(
          'beforeend',
          '<div id="probe"><p style="color:#999;background:#fff">grey</p>' +
            '<p style="background:#0b5cad"><span style="color:rgb(255 255 255 / 40%)">faint</span></p>' +
            '<p style="background:#0b5cad;color:#fff">fine</p></div>',
        ),
      );
      expect((await contrastViolations(page)).map((v) => v.text)).toEqual(['grey', 'faint']);
      await page.evaluate(() => document.getElementById('probe')?.remove());
      await login(page, 'wrong');
      await expect(page.getByTestId('login-error')).toBeVisible();
      await audit(page, at('login with an error'));

      await login(page);
      await expect(page.getByTestId('agent-identity')).toBeVisible();
      await audit(page, at('softphone, campaigns'));
      await joinCampaign(page);
      await audit(page, at('softphone, campaign joined'));

      await page.getByTestId('tab-dialpad').click();
      await expect(page.getByTestId('dialpad-input')).toBeVisible();
      await audit(page, at('keypad'));

      await page.getByTestId('tab-breaks').click();
      await expect(page.getByRole('button', { name: '1 - Descanso' })).toBeVisible();
      await audit(page, at('breaks'));

      await page.getByTestId('tab-dialpad').click();
      await page.getByTestId('dialpad-input').fill('1145550199');
      await page.getByTestId('dial-button').click();
      await expect(page.getByTestId('call-state')).toContainText('Talking');
      await audit(page, at('keypad in a call'));
      await page.getByTestId('hold-button').click();
      await expect(page.getByTestId('call-state')).toContainText('On hold');
      await audit(page, at('call on hold'));
      await page.getByTestId('hold-button').click();
      await expect(page.getByTestId('call-state')).toContainText('Talking');

      await page.getByTestId('tab-transfer').click();
      await expect(page.getByTestId('transfer-button')).toBeVisible();
      await audit(page, at('transfer'));

      await page.getByTestId('hangup-button').click();
      await expect(page.getByTestId('call-state')).toContainText('Ended');
      await page.getByTestId('tab-info').click();
      await expect(page.getByTestId('info-contact')).toBeVisible();
      await audit(page, at('info after the call'));
      await page.getByTestId('release-button').click();
      await expect(page.getByTestId('release-category')).toBeVisible();
      await audit(page, at('release'));
    });
  }

  test('logs in with the keyboard alone and reaches the call controls by Tab, focus always visible', async ({
    page,
    host,
  }) => {
    await page.setViewportSize({ width: 320, height: 420 });
    await open(page, host.urls.agentPanel);
    await expect(page.getByTestId('connection-status')).toContainText('Gateway connected');

    const noIndicator = new Set<string>();
    /** Tabs (or Shift+Tabs) until the focus is on `target`, noting any focused element without a visible indicator. */
    async function tabTo(
      target: { id?: string; testId?: string; label?: string },
      key = 'Tab',
      max = 60,
    ): Promise<void> {
      const seen: string[] = [];
      for (let i = 0; i < max; i++) {
        await page.keyboard.press(key);
        const focus = await focusState(page);
        seen.push(focus.description);
        if (focus.description !== 'body' && !focus.visible) noIndicator.add(focus.description);
        if (
          (target.id && focus.id === target.id) ||
          (target.testId && focus.testId === target.testId) ||
          (target.label && focus.label === target.label)
        )
          return;
      }
      throw new Error(`${key} never reached ${JSON.stringify(target)}; focus went: ${seen.join(' → ')}`);
    }

    await tabTo({ id: 'login-device' });
    await page.keyboard.type('1001');
    await tabTo({ id: 'login-user' });
    await page.keyboard.type('ana');
    await tabTo({ id: 'login-password' });
    await page.keyboard.type('secret');
    await tabTo({ id: 'login-user' }, 'Shift+Tab');
    await expect(page.locator('#login-user')).toHaveValue('ana');
    await tabTo({ id: 'login-password' });
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Log in' })).toBeFocused();
    expect((await focusState(page)).visible, 'the Log in button shows its focus').toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('agent-identity')).toHaveText('Ana Agent · device 1001');

    // The campaigns tab is open after login: join with Space.
    await tabTo({ label: 'Join SALESFORCE' });
    await page.keyboard.press('Space');
    await expect(page.getByTestId('agent-state')).toContainText('Available');

    // The tab bar is one Tab stop (a tablist): Home moves to the keypad tab.
    await tabTo({ testId: 'tab-campaigns' });
    await page.keyboard.press('Home');
    await expect(page.getByTestId('tab-dialpad')).toBeFocused();
    await tabTo({ testId: 'dialpad-input' });
    await page.keyboard.type('1145550199');
    await tabTo({ testId: 'dial-button' });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('call-state')).toContainText('Talking');

    // The call controls, reached by Tab and worked with Space and Enter.
    await tabTo({ testId: 'hold-button' });
    await page.keyboard.press('Space');
    await expect(page.getByTestId('call-state')).toContainText('On hold');
    await expect(page.getByTestId('hold-button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('call-state')).toContainText('Talking');
    await tabTo({ testId: 'hangup-button' });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('call-state')).toContainText('Ended');

    expect([...noIndicator], 'focused elements without a visible focus indicator').toEqual([]);
  });
});
