import { TestBed } from '@angular/core/testing';
import type { PanelConfig } from '@puente/contracts';
import { Lookups } from '../api/lookups.service';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notifier.service';
import { OpenCti } from '../cti/open-cti.service';
import { PanelPrefs } from './panel-prefs.service';

const config = (callCenter: 'salesforce' | 'gateway'): PanelConfig => ({
  allowCategorization: true,
  allowContactRelease: true,
  automaticContactRelease: -1,
  allowClickToDialSearch: true,
  useTaskDescriptionField: true,
  allowTextMessage: false,
  softphoneWidth: 380,
  softphoneHeight: 600,
  source: { callCenter, softphoneLayout: callCenter, callCenterName: null, problems: [] },
});

const LAYOUT = {
  Inbound: {
    callRelatedFields: ['ANI'],
    objects: {},
    screenPopSettings: { SingleMatch: { screenPopType: 'PopToEntity' } },
  },
  Outbound: { callRelatedFields: [], objects: {}, screenPopSettings: {} },
  Internal: { callRelatedFields: [], objects: {}, screenPopSettings: {} },
};

describe('PanelPrefs: settings from Salesforce at start (issue 17 §2)', () => {
  function setup(cti: {
    ready: boolean;
    callCenter?: () => Promise<unknown>;
    layout?: () => Promise<unknown>;
  }) {
    const lookups = {
      config: jest.fn(async () => config('gateway')),
      settings: jest.fn(async () => ({ width: 380, height: 600, autoMinimize: true, locale: null })),
      sendSalesforceSettings: jest.fn(async () => config('salesforce')),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: Lookups, useValue: lookups },
        { provide: Notifier, useValue: { error: jest.fn(), run: jest.fn() } },
        { provide: I18n, useValue: { locale: () => 'en', use: jest.fn() } },
        {
          provide: OpenCti,
          useValue: {
            init: jest.fn(async () => undefined),
            ready: cti.ready,
            setSize: jest.fn(async () => undefined),
            getCallCenterSettings: cti.callCenter ?? (async () => null),
            getSoftphoneLayout: cti.layout ?? (async () => null),
          },
        },
      ],
    });
    return { prefs: TestBed.inject(PanelPrefs), lookups };
  }

  it('inside Salesforce, sends the Call Center and the layout with the session and follows the answer', async () => {
    const { prefs, lookups } = setup({
      ready: true,
      callCenter: async () => ({ '/reqGeneralInfo/reqAdapterUrl': 'https://cti.test/' }),
      layout: async () => LAYOUT,
    });
    await prefs.load();
    expect(lookups.sendSalesforceSettings).toHaveBeenCalledWith({
      callCenter: { '/reqGeneralInfo/reqAdapterUrl': 'https://cti.test/' },
      softphoneLayout: LAYOUT,
    });
    expect(lookups.config).not.toHaveBeenCalled();
    expect(prefs.config()?.source.callCenter).toBe('salesforce');
    expect(prefs.host()).toEqual({ inSalesforce: true, failed: [] });
  });

  it('sends what it could read, and names the Open CTI call that failed', async () => {
    const { prefs, lookups } = setup({
      ready: true,
      callCenter: () => Promise.reject(new Error('GENERIC_ERROR')),
      layout: async () => LAYOUT,
    });
    await prefs.load();
    expect(lookups.sendSalesforceSettings).toHaveBeenCalledWith({
      callCenter: null,
      softphoneLayout: LAYOUT,
    });
    expect(prefs.host()).toEqual({ inSalesforce: true, failed: ['getCallCenterSettings'] });
  });

  it("falls back on the gateway's file when both reads fail or give no such shapes", async () => {
    const { prefs, lookups } = setup({
      ready: true,
      callCenter: async () => 'nonsense',
      layout: async () => ({}),
    });
    await prefs.load();
    expect(lookups.sendSalesforceSettings).not.toHaveBeenCalled();
    expect(lookups.config).toHaveBeenCalled();
    expect(prefs.host().failed).toEqual(['getCallCenterSettings', 'getSoftphoneLayout']);
  });

  it('outside Salesforce, asks the gateway for its own settings only', async () => {
    const { prefs, lookups } = setup({ ready: false });
    await prefs.load();
    expect(lookups.sendSalesforceSettings).not.toHaveBeenCalled();
    expect(prefs.config()?.source.callCenter).toBe('gateway');
    expect(prefs.host()).toEqual({ inSalesforce: false, failed: [] });
  });
});

describe('PanelPrefs: the board figures folded away, remembered (issue 16 §1)', () => {
  function setup() {
    const saved: unknown[] = [];
    const lookups = {
      config: jest.fn(async () => config('gateway')),
      settings: jest.fn(async () => ({ width: 620, height: 420, autoMinimize: true, locale: null })),
      saveSettings: jest.fn(async (body: unknown) => (saved.push(body), body)),
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: Lookups, useValue: lookups },
        {
          provide: Notifier,
          useValue: { error: jest.fn(), run: (_: string, work: () => Promise<unknown>) => work() },
        },
        { provide: I18n, useValue: { locale: () => 'en', use: jest.fn() } },
        {
          provide: OpenCti,
          useValue: { init: async () => undefined, ready: false, setSize: async () => undefined },
        },
      ],
    });
    return { prefs: TestBed.inject(PanelPrefs), saved };
  }

  it('saves the choice with the other settings, once per change', async () => {
    const { prefs, saved } = setup();
    await prefs.load();
    await prefs.rememberBoardFigures(true);
    await prefs.rememberBoardFigures(true);
    expect(saved).toEqual([
      { width: 620, height: 420, autoMinimize: true, locale: null, boardFiguresFolded: true },
    ]);
    expect(prefs.settings()?.boardFiguresFolded).toBe(true);
  });

  it('keeps it when the settings form, which knows nothing of the board, saves', async () => {
    const { prefs, saved } = setup();
    await prefs.load();
    await prefs.rememberBoardFigures(true);
    await prefs.save({ width: 700, height: 420, autoMinimize: false, locale: 'es' });
    expect(saved.at(-1)).toEqual({
      width: 700,
      height: 420,
      autoMinimize: false,
      locale: 'es',
      boardFiguresFolded: true,
    });
  });
});
