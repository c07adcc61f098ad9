import { TestBed } from '@angular/core/testing';
import type { CallState } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { MuteButton } from './mute-button.component';

const talking: CallState = {
  callId: 'c7',
  direction: 'inbound',
  status: 'talking',
  party: '+541155557777',
  dialerMode: null,
  campaignId: null,
  queueId: '1',
  startedAt: '2026-11-23T10:00:00.000Z',
  answeredAt: '2026-11-23T10:00:02.000Z',
  endedAt: null,
  endCause: null,
  heldSince: null,
  holdSeconds: 0,
  transfer: null,
  conference: null,
  dtmf: '',
};

describe('MuteButton (issue 16 §3)', () => {
  const sent: string[] = [];

  function render(call: CallState) {
    sent.length = 0;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: Commands,
          useValue: {
            mute: async (id: string) => (sent.push(`mute ${id}`), { accepted: true }),
            unmute: async (id: string) => (sent.push(`unmute ${id}`), { accepted: true }),
          },
        },
      ],
    });
    TestBed.inject(I18n).use('en');
    const fixture = TestBed.createComponent(MuteButton);
    fixture.componentRef.setInput('call', call);
    fixture.detectChanges();
    const button = () =>
      (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="mute-button"]');
    return { fixture, button };
  }

  it('mutes a connected call, and shows Unmute only once the call state says muted', async () => {
    const { fixture, button } = render(talking);
    expect(button()?.textContent?.trim()).toBe('Mute');
    expect(button()?.getAttribute('aria-pressed')).toBe('false');
    button()?.click();
    await fixture.whenStable();
    expect(sent).toEqual(['mute c7']);
    // The click alone changes nothing: the dialer's call.muted does.
    fixture.detectChanges();
    expect(button()?.textContent?.trim()).toBe('Mute');

    fixture.componentRef.setInput('call', { ...talking, muted: true });
    fixture.detectChanges();
    expect(button()?.textContent?.trim()).toBe('Unmute');
    expect(button()?.getAttribute('aria-pressed')).toBe('true');
    button()?.click();
    await fixture.whenStable();
    expect(sent).toEqual(['mute c7', 'unmute c7']);
  });

  it('is not offered while the call rings, nor after it ended', () => {
    expect(render({ ...talking, status: 'ringing', answeredAt: null }).button()).toBeNull();
    TestBed.resetTestingModule();
    expect(render({ ...talking, status: 'ended', endedAt: '2026-11-23T10:01:00.000Z' }).button()).toBeNull();
  });
});
