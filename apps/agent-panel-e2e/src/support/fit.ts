import { expect, test, type Locator, type Page } from '@playwright/test';
import { shot } from './panel';

/**
 * The checks of the panel-fit spec (issue 16 §1): the screen fits its window, what the agent
 * needs now is whole on screen, no label is cut, nothing lies over a control.
 */

/** Labels whose text must show whole: the status line, the call, the tabs, every button. */
const LABELS = [
  'header *',
  '[data-testid=status-bar]',
  '[data-testid=status-bar] *',
  '[data-testid=call-area] *',
  '[role=tab] *',
  'button',
  '[data-testid=caller-fields] *',
];

export async function truncated(page: Page): Promise<string[]> {
  return page.evaluate((selectors) => {
    const out: string[] = [];
    const seen = new Set<Element>();
    for (const el of document.querySelectorAll<HTMLElement>(selectors.join(','))) {
      if (seen.has(el)) continue;
      seen.add(el);
      if (el.closest('.visually-hidden') || el.clientWidth <= 1 || !el.offsetParent) continue;
      if (!el.textContent?.trim() || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      // A button's text that overflows its box is cut visually even when overflow is visible.
      const clips =
        el.tagName === 'BUTTON' || style.overflowX !== 'visible' || el.matches('[data-testid=status-bar]');
      if (clips && el.scrollWidth > el.clientWidth + 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 40)}"`);
    }
    return out;
  }, LABELS);
}

/**
 * Inside the window and not clipped by a scrolling region it sits in: what the agent needs now
 * is on screen, not below the fold of a list.
 */
export async function inside(page: Page, locator: Locator, what: string): Promise<void> {
  const seen = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let top = Math.max(r.top, 0);
    let left = Math.max(r.left, 0);
    let bottom = Math.min(r.bottom, innerHeight);
    let right = Math.min(r.right, innerWidth);
    // A fixed overlay escapes the clipping of the regions it is declared in.
    let fixed = getComputedStyle(el).position === 'fixed';
    for (let p = el.parentElement; p && !fixed; p = p.parentElement) {
      fixed = getComputedStyle(p).position === 'fixed';
      if (getComputedStyle(p).overflowY === 'visible') continue;
      const c = p.getBoundingClientRect();
      top = Math.max(top, c.top);
      left = Math.max(left, c.left);
      bottom = Math.min(bottom, c.bottom);
      right = Math.min(right, c.right);
    }
    const box = [r.left, r.top, r.width, r.height].map(Math.round).join(',');
    return { whole: bottom - top >= r.height - 1 && right - left >= r.width - 1 && r.height > 0, box };
  });
  const size = page.viewportSize();
  expect(seen.whole, `${what} whole on screen at ${size?.width}×${size?.height} (box ${seen.box})`).toBe(
    true,
  );
}

/**
 * Nothing lies over the control once it is scrolled into its region's view: the element at its
 * centre, and just inside the middle of each of its edges, is the control (or inside it). The
 * edges are checked on the part its scrolling regions show, so a sticky button over the lower
 * half of a key counts as covering it.
 */
export async function hit(page: Page, locator: Locator, what: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const top = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let [top, left, bottom, right] = [Math.max(r.top, 0), Math.max(r.left, 0), r.bottom, r.right];
    bottom = Math.min(bottom, innerHeight);
    right = Math.min(right, innerWidth);
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowY === 'visible') continue;
      const c = p.getBoundingClientRect();
      [top, left, bottom, right] = [
        Math.max(top, c.top),
        Math.max(left, c.left),
        Math.min(bottom, c.bottom),
        Math.min(right, c.right),
      ];
    }
    const [x, y] = [(left + right) / 2, (top + bottom) / 2];
    const points = [
      [x, y],
      [x, top + 4],
      [x, bottom - 4],
      [left + 4, y],
      [right - 4, y],
    ];
    for (const [px, py] of points) {
      const at = document.elementFromPoint(px, py);
      if (!at || !(el === at || el.contains(at)))
        return `${at?.tagName.toLowerCase()}.${at?.className} at ${Math.round(px)},${Math.round(py)}`;
    }
    return 'itself';
  });
  const size = page.viewportSize();
  expect.soft(top, `${what} is not covered at ${size?.width}×${size?.height}`).toBe('itself');
}

