import { ScriptedGateway } from './support/scripted-gateway';
import { login } from './support/panel';
import { expect, test } from './support/panel-host.fixture';

/**
 * Issue 16 §1 / §2.7: "Dialing…" must not stay after the call ended. A manual
 * call that is busy, unanswered or fails — also one whose end reaches the
 * panel before the dial's own reply — leaves the dialing state at once, and
 * the panel says how it ended. (real-stack-dial-outcome.spec drives the same
 * through the dialer emulator.)
 */
test.describe('a manual call that is never answered (scripted gateway)', () => {
  let gateway: ScriptedGateway;

  test.beforeEach(async ({ scriptedGatewayUrl }) => {
    gateway = new ScriptedGateway();
    await gateway.start(scriptedGatewayUrl);
  });
  test.afterEach(() => gateway.stop());

  const OUTCOMES = [
    { outcome: 'busy', words: 'busy' },
    { outcome: 'no_answer', words: 'no answer' },
    { outcome: 'failed', words: 'the call failed' },
    { outcome: 'busy-at-once', words: 'busy' },
  ] as const;

  for (const { outcome, words } of OUTCOMES) {
    test(`${outcome}: the call area and the status line leave "Dialing"`, async ({ page, host }) => {
      await page.goto(`${host.urls.agentPanel}/?gateway=${encodeURIComponent(gateway.url)}`);
      await login(page);
      gateway.dialOutcome = outcome;
      await page.getByTestId('tab-dialpad').click();
      await page.getByTestId('dialpad-input').fill('1145550199');
      await page.getByTestId('dial-button').click();
      await expect(page.getByTestId('call-area')).toContainText(`Call ended: ${words}`);
      await expect(page.getByTestId('call-area')).not.toContainText('Dialing');
      await expect(page.getByTestId('status-bar')).not.toContainText('Dialing');
      await expect(page.getByTestId('call-state')).toContainText('Ended');
      // The keypad dials again: nothing is left waiting for the ended call.
      await page.getByTestId('dialpad-input').fill('1145550200');
      await expect(page.getByTestId('dial-button')).toBeEnabled();
    });
  }
});
