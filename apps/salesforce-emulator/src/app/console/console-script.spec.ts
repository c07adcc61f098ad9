/**
 * @jest-environment jsdom
 */
import { CONSOLE_SCRIPT } from './console-script';
import { consolePage } from './console-page';

const PANEL = 'http://127.0.0.1:4200';

/** The console page in jsdom with its script running; `cti` posts as the panel's frame would. */
function loadConsole() {
  const html = consolePage({
    panelUrl: `${PANEL}/`,
    gatewayUrl: 'http://127.0.0.1:3000',
    apiVersion: '62.0',
  });
  document.documentElement.innerHTML = new DOMParser()
    .parseFromString(html, 'text/html')
    .documentElement.innerHTML.replace(/<script src=[^>]*><\/script>/, '');
  (globalThis as { fetch?: unknown }).fetch = async () => ({ ok: true, json: async () => ({ items: [] }) });
  new Function(CONSOLE_SCRIPT)();
  const frame = document.getElementById('softphone-frame') as HTMLIFrameElement;
  const replies: Record<string, unknown>[] = [];
  const panel = frame.contentWindow as Window;
  panel.postMessage = ((message: Record<string, unknown>) => replies.push(message)) as Window['postMessage'];
  let callId = 0;
  const cti = async (methodName: string, args: Record<string, unknown>) => {
    callId += 1;
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { methodName, callId, apiVersion: '62.0', apiType: 'opencti', args },
        origin: PANEL,
        source: panel,
      }),
    );
    for (let i = 0; i < 10; i++) await Promise.resolve();
    return replies.find((r) => r['callId'] === callId)?.['response'] as {
      success: boolean;
      errors: { description: string }[] | null;
    };
  };
  const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
  return { cti, text };
}

describe("the local console's utility item (Open CTI, issue 16 §2.8)", () => {
  it('honours setSoftphoneItemLabel and setSoftphoneItemIcon, so a minimised softphone shows the call', async () => {
    const { cti, text } = loadConsole();
    expect(text('utility-label')).toBe('Phone');
    expect((await cti('setSoftphoneItemLabel', { label: 'Incoming call from Ana Pérez' })).success).toBe(
      true,
    );
    expect((await cti('setSoftphoneItemIcon', { key: 'call' })).success).toBe(true);
    expect(text('utility-label')).toBe('Incoming call from Ana Pérez');
    expect(document.querySelector('[data-testid="utility-icon"]')?.getAttribute('data-icon')).toBe('call');
    await cti('setSoftphonePanelVisibility', { visible: false });
    await cti('setSoftphonePanelVisibility', { visible: true });
    expect(document.getElementById('softphone')?.hidden).toBe(false);
  });

  it('refuses an icon it does not know or an empty label, in Open CTI words', async () => {
    const { cti, text } = loadConsole();
    const icon = await cti('setSoftphoneItemIcon', { key: '<img src=x>' });
    expect(icon.success).toBe(false);
    expect(icon.errors?.[0]?.description).toMatch(/SLDS utility icon/);
    expect((await cti('setSoftphoneItemLabel', { label: '' })).success).toBe(false);
    expect(text('utility-label')).toBe('Phone');
  });
});

describe("the local console's workspace tabs (screenPop of type URL, issue 16 §1)", () => {
  const BOARD = `${PANEL}/?view=board&gateway=${encodeURIComponent('http://127.0.0.1:3000')}`;
  const tabs = () => [...document.querySelectorAll('[data-testid="console-tab"]')];
  const frames = () => [...document.querySelectorAll<HTMLIFrameElement>('[data-testid="console-tab-frame"]')];

  it('opens the URL in a console tab of its own, in front, and leaves the softphone where it is', async () => {
    const { cti } = loadConsole();
    const softphone = document.getElementById('softphone-frame') as HTMLIFrameElement;
    const softphoneSrc = softphone.src;
    const before = location.href;
    expect((await cti('screenPop', { type: 'url', params: { url: BOARD } })).success).toBe(true);
    expect(location.href).toBe(before);
    expect(softphone.src).toBe(softphoneSrc);
    expect(tabs()).toHaveLength(1);
    expect(tabs()[0].getAttribute('aria-selected')).toBe('true');
    expect(tabs()[0].textContent).toContain('Board');
    expect(frames().map((f) => f.src)).toEqual([new URL(BOARD).href]);
    expect((frames()[0].closest('[role="tabpanel"]') as HTMLElement).hidden).toBe(false);
    expect((document.getElementById('view') as HTMLElement).hidden).toBe(true);
    expect(document.querySelector('[data-testid="console-tab-main"]')?.getAttribute('aria-selected')).toBe(
      'false',
    );
  });

  it('brings the same URL forward instead of opening it twice, and goes back to the records on a record pop', async () => {
    const { cti } = loadConsole();
    await cti('screenPop', { type: 'url', params: { url: BOARD } });
    (document.querySelector('[data-testid="console-tab-main"]') as HTMLElement).click();
    expect((document.getElementById('view') as HTMLElement).hidden).toBe(false);
    expect(tabs()[0].getAttribute('aria-selected')).toBe('false');
    await cti('screenPop', { type: 'url', params: { url: BOARD } });
    expect(tabs()).toHaveLength(1);
    expect(tabs()[0].getAttribute('aria-selected')).toBe('true');
    await cti('screenPop', { type: 'url', params: { url: `${PANEL}/other` } });
    expect(tabs()).toHaveLength(2);
    // A record pop while a URL tab is in front shows the record page.
    location.hash = '#/list/Contact';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect((document.getElementById('view') as HTMLElement).hidden).toBe(false);
    expect(tabs().every((t) => t.getAttribute('aria-selected') === 'false')).toBe(true);
    (document.querySelector('[data-testid="console-tab-close"]') as HTMLElement).click();
    expect(frames().map((f) => f.src)).toEqual([`${PANEL}/other`]);
  });

  it('refuses a URL that is not http(s), in Open CTI words, and opens nothing', async () => {
    const { cti } = loadConsole();
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>']) {
      const answer = await cti('screenPop', { type: 'url', params: { url } });
      expect(answer.success).toBe(false);
      expect(answer.errors?.[0]?.description).toMatch(/http or https/);
    }
    expect((await cti('screenPop', { type: 'url', params: {} })).success).toBe(false);
    expect(tabs()).toHaveLength(0);
  });
});
