import { TestBed } from '@angular/core/testing';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { OPEN_CTI_LOADER, OpenCti, OpenCtiError, PANEL_LOCATION } from './open-cti.service';
import type { OpenCtiCallback, SforceOpenCti } from './open-cti.types';

type Pop = { type: string; params: Record<string, unknown>; callback?: OpenCtiCallback<null> };

/** A host that records screenPop requests and answers with `answer`. */
function host(answer: Parameters<OpenCtiCallback<null>>[0]) {
  const pops: Omit<Pop, 'callback'>[] = [];
  const api = {
    screenPop: ({ callback, ...request }: Pop) => {
      pops.push(request);
      callback?.(answer);
    },
  } as unknown as SforceOpenCti;
  return { pops, api };
}

function start(location: { search: string; framed: boolean }, api: SforceOpenCti) {
  TestBed.configureTestingModule({
    providers: [
      {
        provide: RUNTIME_CONFIG,
        useValue: { gatewayUrl: 'http://gw.test', gatewayOrigins: ['http://gw.test'] },
      },
      { provide: PANEL_LOCATION, useValue: { ...location, hostname: 'panel.test' } },
      { provide: OPEN_CTI_LOADER, useValue: async () => api },
    ],
  });
  return TestBed.inject(OpenCti);
}

const IN_LIGHTNING = {
  search: '?sfdcIframeOrigin=https%3A%2F%2Facme.lightning.force.com&mode=Lightning',
  framed: true,
};

describe('OpenCti.popUrl: a URL in a console tab (issue 16 §1)', () => {
  it('asks the host for a screenPop of type URL with the URL, and says the host took it', async () => {
    const { pops, api } = host({ success: true, returnValue: null, errors: null });
    const cti = start(IN_LIGHTNING, api);
    await cti.init();
    expect(cti.ready).toBe(true);
    await expect(cti.popUrl('https://panel.test/?view=board&gateway=http%3A%2F%2Fgw.test')).resolves.toBe(
      true,
    );
    expect(pops).toEqual([
      { type: 'url', params: { url: 'https://panel.test/?view=board&gateway=http%3A%2F%2Fgw.test' } },
    ]);
  });

  it("rejects with the host's own error when it refuses", async () => {
    const { api } = host({
      success: false,
      returnValue: null,
      errors: [{ code: 'INVALID_PARAM', description: 'screenPop: bad url' }],
    });
    const cti = start(IN_LIGHTNING, api);
    await cti.init();
    const refusal = cti.popUrl('https://panel.test/?view=board');
    await expect(refusal).rejects.toBeInstanceOf(OpenCtiError);
    await expect(refusal).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('outside a host asks nothing and says so, so the panel opens the URL itself', async () => {
    const { pops, api } = host({ success: true, returnValue: null, errors: null });
    const cti = start({ search: '', framed: false }, api);
    await cti.init();
    await expect(cti.popUrl('https://panel.test/?view=board')).resolves.toBe(false);
    expect(pops).toEqual([]);
  });
});
