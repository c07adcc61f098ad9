import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AgentState } from '@puente/contracts';
import { AgentStore } from '../state/agent.store';
import { Notices } from './notices.component';

type LastError = AgentState['lastError'];

describe('Notices: system errors from the gateway', () => {
  const lastError = signal<LastError>(null);

  function render() {
    TestBed.configureTestingModule({
      imports: [Notices],
      providers: [{ provide: AgentStore, useValue: { lastError } }],
    });
    const fixture = TestBed.createComponent(Notices);
    fixture.detectChanges();
    return fixture;
  }

  const notice = (el: HTMLElement) => el.querySelector('[data-testid="system-error"]');

  it('says a set-up warning in words and can be closed, so it stops covering the call controls', async () => {
    // What the real gateway sends when no Salesforce user has the agent's e-mail.
    lastError.set({ code: 'CRM_USER_NOT_MAPPED', message: 'no user', at: new Date().toISOString() });
    const fixture = render();
    const el = fixture.nativeElement as HTMLElement;
    expect(notice(el)?.textContent).toContain('not linked to a Salesforce user');
    (el.querySelector('[data-testid="system-error-dismiss"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(notice(el)).toBeNull();

    // A new error shows again.
    lastError.set({ code: 'CRM_UNAVAILABLE', message: 'down', at: new Date(Date.now() + 1).toISOString() });
    fixture.detectChanges();
    expect(notice(el)?.textContent).toContain('Salesforce is not answering');
  });
});
