import type { Browser, FrameLocator, Page } from '@playwright/test';
import { expect, test } from './stack.fixture';
import { GatewayAgent } from './support/gateway-agents';
import { shot } from './support/panel';

/**
 * Issue 16 §1, the supervisor's part: the board fits the softphone it lives
 * in (620 × 420, the Call Center's size, and a 340 × 500 utility panel) —
 * agent rows in view without scrolling the page, headers apart, the figures
 * folding away and remembered — and opens, through Open CTI's screenPop of
 * type URL, as a full-page board in a console tab that follows the agents
 * live. Against the real embedded stack.
 */

type Root = Page | FrameLocator;

/** Ten agents beside the supervisor, in a spread of states. */
const AGENTS = ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11'];

interface Fit {
  rowsInView: number;
  overlaps: string[];
  clipped: string[];
  docScroll: { x: number; y: number };
}

/** Measured in the page: whole rows a person can see, header cells that intersect or cut their label, page scroll. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid^="board-row-"]')];
    const rowsInView = rows.filter((row) => {
      const r = row.getBoundingClientRect();
      if (r.height === 0 || r.top < 0 || r.bottom > vh + 0.5 || r.left < 0 || r.left > vw) return false;
      // Seen, not just laid out: the point in the middle of the row's name belongs to the row.
      const name = row.querySelector<HTMLElement>('[role="gridcell"]') ?? row;
      const n = name.getBoundingClientRect();
      const hit = document.elementFromPoint(Math.min(vw - 1, n.left + 8), (r.top + r.bottom) / 2);
      return !!hit && row.contains(hit);
    }).length;
    const heads = [...document.querySelectorAll<HTMLElement>('[role="columnheader"]')].filter(
      (h) => h.getBoundingClientRect().width > 0,
    );
    const overlaps: string[] = [];
    const clipped: string[] = [];
    heads.forEach((a, i) => {
      const ra = a.getBoundingClientRect();
      const label = a.firstElementChild as HTMLElement | null;
      if (label && label.scrollWidth > label.clientWidth + 1) clipped.push(a.textContent?.trim() ?? '');
      if (ra.right > vw + 0.5) clipped.push(`${a.textContent?.trim()} (off screen)`);
      heads.slice(i + 1).forEach((b) => {
        const rb = b.getBoundingClientRect();
        const apart =
          ra.right <= rb.left + 0.5 ||
          rb.right <= ra.left + 0.5 ||
          ra.bottom <= rb.top + 0.5 ||
          rb.bottom <= ra.top + 0.5;
        if (!apart) overlaps.push(`${a.textContent?.trim()} × ${b.textContent?.trim()}`);
      });
    });
    const doc = document.scrollingElement ?? document.documentElement;
    return {
      rowsInView,
      overlaps,
      clipped,
      docScroll: { x: doc.scrollWidth - doc.clientWidth, y: doc.scrollHeight - doc.clientHeight },
    };
  });
}

async function logIn(root: Root, device: string, user: string): Promise<void> {
  await root.getByLabel('Device').fill(device);
  await root.getByLabel('User', { exact: true }).fill(user);
  await root.getByLabel('Password').fill('puente');
  await root.getByRole('button', { name: 'Log in' }).click();
  await expect(root.getByTestId('agent-identity')).toContainText(device);
}

async function openBoard(root: Root, total: number): Promise<void> {
  await root.getByTestId('view-switch').click();
  await expect(root.getByTestId('board-link')).toHaveText('Live');
  await expect(root.getByTestId('board-count')).toContainText(`${total}`);
}

/** The board at one size: rows, headers, page scroll, figures folded and back; screenshots of both. */
async function checkFit(page: Page, size: { width: number; height: number }, minRows: number) {
  const name = `${size.width}x${size.height}`;
  await page.setViewportSize(size);
  await expect(page.getByTestId('figures-strip')).toBeVisible();
  await shot(page, `board-figures-${name}`);
  const open = await measure(page);
  console.log(`${name} with the figures: ${JSON.stringify(open)}`);
  const toggle = page.getByTestId('figures-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  expect(open.overlaps, `header cells intersect at ${name}`).toEqual([]);
  expect(open.clipped, `header labels cut at ${name}`).toEqual([]);
  expect(open.docScroll, `the page scrolls at ${name}`).toEqual({ x: 0, y: 0 });

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('figures-strip')).toBeHidden();
  await shot(page, `board-collapsed-${name}`);
  const folded = await measure(page);
  expect(folded.rowsInView, `agent rows in view at ${name}`).toBeGreaterThanOrEqual(minRows);
  expect(folded.overlaps).toEqual([]);
  expect(folded.docScroll).toEqual({ x: 0, y: 0 });
  return { open, folded };
}

