import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AgentState, BreakStateDto } from '@puente/contracts';
import { Lookups } from '../../api/lookups.service';
import { I18n } from '../../core/i18n/i18n.service';
import { RUNTIME_CONFIG } from '../../core/runtime-config';
import { agentState } from '../../state/agent-state.testing';
import { AgentStore } from '../../state/agent.store';
import { Breaks } from './breaks.component';

const BREAKS: BreakStateDto[] = [
  { id: '1', name: '1 - Descanso', system: false, productive: false, maxSeconds: 900 },
  { id: '2', name: '2 - Baño', system: false, productive: false, maxSeconds: 600 },
];

describe('Breaks (issue 16 §2.7)', () => {
  async function render(state: AgentState) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: RUNTIME_CONFIG,
          useValue: { gatewayUrl: 'http://gw.test', gatewayOrigins: ['http://gw.test'] },
        },
        { provide: Lookups, useValue: { breakStates: async () => BREAKS } },
      ],
    });
    TestBed.inject(I18n).use('en');
    TestBed.inject(AgentStore).applyResume({ mode: 'snapshot', state });
    const fixture = TestBed.createComponent(Breaks);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const button = (label: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === label) as HTMLButtonElement;
    return { el, button };
  }

  it('lets an Available agent stop receiving calls with Not ready, without taking a break', async () => {
    const { button } = await render(agentState({ activity: 'available' }));
    expect(button('Not ready').disabled).toBe(false);
    expect(button('Ready').disabled).toBe(true);
  });

  it('shows each break by the name the platform gives it, not its id twice', async () => {
    const { el } = await render(agentState({ activity: 'idle' }));
    const names = [...el.querySelectorAll('[data-testid="break-states"] .pu-grow')].map((n) =>
      n.textContent?.trim(),
    );
    expect(names).toEqual(['1 - Descanso', '2 - Baño']);
  });
});
