import type { EmbeddedStack } from '@puente/dev-stack';
import type { Browser, FrameLocator, Page } from '@playwright/test';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Root = Page | FrameLocator;

/** Waits until the Log in button can be pressed (visible, enabled, stable) without pressing it. */
const loginReady = (root: Root) => root.getByRole('button', { name: 'Log in' }).click({ trial: true });

/** Navigation start → the login form usable, in a fresh context (cold HTTP cache). */
export async function timeToLoginScreen(browser: Browser, url: string, inConsole: boolean): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(url);
  await loginReady(inConsole ? page.frameLocator('[data-testid="softphone-frame"]') : page);
  const elapsed = Date.now() - started;
  await context.close();
  return elapsed;
}

async function fillLogin(page: Page, user: string, device: string): Promise<void> {
  await page.getByLabel('Device').fill(device);
  await page.getByLabel('User', { exact: true }).fill(user);
  await page.getByLabel('Password').fill('puente');
}

/** Log in pressed → the softphone's tabs and identity on screen (Login at the dialer, session, socket, resume). */
export async function timeLogin(browser: Browser, panelUrl: string, run: number): Promise<number> {
  // A different demo agent each run (agent02…), so no run replaces another's session.
  const n = 2 + (run % 18);
  const context = await browser.newContext({ viewport: { width: 420, height: 620 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(panelUrl);
  await loginReady(page);
  await fillLogin(page, `agent${String(n).padStart(2, '0')}`, String(1000 + n));
  const started = Date.now();
  await page.getByRole('button', { name: 'Log in' }).click();
  await page
    .getByTestId('agent-identity')
    .filter({ hasText: `device ${1000 + n}` })
    .waitFor();
  await page.getByTestId('tab-campaigns').waitFor();
  const elapsed = Date.now() - started;
  await page.getByRole('button', { name: 'Log out' }).click();
  await context.close();
  return elapsed;
}

interface DialerCall {
  callId: string;
  state: string;
  campaignId: string | null;
  agentId: string | null;
}

async function dialer(stack: EmbeddedStack, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${stack.urls.dialerEmulator}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * Issue 7 §8: from a predictive call's customer answering (operator endpoint:
 * the emulator's customers are told not to answer by themselves) to the
 * panel showing the caller card with the call's controls.
 */
export async function timeToPop(browser: Browser, stack: EmbeddedStack, runs: number): Promise<number[]> {
  await dialer(stack, 'PUT', '/operator/rates', {
    answerProbability: 0,
    busyProbability: 0,
    failedProbability: 0,
    noAnswerSeconds: 120,
    customersHangUp: false,
    inboundPerHour: 0,
    agentAnswerSeconds: 0,
  });
  const page = await browser.newPage({ viewport: { width: 420, height: 620 }, locale: 'en-US' });
  await page.goto(stack.urls.agentPanel);
  await loginReady(page);
  await fillLogin(page, 'agent01', '1001');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('tab-campaigns').click();
  await page.getByRole('button', { name: /^Join Ventas Hogar/ }).click();
  await page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
  // A set-up warning (e.g. no Salesforce user with agent01's e-mail) floats over the controls: close it.
  const notice = page.getByTestId('system-error');
  if (
    await notice.waitFor({ timeout: 2000 }).then(
      () => true,
      () => false,
    )
  )
    await page.getByTestId('system-error-dismiss').click();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    let line: DialerCall | undefined;
    for (let tries = 0; !line; tries++) {
      if (tries > 400) throw new Error('the predictive campaign dialled no line in 20 s');
      const state = (await dialer(stack, 'GET', '/state')) as { calls: DialerCall[] };
      line = state.calls.find((c) => c.campaignId === '1' && c.state === 'ringing' && !c.agentId);
      if (!line) await sleep(50);
    }
    const started = Date.now();
    await dialer(stack, 'POST', `/operator/calls/${line.callId}/answer`);
    await page.getByTestId('hangup-button').waitFor();
    await page.getByTestId('caller-name').filter({ hasText: /\S/ }).waitFor();
    samples.push(Date.now() - started);
    await page.getByTestId('hangup-button').click();
    await page.getByTestId('release-button').click();
    await page.getByTestId('release-without').click();
    await page.getByTestId('ready-button').click();
    await page.getByTestId('agent-state').filter({ hasText: 'Available' }).waitFor();
  }
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.close();
  return samples;
}
