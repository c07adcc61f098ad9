import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Commands } from '../../api/commands.service';
import type { AgentState, PanelConfig } from '@puente/contracts';
import { I18n } from '../../core/i18n/i18n.service';
import { RUNTIME_CONFIG } from '../../core/runtime-config';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { agentState, callState } from '../../state/agent-state.testing';
import { AgentStore } from '../../state/agent.store';
import { CallArea } from './call-area.component';

const CONFIG: PanelConfig = {
  allowCategorization: true,
  allowContactRelease: true,
  automaticContactRelease: -1,
  allowClickToDialSearch: true,
  useTaskDescriptionField: true,
  allowTextMessage: false,
  softphoneWidth: 620,
  softphoneHeight: 420,
  source: { callCenter: 'gateway', softphoneLayout: 'gateway', callCenterName: null, problems: [] },
  anonymousLabel: 'Número privado',
};

describe('CallArea', () => {
  function render(state: AgentState, config: PanelConfig | null = CONFIG) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: RUNTIME_CONFIG,
          useValue: { gatewayUrl: 'http://gw.test', gatewayOrigins: ['http://gw.test'] },
        },
      ],
    });
    TestBed.inject(I18n).use('en');
    TestBed.inject(PanelPrefs).config.set(config);
    const store = TestBed.inject(AgentStore);
    store.applyResume({ mode: 'snapshot', state });
    const fixture = TestBed.createComponent(CallArea);
    const el = fixture.nativeElement as HTMLElement;
    const text = () => {
      fixture.detectChanges();
      return el.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    };
    return { fixture, el, text, store };
  }

  describe('private callers (issue 16 §2.5)', () => {
    it('shows the pop-up settings\' anonymous label, never the raw word "anonymous"', () => {
      const { text } = render(
        agentState({ activity: 'reserved', call: callState({ status: 'ringing', party: 'anonymous' }) }),
      );
      expect(text()).toContain('Número privado');
      expect(text()).not.toContain('anonymous');
    });

    it('keeps the label in wrap-up, when the contact has no phone', () => {
      const { text } = render(
        agentState({
          activity: 'wrap_up',
          call: callState({
            status: 'ended',
            party: 'anonymous',
            endedAt: '2026-12-07T10:01:00.000Z',
            endCause: 'customer_hangup',
          }),
          contact: {
            lastCallId: '0',
            contactId: '501',
            databaseId: '12',
            crmId: '3',
            crmKey: '',
            phoneNumber: '',
            campaignId: null,
            queueId: '1',
            callReason: null,
            externalData: {},
          },
        }),
      );
      expect(text()).toContain('Número privado');
      expect(text()).not.toContain('Unknown caller');
    });

    it('falls back to its own words when the gateway does not send a label', () => {
      const { text } = render(
        agentState({ activity: 'reserved', call: callState({ status: 'ringing', party: '' }) }),
        null,
      );
      expect(text()).toContain('Private number');
    });

    it('shows an internal caller as they are', () => {
      const { text } = render(
        agentState({
          activity: 'reserved',
          call: callState({ direction: 'internal', status: 'ringing', party: 'Supervisora' }),
        }),
      );
      expect(text()).toContain('Supervisora');
      expect(text()).not.toContain('Número privado');
    });
  });

  describe('state control (issue 16 §2.7)', () => {
    const ended = (cause: string, status: 'ended' = 'ended') =>
      callState({
        direction: 'outbound',
        dialerMode: 'manual',
        party: '+541155550000',
        status,
        answeredAt: null,
        endedAt: '2026-12-07T10:00:30.000Z',
        endCause: cause,
      });

    it('says Wrap-up, as the status chip does, when no contact is left to release', () => {
      const { text } = render(agentState({ activity: 'wrap_up', call: ended('agent_hangup') }));
      expect(text()).toContain('Wrap-up');
      expect(text()).not.toContain('Not ready');
    });

    it.each([
      ['busy', 'busy'],
      ['no_answer', 'no answer'],
    ])('shows how an unanswered call ended (%s) and no longer says Dialing', (cause, words) => {
      const { text } = render(agentState({ activity: 'wrap_up', call: ended(cause) }));
      expect(text()).toContain(`+541155550000: ${words}`);
      expect(text()).not.toMatch(/Dialing/);
    });
  });

  describe('preview mode (issue 16 §3, B7)', () => {
    const previewed = {
      lastCallId: '0',
      contactId: '701',
      databaseId: '12',
      crmId: '3',
      crmKey: '',
      phoneNumber: '+541155550701',
      campaignId: '3',
      queueId: null,
      callReason: null,
      externalData: { callDialer: 'preview' },
    };

    it('shows the contact with Call and Skip, not the wrap-up Release and Schedule', () => {
      const { el, text } = render(agentState({ activity: 'reserved', call: null, contact: previewed }));
      expect(text()).toContain('+541155550701');
      expect(el.querySelector('[data-testid="preview-call-button"]')?.textContent).toContain('Call');
      expect(el.querySelector('[data-testid="preview-skip-button"]')?.textContent).toContain('Skip');
      expect(el.querySelector('[data-testid="release-button"]')).toBeNull();
      expect(el.querySelector('[data-testid="schedule-button"]')).toBeNull();
    });

    it('Call dials that contact; Skip releases it', () => {
      const { el, text } = render(agentState({ activity: 'reserved', call: null, contact: previewed }));
      text();
      const commands = TestBed.inject(Commands);
      const dial = jest.spyOn(commands, 'dial').mockResolvedValue({ callId: 'c-9' } as never);
      const release = jest.spyOn(commands, 'release').mockResolvedValue({} as never);
      el.querySelector<HTMLButtonElement>('[data-testid="preview-call-button"]')?.click();
      expect(dial).toHaveBeenCalledWith({ number: '+541155550701', contactId: '701' });
      el.querySelector<HTMLButtonElement>('[data-testid="preview-skip-button"]')?.click();
      expect(release).toHaveBeenCalledWith('701');
    });

    it('after the preview call ended, offers the wrap-up again', () => {
      const { el, text } = render(
        agentState({
          activity: 'wrap_up',
          call: callState({ status: 'ended', dialerMode: 'preview', endedAt: '2026-12-07T10:01:00.000Z' }),
          contact: previewed,
        }),
      );
      text();
      expect(el.querySelector('[data-testid="release-button"]')).not.toBeNull();
      expect(el.querySelector('[data-testid="preview-call-button"]')).toBeNull();
    });
  });
});
