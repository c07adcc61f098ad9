import { expect, type Locator, type Page } from '@playwright/test';

/** One text that fails WCAG 2.x AA contrast (1.4.3). */
export interface ContrastViolation {
  selector: string;
  text: string;
  ratio: number;
  required: number;
  fg: string;
  bg: string;
}

/**
 * Walks every rendered element that directly holds non-whitespace text (and
 * every input, select or textarea showing a value or a placeholder), and
 * measures its text colour against its effective background: the background
 * colours of the element and its ancestors, composited from the first opaque
 * one (or the white canvas) up, with the text's own alpha and the `opacity`
 * of its ancestors applied. AA threshold: 4.5:1, or 3:1 for large text
 * (≥ 24px, or ≥ 18.66px and bold, i.e. weight ≥ 700).
 *
 * Skipped, as WCAG 1.4.3 exempts them or they are not visible text:
 * - disabled controls and their content (`:disabled`, `aria-disabled="true"`,
 *   inside a disabled fieldset): "text that is part of an inactive user
 *   interface component" has no contrast requirement;
 * - text that is not rendered (no box, `visibility: hidden`, opacity 0) and
 *   text clipped to 1 × 1 px for screen readers only (`.visually-hidden`).
 * Placeholders are checked, not skipped: the keypad's placeholder is the only
 * hint of what to type there.
 */
export function contrastViolations(page: Page): Promise<ContrastViolation[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];

    const probe = document.createElement('canvas').getContext('2d');
    const parse = (value: string): Rgba => {
      let m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(value);
      if (!m && probe) {
        // Any other syntax (color(), oklch(), a name): let the canvas normalise it.
        probe.fillStyle = '#000';
        probe.fillStyle = value;
        const normal = String(probe.fillStyle);
        if (/^#[0-9a-f]{6}$/i.test(normal)) {
          return [1, 3, 5].map((i) => parseInt(normal.slice(i, i + 2), 16)).concat(1) as Rgba;
        }
        m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(normal);
      }
      if (!m) throw new Error(`Unparsed colour: ${value}`);
      const alpha = m[4] === undefined ? 1 : Number(m[4]) / (m[5] ? 100 : 1);
      return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
    };
    /** `top` over an opaque `bottom`. */
    const over = (top: Rgba, bottom: Rgba): Rgba => [
      top[0] * top[3] + bottom[0] * (1 - top[3]),
      top[1] * top[3] + bottom[1] * (1 - top[3]),
      top[2] * top[3] + bottom[2] * (1 - top[3]),
      1,
    ];
    const luminance = ([r, g, b]: Rgba): number => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratioOf = (a: Rgba, b: Rgba): number => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const hex = (c: Rgba) =>
      '#' +
      c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('');

    const selectorOf = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const testId = e.getAttribute('data-testid');
        let part = e.tagName.toLowerCase();
        if (e.id) part += `#${e.id}`;
        else if (testId) part += `[data-testid="${testId}"]`;
        else if (e.classList.length) part += '.' + [...e.classList].slice(0, 2).join('.');
        parts.unshift(part);
        if (e.id || testId) break;
      }
      return parts.join(' > ');
    };

    const backgroundOf = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let colour: Rgba = [255, 255, 255, 1]; // the canvas
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };

    const hidden = (el: Element): boolean => {
      if (el.getClientRects().length === 0) return true;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible') return true;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return true; // .visually-hidden
      for (let e: Element | null = el; e; e = e.parentElement) {
        if (Number(getComputedStyle(e).opacity) === 0) return true;
      }
      return false;
    };
    const disabled = (el: Element): boolean =>
      !!el.closest(':disabled, [aria-disabled="true"]') || (el as HTMLInputElement).disabled === true;
    const opacityOf = (el: Element): number => {
      let o = 1;
      for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      return o;
    };

    const out: ContrastViolation[] = [];
    const check = (el: Element, text: string, colour: string, style: CSSStyleDeclaration) => {
      const bg = backgroundOf(el);
      const fgRaw = parse(colour);
      const fg = over([fgRaw[0], fgRaw[1], fgRaw[2], fgRaw[3] * opacityOf(el)], bg);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      const ratio = ratioOf(fg, bg);
      if (ratio + 1e-6 < required) {
        out.push({
          selector: selectorOf(el),
          text: text.trim().slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          required,
          fg: hex(fg),
          bg: hex(bg),
        });
      }
    };

    for (const el of document.body.querySelectorAll('*')) {
      if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName)) continue;
      if (hidden(el) || disabled(el)) continue;
      const style = getComputedStyle(el);
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('');
      if (own.trim()) check(el, own, style.color, style);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        if (['checkbox', 'radio', 'hidden', 'range', 'color'].includes(el.type)) continue;
        if (el.value.trim()) check(el, el.type === 'password' ? '••••' : el.value, style.color, style);
        else if (el.placeholder.trim()) {
          check(el, `placeholder: ${el.placeholder}`, getComputedStyle(el, '::placeholder').color, style);
        }
      } else if (el instanceof HTMLSelectElement) {
        const label = el.selectedOptions[0]?.textContent ?? '';
        if (label.trim()) check(el, label, style.color, style);
      }
    }
    return out;
  });
}

/** Fails listing every offender, with where it is (`context`). */
export async function expectAaContrast(page: Page, context: string): Promise<void> {
  const violations = await contrastViolations(page);
  const list = violations
    .map((v) => `  ${v.selector} "${v.text}": ${v.ratio}:1 < ${v.required}:1 (${v.fg} on ${v.bg})`)
    .join('\n');
  expect(violations, `WCAG AA contrast violations (${context}):\n${list}`).toEqual([]);
}

const CONTROLS =
  'button, input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="checkbox"], [role="radio"], [role="combobox"], [role="switch"], [role="menuitem"]';

/** Every rendered control has a non-empty accessible name (Playwright's accname, as a screen reader computes it). */
export async function expectLabelledControls(page: Page, context: string): Promise<number> {
  const controls = page.locator(CONTROLS);
  const missing: string[] = [];
  let checked = 0;
  for (const control of await controls.all()) {
    const rendered = await control.evaluate(
      (el) => el.getClientRects().length > 0 && !el.closest('[aria-hidden="true"], [inert]'),
    );
    if (!rendered) continue;
    checked++;
    try {
      await expect(control).toHaveAccessibleName(/\S/, { timeout: 500 });
    } catch {
      missing.push(await describe(control));
    }
  }
  expect(missing, `Controls without an accessible name (${context}):\n  ${missing.join('\n  ')}`).toEqual([]);
  return checked;
}

function describe(control: Locator): Promise<string> {
  return control.evaluate((el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 160));
}

/** The page fits the viewport's width: no horizontal scrollbar. */
export async function expectNoHorizontalScroll(page: Page, context: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect(
    scrollWidth,
    `horizontal overflow (${context}): scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`,
  ).toBeLessThanOrEqual(clientWidth);
}

/** What the focused element is, and whether it shows a focus indicator (`:focus-visible` with an outline or a box-shadow). */
export function focusState(
  page: Page,
): Promise<{ description: string; testId: string | null; id: string; label: string; visible: boolean }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body)
      return { description: 'body', testId: null, id: '', label: '', visible: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    // A visually hidden input (the segmented radios) shows its focus on the label's span.
    let sibling = false;
    const next = el.nextElementSibling;
    if (next) {
      const s = getComputedStyle(next);
      sibling = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    }
    const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
    return {
      description: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${label}"`,
      testId: el.getAttribute('data-testid'),
      id: el.id,
      label,
      visible: el.matches(':focus-visible') && (outline || shadow || sibling),
    };
  });
}
