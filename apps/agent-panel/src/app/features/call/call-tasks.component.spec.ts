import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallState, PanelConfig } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { I18n } from '../../core/i18n/i18n.service';
import { PanelPrefs } from '../../prefs/panel-prefs.service';
import { AgentStore } from '../../state/agent.store';
import { CallTasks } from './call-tasks.component';

const talking: CallState = {
  callId: 'c9',
  direction: 'outbound',
  status: 'talking',
  party: '+541155551234',
  dialerMode: 'predictive',
  campaignId: '1',
  queueId: null,
  startedAt: '2026-11-23T10:00:00.000Z',
  answeredAt: '2026-11-23T10:00:02.000Z',
  endedAt: null,
  endCause: null,
  heldSince: null,
  holdSeconds: 0,
  transfer: null,
  conference: null,
  dtmf: '',
  recordingUrl: 'http://dialer.test/recordings/c9',
};

describe('CallTasks (issue 16 §3)', () => {
  const sent: unknown[][] = [];
  const help = signal<{ callId: string | null; reason: string; since: string } | null>(null);
  const config = signal<PanelConfig | null>(null);

  function render(call: CallState) {
    sent.length = 0;
    help.set(null);
    config.set(null);
    TestBed.configureTestingModule({
      providers: [
        {
          provide: Commands,
          useValue: {
            task: async (...args: unknown[]) => (
              sent.push(['task', ...args]),
              { taskId: 'T1', result: { number: '+541155551234' } }
            ),
            withdrawHelp: async () => (sent.push(['withdraw']), { accepted: true }),
          },
        },
        { provide: AgentStore, useValue: { state: () => ({ help: help() }) } },
        { provide: PanelPrefs, useValue: { config } },
      ],
    });
    TestBed.inject(I18n).use('en');
    const fixture = TestBed.createComponent(CallTasks);
    fixture.componentRef.setInput('call', call);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const get = (id: string) => {
      fixture.detectChanges();
      return el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    };
    return { fixture, get };
  }

  it('pauses and resumes the recording, showing what the call state says', async () => {
    const { fixture, get } = render(talking);
    get('tasks-button')?.click();
    expect(get('task-recording')?.textContent?.trim()).toBe('Pause recording');
    get('task-recording')?.click();
    await fixture.whenStable();
    expect(sent).toEqual([['task', '02', { callId: 'c9' }]]);
    fixture.componentRef.setInput('call', { ...talking, recordingPaused: true });
    expect(get('task-recording')?.textContent?.trim()).toBe('Resume recording');
    expect(get('recording-paused')?.textContent?.trim()).toBe('Recording paused');
    get('task-recording')?.click();
    await fixture.whenStable();
    expect(sent[1]).toEqual(['task', '03', { callId: 'c9' }]);
  });

  it('asks a supervisor for help, then offers to withdraw it while the request is open', async () => {
    const { fixture, get } = render(talking);
    get('tasks-button')?.click();
    get('task-help')?.click();
    await fixture.whenStable();
    expect(sent).toEqual([
      ['task', '05', { callId: 'c9', params: { reason: 'Help requested from the softphone' } }],
    ]);
    help.set({ callId: 'c9', reason: 'x', since: '2026-11-23T10:00:05.000Z' });
    expect(get('help-asked')).not.toBeNull();
    expect(get('task-help')?.textContent?.trim()).toBe('Withdraw the request');
    get('task-help')?.click();
    await fixture.whenStable();
    expect(sent[1]).toEqual(['withdraw']);
  });

  it('offers a text message only with allowTextMessage, and sends the text with its [Variables]', async () => {
    const { fixture, get } = render(talking);
    get('tasks-button')?.click();
    expect(get('task-message')).toBeNull();
    config.set({ allowTextMessage: true } as PanelConfig);
    get('task-message')?.click();
    const channel = get('message-channel') as HTMLSelectElement;
    channel.value = 'whatsapp';
    channel.dispatchEvent(new Event('change'));
    get('message-send')?.click();
    await fixture.whenStable();
    expect(sent).toEqual([
      [
        'task',
        '01',
        {
          callId: 'c9',
          params: { channel: 'whatsapp', text: 'Hello, this is [Agent]. Thank you for your call.' },
        },
      ],
    ]);
  });

  it('is not offered before the customer answers', () => {
    expect(render({ ...talking, status: 'ringing', answeredAt: null }).get('tasks-button')).toBeNull();
  });
});
