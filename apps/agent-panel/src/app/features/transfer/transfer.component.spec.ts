import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { CallState, QueueDto, TransferRequest, UserDto } from '@puente/contracts';
import { Commands } from '../../api/commands.service';
import { Lookups } from '../../api/lookups.service';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notifier.service';
import { AgentStore } from '../../state/agent.store';
import { Transfer } from './transfer.component';

const talking: CallState = {
  callId: 'c9',
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

const users: UserDto[] = [
  {
    id: '2',
    user: 'agent02',
    displayName: 'Agente 02',
    roles: ['agent'],
    activity: 'available',
    busy: false,
  },
  { id: '3', user: 'agent03', displayName: 'Agente 03', roles: ['agent'], activity: 'talking', busy: true },
];
const queues: QueueDto[] = [{ id: '2', name: 'Soporte' }];

const refusal = (code: string) =>
  new HttpErrorResponse({
    status: 409,
    error: { code, message: 'nobody is logged in', details: { queueId: '2', policy: 'confirm' } },
  });

describe('Transfer (issue 16 §2.10)', () => {
  const sent: TransferRequest[] = [];

  async function render() {
    sent.length = 0;
    TestBed.configureTestingModule({
      providers: [
        {
          provide: Commands,
          useValue: {
            transfer: async (_id: string, body: TransferRequest) => {
              sent.push(body);
              if (body.target.kind === 'queue' && !body.confirmEmptyQueue)
                throw refusal('QUEUE_EMPTY_CONFIRM');
              return { accepted: true };
            },
          },
        },
        {
          provide: Lookups,
          useValue: { users: async () => users, queues: async () => queues, transferNumbers: async () => [] },
        },
        { provide: AgentStore, useValue: { liveCall: signal(talking), campaign: signal(null) } },
      ],
    });
    TestBed.inject(I18n).use('en');
    const fixture = TestBed.createComponent(Transfer);
    fixture.detectChanges();
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const chooseKind = async (kind: string) => {
      root.querySelector<HTMLInputElement>(`input[name="transfer-kind"][value="${kind}"]`)?.click();
      // The effect loads the list; its promises settle over a few turns.
      for (let i = 0; i < 3; i++) {
        fixture.detectChanges();
        await new Promise((r) => setTimeout(r, 0));
      }
      fixture.detectChanges();
    };
    return { fixture, root, chooseKind };
  }

  it('marks busy users with their state and does not offer them', async () => {
    const { root, chooseKind } = await render();
    await chooseKind('user');
    const rows = [...root.querySelectorAll('.option')];
    expect(rows.map((r) => [...r.querySelectorAll('span')].map((e) => e.textContent?.trim()))).toEqual([
      ['Agente 02', 'Available'],
      ['Agente 03', 'busy', 'On a call'],
    ]);
    const radios = rows.map((r) => r.querySelector<HTMLInputElement>('input'));
    expect(radios.map((r) => r?.disabled)).toEqual([false, true]);
  });

  it('a blind transfer to an empty queue asks for a confirmation in place, then sends it confirmed', async () => {
    const { fixture, root, chooseKind } = await render();
    await chooseKind('queue');
    root.querySelector<HTMLInputElement>('input[name="transfer-target"][value="2"]')?.click();
    fixture.detectChanges();
    root.querySelector<HTMLButtonElement>('[data-testid="transfer-button"]')?.click();
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();

    const warning = root.querySelector('[data-testid="empty-queue"]');
    expect(warning?.textContent).toContain('Nobody is logged in to 2 - Soporte');
    // A question, not an error notice covering the buttons.
    expect(TestBed.inject(Notifier).notices()).toEqual([]);
    expect(root.querySelector<HTMLButtonElement>('[data-testid="transfer-button"]')?.disabled).toBe(true);

    warning?.querySelector<HTMLButtonElement>('button')?.click();
    await new Promise((r) => setTimeout(r, 0));
    fixture.detectChanges();
    expect(sent).toEqual([
      { target: { kind: 'queue', id: '2' }, mode: 'direct' },
      { target: { kind: 'queue', id: '2' }, mode: 'direct', confirmEmptyQueue: true },
    ]);
    expect(root.querySelector('[data-testid="empty-queue"]')).toBeNull();
  });
});
