import type { Browser, Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { expect, test } from './stack.fixture';
import { GatewayAgent } from './support/gateway-agents';
import { shot } from './support/panel';

/**
 * Issue 8, "Done when": an agent and a supervisor in two Chromium contexts
 * against the real embedded stack (gateway, dialer emulator, Salesforce
 * emulator, the built panel). The supervisor sees the agent's call arrive on
 * the board, listens, assists, barges and ends; the dialer's audio matrix
 * proves each mode; the agent's panel says it is being monitored. An agent
 * can neither see nor open the board (the gateway refuses them too).
 */

const NUMBER = '+5491155501234';

interface AudioMatrix {
  callId: string;
  hears: Record<string, string[]>;
}

async function openPanel(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function logIn(page: Page, device: string, user: string): Promise<void> {
  await page.getByLabel('Device').fill(device);
  await page.getByLabel('User', { exact: true }).fill(user);
  await page.getByLabel('Password').fill('puente');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('agent-identity')).toContainText(device);
}

async function dialer<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

test.describe('supervisor board', () => {
  test('a supervisor watches an agent take a call, listens, assists, barges and ends', async ({
    browser,
    stack,
  }) => {
    const { agentPanel, dialerEmulator, gateway } = stack.urls;
    // Deterministic customers: the caller stays on the line until the test hangs up.
    await dialer(dialerEmulator, 'PUT', '/operator/rates', { customersHangUp: false, agentAnswerSeconds: 1 });

    const supervisor = await openPanel(browser, agentPanel, { width: 1280, height: 760 });
    await logIn(supervisor, '1021', 'super01');
    await supervisor.getByTestId('view-switch').click();
    await expect(supervisor.getByTestId('board-link')).toHaveText('Live');

    // The agent logs in after the board is open: their row arrives as a delta.
    const agent = await openPanel(browser, agentPanel, { width: 420, height: 620 });
    // The panel keeps its access token in memory only (issue 14 §2): read it off its own requests.
    let token = '';
    agent.on('request', (request) => {
      const bearer = /^Bearer (.+)$/.exec(request.headers()['authorization'] ?? '');
      if (bearer) token = bearer[1];
    });
    await logIn(agent, '1001', 'agent01');
    await expect(agent.getByTestId('view-switch')).toHaveCount(0);
    const row = supervisor.getByTestId('board-row-agent01');
    await expect(row).toBeVisible();
    await agent.getByTestId('ready-button').click();
    await expect(agent.getByTestId('agent-state')).toContainText('Available');
    await expect(row.getByTestId('row-state')).toHaveText('Available');

    // An inbound caller reaches agent01 (queue 1; the supervisor is not ready, so not a candidate).
    const placed = await dialer<{ callId: string }>(dialerEmulator, 'POST', '/operator/inbound', {
      number: NUMBER,
      queueId: '1',
    });
    await expect(row.getByTestId('row-call')).toContainText(NUMBER);
    await expect(row.getByTestId('row-state')).toHaveText('On a call');
    await expect(agent.getByTestId('call-state')).toContainText('Talking');

    // A few more agents, once agent01 has the call (so none of them could have taken it).
    const others = await Promise.all(
      ['02', '03', '04', '05'].map((n) => GatewayAgent.logIn(gateway, `agent${n}`, `10${n}`)),
    );
    await others[0].command('/agent/ready');
    await others[1].command('/agent/pause', { breakStateId: '1' });
    await others[3].command('/agent/pause', { breakStateId: '2' });
    await expect(supervisor.getByTestId('board-count')).toHaveText('5 of 5 agents');
    await expect(supervisor.getByTestId('board-row-agent03').getByTestId('row-state')).not.toHaveText(
      'Not ready',
    );

    // Filter by state, then sort by agent (descending): the board narrows and reorders live.
    await supervisor.getByTestId('filter-state').selectOption('paused');
    await expect(supervisor.getByTestId('board-count')).toHaveText('2 of 5 agents');
    await supervisor.getByTestId('filter-clear').click();
    await supervisor.getByTestId('sort-agent').click();
    await supervisor.getByTestId('sort-agent').click();
    await expect(supervisor.locator('[data-testid^="board-row-"]').first()).toHaveAttribute(
      'data-testid',
      'board-row-agent05',
    );
    await supervisor.getByTestId('sort-state').click();

    const audio = () => dialer<AudioMatrix>(dialerEmulator, 'GET', `/operator/calls/${placed.callId}/audio`);
    const sup = 'supervisor:super01';
    const current = supervisor.getByTestId('monitor-current');
    const notice = agent.getByTestId('monitored-notice');

    await row.click();
    await expect(supervisor.getByTestId('monitor-target')).toHaveText(/Agente 01|agent01/);

    // Listen (Escuchar): the supervisor hears the call, nobody hears them.
    await supervisor.getByTestId('monitor-listen').click();
    await expect(current).toHaveAttribute('data-mode', 'listen');
    await expect(supervisor.getByTestId('monitor-listen')).toHaveAttribute('aria-pressed', 'true');
    await expect(row.getByTestId('row-monitor')).toContainText('Listen');
    await expect(notice).toHaveAttribute('data-mode', 'listen');
    let matrix = await audio();
    expect(matrix.hears[sup]).toEqual(expect.arrayContaining(['agent:agent01', 'customer']));
    expect(matrix.hears['agent:agent01']).not.toContain(sup);
    expect(matrix.hears['customer']).not.toContain(sup);
    await shot(supervisor, 'supervisor-board');

    // Assist (Asistir): switched without dropping; only the agent hears the supervisor.
    await supervisor.getByTestId('monitor-assist').click();
    await expect(current).toHaveAttribute('data-mode', 'assist');
    await expect(row.getByTestId('row-monitor')).toContainText('Assist');
    await expect(notice).toHaveAttribute('data-mode', 'assist');
    matrix = await audio();
    expect(matrix.hears['agent:agent01']).toContain(sup);
    expect(matrix.hears['customer']).not.toContain(sup);
    expect(matrix.hears[sup]).toContain('customer');

    // Barge (Intervenir): everyone hears the supervisor; still the same call.
    await supervisor.getByTestId('monitor-barge').click();
    await expect(current).toHaveAttribute('data-mode', 'barge');
    await expect(row.getByTestId('row-monitor')).toContainText('Barge');
    await expect(notice).toHaveAttribute('data-mode', 'barge');
    matrix = await audio();
    expect(matrix.callId).toBe(placed.callId);
    expect(matrix.hears['customer']).toContain(sup);
    expect(matrix.hears['agent:agent01']).toContain(sup);
    await expect(row.getByTestId('row-call')).toContainText(NUMBER);

    // End (Fin): nobody hears the supervisor, the call goes on.
    await supervisor.getByTestId('monitor-end').click();
    await expect(current).toHaveCount(0);
    await expect(row.getByTestId('row-monitor')).toHaveText('');
    await expect(notice).toHaveCount(0);
    matrix = await audio();
    expect(matrix.hears[sup]).toBeUndefined();
    await expect(row.getByTestId('row-call')).toContainText(NUMBER);

    // Spanish: the same controls as the seed names them.
    await supervisor.getByLabel('Language').selectOption('es');
    await expect(supervisor.getByTestId('monitor-listen')).toHaveText('Escuchar');
    await expect(supervisor.getByTestId('monitor-assist')).toHaveText('Asistir');
    await expect(supervisor.getByTestId('monitor-barge')).toHaveText('Intervenir');
    await expect(supervisor.getByTestId('monitor-end')).toHaveText('Fin');
    await supervisor.getByLabel('Idioma').selectOption('en');
    await expect(supervisor.getByTestId('monitor-listen')).toHaveText('Listen');

    // The softphone is still there for the supervisor.
    await supervisor.getByTestId('view-switch').click();
    await expect(supervisor.getByTestId('agent-state')).toBeVisible();
    await supervisor.getByTestId('view-switch').click();
    await expect(supervisor.getByTestId('board-link')).toBeVisible();

    await dialer(dialerEmulator, 'POST', `/operator/calls/${placed.callId}/hangup`);
    await expect(row.getByTestId('row-state')).toHaveText(/Wrap-up|Available/);

    // Refusals are the gateway's (E4), whatever the panel shows.
    expect(token).toBeTruthy();
    const board = await fetch(`${gateway}/api/v1/supervision/board`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(board.status).toBe(403);
    const refusal = await new Promise<string>((resolve) => {
      const socket = io(`${gateway}/supervisors`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token },
      });
      socket.on('connect', () => (socket.close(), resolve('connected')));
      socket.on('connect_error', (e: Error & { data?: { code?: string } }) => {
        socket.close();
        resolve(e.data?.code ?? e.message);
      });
    });
    expect(refusal).toBe('FORBIDDEN');

    // Leave the shared stack as other specs expect it.
    await Promise.all(others.map((o) => o.logOut()));
    await dialer(dialerEmulator, 'PUT', '/operator/rates', { customersHangUp: true });
    await agent.context().close();
    await supervisor.context().close();
  });
});
