import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { AgentState } from '@puente/contracts';
import { I18n } from '../core/i18n/i18n.service';
import { RUNTIME_CONFIG } from '../core/runtime-config';
import { PanelPrefs } from '../prefs/panel-prefs.service';
import { agentState, callState } from '../state/agent-state.testing';
import { AgentStore } from '../state/agent.store';
import { OpenCti } from './open-cti.service';
import { SoftphoneItem } from './softphone-item.service';

/** Records what the panel asks of the Open CTI host. */
class FakeCti {
  readonly ready = true;
  readonly items: string[] = [];
  readonly visible: boolean[] = [];
  async setItem(label: string, icon: string): Promise<void> {
    this.items.push(`${icon}: ${label}`);
  }
  async setVisible(visible: boolean): Promise<void> {
    this.visible.push(visible);
  }
}

describe('SoftphoneItem: the minimised softphone shows the live call (issue 16 §2.8)', () => {
  let cti: FakeCti;
  let store: AgentStore;

  function start(state: AgentState) {
    cti = new FakeCti();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        {
          provide: RUNTIME_CONFIG,
          useValue: { gatewayUrl: 'http://gw.test', gatewayOrigins: ['http://gw.test'] },
        },
        { provide: OpenCti, useValue: cti },
      ],
    });
    TestBed.inject(I18n).use('en');
    TestBed.inject(PanelPrefs).config.set(null);
    store = TestBed.inject(AgentStore);
    store.applyResume({ mode: 'snapshot', state });
    TestBed.inject(SoftphoneItem);
    TestBed.tick();
  }
  const to = (state: AgentState) => {
    store.applyResume({ mode: 'snapshot', state });
    TestBed.tick();
  };

  it('labels the utility item with the call, opens the panel once when it rings, and goes back after', () => {
    start(agentState({ activity: 'available' }));
    expect(cti.items).toEqual(['phone_portrait: Available']);

    const ringing = callState({ status: 'ringing', answeredAt: null, party: 'anonymous' });
    to(agentState({ activity: 'reserved', call: ringing }));
    to(agentState({ activity: 'reserved', call: ringing, seq: 2 }));
    expect(cti.visible).toEqual([true]);
    to(agentState({ activity: 'talking', call: callState() }));
    to(
      agentState({
        activity: 'talking',
        call: callState({ status: 'on_hold', heldSince: '2026-12-07T10:00:20.000Z' }),
      }),
    );
    to(agentState({ activity: 'paused', breakState: { id: '1', name: '1 - Descanso' } }));

    expect(cti.items).toEqual([
      'phone_portrait: Available',
      'call: Incoming call from Private number',
      'call: Talking · +541155551234',
      'pause: On hold · +541155551234',
      'pause: 1 - Descanso',
    ]);
    expect(cti.visible).toEqual([true]);
  });
});
