import { type Type, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallState, CrmSearchItem, CrmView } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { Lookups } from '../../api/lookups.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { OpenCti } from '../../cti/open-cti.service';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { AgentStore } from '../../state/agent.store';
import { callState } from '../../state/agent-state.testing';
import { InfoPanel } from '../info/info-panel.component';
import { ContactSearch } from './contact-search.component';

const JOHN: CrmSearchItem = { objectType: 'Contact', id: '003Pu0000000001IAA', name: 'John Smith' };
const ACME: CrmSearchItem = { objectType: 'Account', id: '001Pu0000000003IAA', name: 'Smith & Sons' };

/** The pop of call 9001 as the gateway sends it, with the record linked to it, if any. */
function pop(linked: CrmView['linked'] = null): CrmView {
  return {
    callId: '9001',
    searchBy: 'Phone',
    searchData: '+541155551234',
    decision: { type: 'none' },
    matches: 0,
    callerName: 'Unknown',
    caller: null,
    linked,
  };
}

describe('contact search in the panel (issue 16 §3, C10)', () => {
  const call = signal<CallState | null>(null);
  const crm = signal<CrmView | null>(null);
  let search: jest.Mock<Promise<CrmSearchItem[]>, [string]>;
  let link: jest.Mock;
  let screenPop: jest.Mock;

  function render(component: Type<unknown> = ContactSearch) {
    search = jest.fn((_text: string) => Promise.resolve([JOHN, ACME]));
    link = jest.fn((_callId: string, ref: { recordId: string }) =>
      Promise.resolve({ ...ref, name: 'John Smith' }),
    );
    screenPop = jest.fn(() => Promise.resolve());
    TestBed.configureTestingModule({
      providers: [
        { provide: Lookups, useValue: { searchCrm: search } },
        { provide: Commands, useValue: { linkCrmRecord: link } },
        { provide: OpenCti, useValue: { screenPop } },
        {
          provide: AgentStore,
          useValue: { call, crm, contact: () => null, session: () => null },
        },
        { provide: PanelPrefs, useValue: { config: () => null, host: () => ({ inSalesforce: true }) } },
      ],
    });
    TestBed.inject(I18n).use('en');
    const fixture = TestBed.createComponent(component);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const all = (id: string) => [...el.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
    async function find(text: string) {
      const input = q('contact-search-text') as HTMLInputElement;
      input.value = text;
      input.dispatchEvent(new Event('input'));
      q('contact-search')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
      fixture.detectChanges();
    }
    const rows = () =>
      all('contact-search-item').map((i) =>
        [...i.querySelectorAll('.name, .object, .linked')].map((e) => e.textContent?.trim()),
      );
    return { fixture, q, all, find, rows };
  }

  beforeEach(() => {
    call.set(null);
    crm.set(null);
  });

  it('searches what the agent typed and lists each record with its type, in its own region', async () => {
    const { q, find, rows } = render();
    await find('  smith  ');
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith('smith');
    expect(rows()).toEqual([
      ['John Smith', 'Contact'],
      ['Smith & Sons', 'Account'],
    ]);
    expect(q('contact-search-status')?.textContent?.trim()).toBe('2 records match “smith”.');
    expect(q('contact-search-results')?.classList).toContain('results');
  });

  it('opens a result in Salesforce (screenPop of the record)', async () => {
    const { all, find } = render();
    await find('john.smith@example.com');
    all('contact-search-open')[0].click();
    expect(screenPop).toHaveBeenCalledWith({ type: 'sobject', params: { recordId: JOHN.id } });
    expect(link).not.toHaveBeenCalled();
  });

  it('links a result to the call on screen; the linked record is marked and offers no link', async () => {
    call.set(callState({ callId: '9001' }));
    crm.set(pop());
    const { fixture, all, find, rows } = render();
    await find('(415) 555-0100');
    expect(all('contact-search-link')).toHaveLength(2);
    all('contact-search-link')[0].click();
    await fixture.whenStable();
    expect(link).toHaveBeenCalledWith('9001', { objectType: 'Contact', recordId: JOHN.id });
    expect(
      TestBed.inject(Notifier)
        .notices()
        .map((n) => n.key),
    ).toEqual(['search.linkedNotice']);
    // The gateway's crm.record_linked arrives on the stream.
    crm.set(pop({ objectType: 'Contact', recordId: JOHN.id, name: 'John Smith' }));
    fixture.detectChanges();
    expect(rows()[0]).toEqual(['John Smith', 'Contact', 'This call’s record']);
    expect(all('contact-search-link')).toHaveLength(1);
  });

  it('a call ended and in wrap-up can still get its record', async () => {
    call.set(callState({ callId: '9001', status: 'ended', endedAt: '2026-12-07T10:03:00.000Z' }));
    const { fixture, all, find } = render();
    await find('John');
    all('contact-search-link')[1].click();
    await fixture.whenStable();
    expect(link).toHaveBeenCalledWith('9001', { objectType: 'Account', recordId: ACME.id });
  });

  it('with no call on screen: results open, nothing to link', async () => {
    const { all, find } = render();
    await find('John');
    expect(all('contact-search-open')).toHaveLength(2);
    expect(all('contact-search-link')).toHaveLength(0);
  });

  it('fewer than two letters or digits: says so without asking Salesforce', async () => {
    const { q, find } = render();
    await find(' (-) a ');
    expect(search).not.toHaveBeenCalled();
    expect(q('contact-search-status')?.textContent?.trim()).toBe('Type at least two letters or digits.');
  });

  it('no match: says so; a refused search is a notice, not a list', async () => {
    const { q, find, rows } = render();
    search.mockResolvedValueOnce([]);
    await find('Nadie');
    expect(q('contact-search-status')?.textContent?.trim()).toBe('No record matches “Nadie”.');
    search.mockRejectedValueOnce(new Error('network'));
    await find('John');
    expect(rows()).toEqual([]);
    expect(TestBed.inject(Notifier).notices()).toHaveLength(1);
  });

  it('is the first thing on the Info tab', () => {
    const { q } = render(InfoPanel);
    expect(q('contact-search')).not.toBeNull();
  });
});
