/**
 * @jest-environment jsdom
 */
import { CONSOLE_SCRIPT } from './console-script';
import { consolePage } from './console-page';

const PANEL = 'http://127.0.0.1:4200';

/** The console page in jsdom with its script running; `cti` posts as the panel's frame would. */
function loadConsole(softphone = { width: 620, height: 420 }) {
  const html = consolePage({
    panelUrl: `${PANEL}/`,
    gatewayUrl: 'http://127.0.0.1:3000',
    apiVersion: '62.0',
    softphone,
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

describe("the local console's softphone size (the Call Center's reqSoftphoneWidth × reqSoftphoneHeight)", () => {
  const frame = () => document.getElementById('softphone-frame') as HTMLIFrameElement;

  it("opens the softphone's frame at the Call Center's size before the softphone says anything, as Lightning does", () => {
    loadConsole({ width: 620, height: 420 });
    expect([frame().style.width, frame().style.height]).toEqual(['620px', '420px']);
    loadConsole({ width: 700, height: 500 });
    expect([frame().style.width, frame().style.height]).toEqual(['700px', '500px']);
  });

  it('resizes the same frame when the softphone asks (setSoftphonePanelWidth/Height), within Salesforce bounds', async () => {
    const { cti } = loadConsole();
    expect((await cti('setSoftphonePanelWidth', { widthPX: 380 })).success).toBe(true);
    expect((await cti('setSoftphonePanelHeight', { heightPX: 600 })).success).toBe(true);
    expect([frame().style.width, frame().style.height]).toEqual(['380px', '600px']);
    expect((await cti('setSoftphonePanelHeight', { heightPX: 100 })).success).toBe(false);
    expect(frame().style.height).toBe('600px');
  });
});