/** The screen fits: no page scroll, nothing cut off, the given elements inside the window. */
export async function fits(page: Page, screen: string, mustShow: [Locator, string][]): Promise<void> {
  const size = page.viewportSize();
  const name = `${screen}-${size?.width}x${size?.height}`;
  await page.evaluate(() => document.fonts.ready);
  await shot(page, name);
  const scroll = await page.evaluate(() => {
    const root = document.scrollingElement as HTMLElement;
    // The app's root clips what overflows it: overflowing, part of the panel is out of reach.
    const app = document.querySelector('pu-root') as HTMLElement;
    return {
      h: root.scrollHeight,
      w: root.scrollWidth,
      ih: innerHeight,
      iw: innerWidth,
      app: app.scrollHeight,
    };
  });
  expect.soft(scroll.h, `${name}: the document does not scroll vertically`).toBeLessThanOrEqual(scroll.ih);
  expect.soft(scroll.app, `${name}: the panel does not overflow the window`).toBeLessThanOrEqual(scroll.ih);
  expect.soft(scroll.w, `${name}: the document does not scroll sideways`).toBeLessThanOrEqual(scroll.iw);
  expect.soft(await truncated(page), `${name}: labels cut off`).toEqual([]);
  for (const [locator, what] of mustShow)
    await test.step(what, () => inside(page, locator, `${name}: ${what}`));
}

/**
 * Every field of the caller's card whole inside the region that scrolls it (issue 16 §1: "Owner:
 * Mateo Acosta" half hidden under a wrapped account name). With `room`, the fields take the
 * column's free height and their region does not scroll at all.
 */
export async function fieldsWhole(page: Page, room: boolean): Promise<void> {
  const fields = page.getByTestId('caller-fields');
  const seen = await fields.evaluate((list) => {
    let region: Element | null = list;
    while (region && getComputedStyle(region).overflowY === 'visible') region = region.parentElement;
    if (!region) return { cut: ['no region'], overflow: 0, scrolls: false };
    const box = region.getBoundingClientRect();
    const cut = [...list.children]
      .filter((field) => {
        const r = field.getBoundingClientRect();
        return r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 || r.height === 0;
      })
      .map((field) => (field.textContent ?? '').trim());
    const style = getComputedStyle(region).overflowY;
    return {
      cut,
      overflow: region.scrollHeight - region.clientHeight,
      scrolls: style === 'auto' || style === 'scroll',
    };
  });
  const size = page.viewportSize();
  const at = `${size?.width}×${size?.height}`;
  if (room) {
    expect.soft(seen.cut, `caller fields cut at ${at}`).toEqual([]);
    expect.soft(seen.overflow, `caller fields' region does not scroll at ${at}`).toBeLessThanOrEqual(0);
  } else if (seen.overflow > 0) {
    // No room: the fields scroll in a region of their own, so each can still be read.
    expect.soft(seen.scrolls, `caller fields scroll in their own region at ${at}`).toBe(true);
  }
}

/** The visible text of a region (what is read, not the screen-reader words) says `word` once. */
export async function saidOnce(page: Page, region: Locator, word: RegExp): Promise<void> {
  const text = await region.evaluate((el) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (!node.parentElement?.closest('.visually-hidden')) out.push(node.textContent ?? '');
    return out.join(' ');
  });
  const count = text.split(word).length - 1;
  expect.soft(count, `"${word.source}" said once in "${text.replace(/\s+/g, ' ').trim()}"`).toBe(1);
}

/**
 * A form's action is not laid over the region its fields scroll in (a sticky button's box and
 * shadow paint over the last row, which hit testing does not see): the nearest scrolling
 * region of `control` does not hold `action`, as in the wrap-up sheets (issue 16 §1).
 */
export async function besideScroll(control: Locator, action: Locator, what: string): Promise<void> {
  const handle = await action.elementHandle();
  const inRegion = await control.evaluate((el, button) => {
    let region = el.parentElement;
    while (region && !['auto', 'scroll'].includes(getComputedStyle(region).overflowY))
      region = region.parentElement;
    return !!region && !!button && region.contains(button);
  }, handle);
  expect.soft(inRegion, `${what}: the action sits outside the region that scrolls`).toBe(false);
}