async function newPage(browser: Browser, size: { width: number; height: number }, url: string) {
  const context = await browser.newContext({ viewport: size, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test.describe('supervisor board at the softphone sizes (issue 16 §1)', () => {
  test('fits 620×420 and 340×500, folds its figures, and opens full page in a console tab', async ({
    browser,
    stack,
  }) => {
    test.setTimeout(150_000);
    const { agentPanel, gateway, salesforceEmulator } = stack.urls;
    const agents = await Promise.all(AGENTS.map((n) => GatewayAgent.logIn(gateway, `agent${n}`, `10${n}`)));
    await agents[0].command('/agent/ready');
    await agents[1].command('/agent/pause', { breakStateId: '1' });
    await agents[3].command('/agent/pause', { breakStateId: '2' });
    await agents[5].command('/agent/ready');
    // The supervisor, in no campaign or queue, is on the admins' board only.
    const total = AGENTS.length;

    // In the softphone's own size, as the Call Center sets it (seed 004: 620 × 420).
    const page = await newPage(browser, { width: 620, height: 420 }, agentPanel);
    await logIn(page, '1021', 'super01');
    await openBoard(page, total);
    await expect(page.getByTestId('board-row-agent02')).toBeVisible();
    const at620 = await checkFit(page, { width: 620, height: 420 }, 6);
    console.log(`620×420: ${at620.open.rowsInView} rows with figures, ${at620.folded.rowsInView} folded`);

    // The choice is the supervisor's and outlives a reload (panel settings, kept by the gateway).
    await page.reload();
    await page.getByTestId('view-switch').click();
    await expect(page.getByTestId('figures-toggle')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('figures-strip')).toBeHidden();
    await page.getByTestId('figures-toggle').click();
    await expect(page.getByTestId('figures-strip')).toBeVisible();

    // A narrow utility panel.
    const at340 = await checkFit(page, { width: 340, height: 500 }, 6);
    console.log(`340×500: ${at340.open.rowsInView} rows with figures, ${at340.folded.rowsInView} folded`);
    await page.getByTestId('figures-toggle').click();
    await expect(page.getByTestId('figures-strip')).toBeVisible();

    // A wide window: every column, and still no header over another.
    await page.setViewportSize({ width: 1100, height: 780 });
    await shot(page, 'board-figures-1100x780');
    const wide = await measure(page);
    expect(wide.overlaps).toEqual([]);
    expect(wide.rowsInView).toBe(total);
    await page.getByTestId('figures-toggle').click();
    await shot(page, 'board-collapsed-1100x780');
    await page.getByTestId('figures-toggle').click();
    await expect(page.getByTestId('figures-strip')).toBeVisible();
    await page.getByTestId('logout-button').click();
    await page.context().close();

    // Inside the console: the board asks Salesforce for a tab showing the full-page board.
    const consolePage = await newPage(
      browser,
      { width: 1100, height: 780 },
      `${salesforceEmulator}/lightning/console?gateway=${encodeURIComponent(gateway)}`,
    );
    const softphone = consolePage.frameLocator('[data-testid="softphone-frame"]');
    await logIn(softphone, '1021', 'super01');
    await openBoard(softphone, total);
    await softphone.getByTestId('board-open-tab').click();
    const tab = consolePage.getByTestId('console-tab').last();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const frame = consolePage.getByTestId('console-tab-frame').last();
    await expect(frame).toHaveAttribute('src', /[?&]view=board\b/);
    const full = consolePage.frameLocator('[data-testid="console-tab-frame"] >> nth=-1');
    // The same supervisor, without logging in again.
    await expect(full.getByTestId('board-link')).toHaveText('Live');
    await expect(full.getByTestId('agent-identity')).toContainText('1021');
    await expect(full.getByTestId('board-count')).toContainText(`${total} of ${total}`);
    // The softphone is still the softphone: the console did not navigate away from it.
    await expect(softphone.getByTestId('board-link')).toHaveText('Live');

    // The whole width: every agent's row in view, and the columns a wallboard has.
    await consolePage.getByTestId('utility-phone').click();
    await expect(consolePage.getByTestId('softphone')).toBeHidden();
    const frameBox = await frame.boundingBox();
    const tableBox = await full.getByTestId('board-table').boundingBox();
    expect(frameBox && tableBox && tableBox.width / frameBox.width).toBeGreaterThan(0.9);
    for (const n of AGENTS) await expect(full.getByTestId(`board-row-agent${n}`)).toBeVisible();
    for (const column of ['campaign', 'queue', 'call', 'time', 'monitor'])
      await expect(full.getByTestId(`sort-${column}`)).toBeVisible();
    await shot(consolePage, 'board-fullpage-1100x780');

    // Live: a state change reaches the full-page board.
    const row = full.getByTestId('board-row-agent02');
    await expect(row.getByTestId('row-state')).toHaveText('Available');
    await agents[0].command('/agent/pause', { breakStateId: '1' });
    await expect(row.getByTestId('row-state')).not.toHaveText('Available');

    // The full-page board on its own (a browser tab beside the console) at the three sizes.
    const src = (await frame.getAttribute('src')) ?? '';
    const alone = await consolePage.context().newPage();
    await alone.goto(src);
    await expect(alone.getByTestId('board-link')).toHaveText('Live');
    await expect(alone.getByTestId('view-switch')).toHaveCount(0);
    for (const size of [
      { width: 620, height: 420 },
      { width: 340, height: 500 },
      { width: 1100, height: 780 },
    ]) {
      await alone.setViewportSize(size);
      await expect(alone.getByTestId('board-row-agent02')).toBeVisible();
      const fit = await measure(alone);
      expect(fit.overlaps).toEqual([]);
      expect(fit.docScroll).toEqual({ x: 0, y: 0 });
      // The link's word whole beside the page's title ("Liv" at 340 × 500).
      const link = await alone
        .getByTestId('board-link')
        .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect
        .soft(link.scroll, `board link cut at ${size.width}×${size.height}`)
        .toBeLessThanOrEqual(link.client);
      await shot(alone, `board-fullpage-alone-${size.width}x${size.height}`);
    }

    await Promise.all(agents.map((a) => a.logOut()));
    await consolePage.context().close();
  });
});
