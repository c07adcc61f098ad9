import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent } from '@puente/contracts';
import { generateCallCenterXml } from '@puente/crm';
import type { NeoCall, NeoContact } from '@puente/neoapi';
import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import type { PanelClient } from './gateway-harness';

export type PopEvent = Extract<AgentEvent, { type: 'crm.pop' }>;

/** A Call Center definition file with some options changed, as an admin would import it. */
export function callCenterFile(overrides: Record<string, string> = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cc-')), 'callcenter.xml');
  writeFileSync(file, generateCallCenterXml(overrides));
  return file;
}

export interface OfferOptions {
  callId?: string;
  direction?: NeoCall['direction'];
  number?: string;
  crmKey?: string;
  mode?: NeoCall['dialerMode'];
  contactId?: string;
}

let seq = 0;

/** The dialer offers agent `agentId` a call (with its contact, as the NeoApi pushes it); returns the call id. */
export function offerCall(dialer: FakeNeoApiServer, agentId: string, opts: OfferOptions = {}): string {
  const callId = opts.callId ?? `sf-call-${process.pid}-${++seq}`;
  const number = opts.number ?? '+541155551234';
  const inbound = opts.direction === 'inbound';
  const contact: NeoContact = {
    contactId: opts.contactId ?? String(5000 + seq),
    contactBaseId: '12',
    crmId: '3',
    crmKey: opts.crmKey ?? '',
    phoneNumber: number,
    callCampaing: '97',
    callDialer: opts.mode ?? 'progressive',
    callId,
    callQueue: inbound ? 'q-sales' : '',
    callReason: 'No procesado',
    campaignCrmId: '3',
    campaignBaseId: '12',
    userOutCampaign: '97',
    fields: {},
  };
  dialer.emit(agentId, 'CallOffered', {
    call: {
      callId,
      direction: opts.direction ?? 'outbound',
      state: 'ringing',
      number,
      campaignId: '97',
      queueId: inbound ? 'q-sales' : null,
      dialerMode: inbound ? null : (opts.mode ?? 'progressive'),
      startedAt: new Date().toISOString(),
      answeredAt: null,
      transfer: null,
      participants: [],
      recordingUrl: null,
    },
    contact,
  });
  return callId;
}

/** Waits for the panel to receive the pop decision of a call. */
export async function popOf(panel: PanelClient, callId: string, timeoutMs = 10_000): Promise<PopEvent> {
  return (await panel.waitFor(
    (e) => e.type === 'crm.pop' && e.payload.callId === callId,
    timeoutMs,
  )) as PopEvent;
}

/** Waits until the gateway's push subscription for the agent is open, so emitted events are not lost. */
export async function streamOpen(dialer: FakeNeoApiServer, agentId: string): Promise<void> {
  for (let i = 0; i < 500 && dialer.openStreams(agentId) === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
}
