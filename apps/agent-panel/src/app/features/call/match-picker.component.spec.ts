import { TestBed } from '@angular/core/testing';
import type { CrmView } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { OpenCti } from '../../cti/open-cti.service';
import { PopExecutor } from '../../cti/pop-executor.service';
import { CallerCard } from './caller-card.component';

const CONTACT = '003Pu0000000001IAA';
const LEAD = '00QPu0000000002IAA';
const ACCOUNT = '001Pu0000000003IAA';

/** A pop with three matches and no winner, as the gateway sends it (issue 16 §2.3). */
function severalMatches(linked: CrmView['linked'] = null): CrmView {
  return {
    callId: '41',
    searchBy: 'Phone',
    searchData: '+541145550002',
    decision: { type: 'search', searchString: '+541145550002' },
    matches: 3,
    callerName: 'Several matches',
    caller: null,
    candidates: [
      {
        recordId: CONTACT,
        objectType: 'Contact',
        name: 'Juan Pérez',
        fields: [{ label: 'Account', value: 'Pérez Hnos.' }],
      },
      {
        recordId: LEAD,
        objectType: 'Lead',
        name: 'Juan Pérez',
        fields: [
          { label: 'Company', value: 'Pérez Hnos. S.A.' },
          { label: 'Status', value: 'Open' },
        ],
      },
      { recordId: ACCOUNT, objectType: 'Account', name: 'Pérez Hnos. S.A.', fields: [] },
    ],
    linked,
  };
}

describe('the pick list of several matches (issue 16 §2.3)', () => {
  let link: jest.Mock;
  let screenPop: jest.Mock;

  function render(view: CrmView, locale: 'en' | 'es' = 'en') {
    link = jest.fn((_callId: string, ref: { recordId: string }) =>
      Promise.resolve({ ...ref, name: 'Juan Pérez' }),
    );
    screenPop = jest.fn(() => Promise.resolve());
    TestBed.configureTestingModule({
      providers: [
        { provide: Commands, useValue: { linkCrmRecord: link } },
        { provide: OpenCti, useValue: { screenPop } },
        { provide: PopExecutor, useValue: { awaitingLink: () => false, sync: jest.fn() } },
      ],
    });
    TestBed.inject(I18n).use(locale);
    const fixture = TestBed.createComponent(CallerCard);
    fixture.componentRef.setInput('crm', view);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const q = (testId: string) => el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const items = () => [...el.querySelectorAll<HTMLButtonElement>('[data-testid="match-item"]')];
    return { fixture, el, q, items };
  }

  it('lists every match with its name, object type and display fields, open by itself', () => {
    const { el, q, items } = render(severalMatches());
    expect(q('match-list')).not.toBeNull();
    expect(q('match-toggle')?.textContent?.trim()).toBe('3 records match: pick one');
    expect(q('match-toggle')?.getAttribute('aria-expanded')).toBe('true');
    // What matched, as the console's search page is asked for it.
    expect(q('match-found-by')?.textContent?.trim()).toBe('3 records with Phone +541145550002.');
    // The old "see the search page" sentence is not shown beside the list.
    expect(el.textContent).not.toContain('see the search page');
    const text = (item: HTMLElement, part: string) =>
      [...item.querySelectorAll(part)].map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
    expect(items().map((i) => [...text(i, '.name'), ...text(i, '.object'), ...text(i, '.field')])).toEqual([
      ['Juan Pérez', 'Contact', 'Account: Pérez Hnos.'],
      ['Juan Pérez', 'Lead', 'Company: Pérez Hnos. S.A.', 'Status: Open'],
      ['Pérez Hnos. S.A.', 'Account'],
    ]);
  });

  it('links the picked record to the call, then opens it in Salesforce, and closes', async () => {
    const { fixture, q, items } = render(severalMatches());
    items()[1].click();
    await fixture.whenStable();
    expect(link).toHaveBeenCalledWith('41', { objectType: 'Lead', recordId: LEAD });
    expect(screenPop).toHaveBeenCalledWith({ type: 'sobject', params: { recordId: LEAD } });
    expect(link.mock.invocationCallOrder[0]).toBeLessThan(screenPop.mock.invocationCallOrder[0]);
    fixture.detectChanges();
    expect(q('match-list')).toBeNull();
  });

  it('once a record is linked: closed, offers a change, and marks the call’s record', () => {
    const { fixture, q, items } = render(
      severalMatches({ objectType: 'Lead', recordId: LEAD, name: 'Juan Pérez' }),
    );
    expect(q('match-list')).toBeNull();
    expect(q('match-toggle')?.textContent?.trim()).toBe('Change record (3 matches)');
    q('match-toggle')?.click();
    fixture.detectChanges();
    expect(items().map((i) => i.getAttribute('aria-current'))).toEqual([null, 'true', null]);
  });

  it('a refused link keeps the list open and opens nothing', async () => {
    const { fixture, q, items } = render(severalMatches());
    link.mockRejectedValueOnce(new Error('network'));
    items()[0].click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(screenPop).not.toHaveBeenCalled();
    expect(q('match-list')).not.toBeNull();
    expect(TestBed.inject(Notifier).notices().length).toBe(1);
  });

  it('closes with Escape or the close button and opens again from the toggle, in Spanish too', () => {
    const { fixture, q } = render(severalMatches(), 'es');
    expect(q('match-toggle')?.textContent?.trim()).toBe('3 registros coinciden: elija uno');
    q('match-list')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    fixture.detectChanges();
    expect(q('match-list')).toBeNull();
    q('match-toggle')?.click();
    fixture.detectChanges();
    expect(q('match-list')).not.toBeNull();
    q('match-close')?.click();
    fixture.detectChanges();
    expect(q('match-list')).toBeNull();
  });

  it('one match or none: no list', () => {
    const one: CrmView = { ...severalMatches(), matches: 1, candidates: undefined };
    const { q } = render(one);
    expect(q('match-toggle')).toBeNull();
  });
});
