import type { CrmMatch } from '@puente/crm';
import type { MissedCall } from '../dialer/dialer.types';

/** What the outbox keeps for one missed call until its Task is written. */
export interface MissedCallPayload {
  task: Record<string, string | number>;
  /** The queue's default responsible user, mapped to a Salesforce user by e-mail when written. */
  ownerEmail: string | null;
  /** How to find the caller's record when the Task is written (linked as WhoId / WhatId). */
  caller: { crmKey: string; contactId: string | null; number: string };
}

/**
 * The Task's CallObject: "missed-<callId>". Salesforce upserts by it, so the
 * Task is written once whatever happens (a gateway restart re-reading the
 * dialer's list, the outbox retrying), and it never collides with the
 * agent's own call log, whose CallObject is "<dialer instance id>:<call id>"
 * (callObjectOf). Call ids never repeat for the life of a dialer's database
 * (issue 15 §9), so neither does this.
 */
export function missedCallObject(callId: string): string {
  return `missed-${callId}`;
}

/**
 * D4 (seed 003): one open Task "Missed call from N" for the queue's default
 * responsible user, so one person calls back — never one per agent whose
 * phone rang.
 */
export function buildMissedCallTask(missed: MissedCall, queueName: string | null): MissedCallPayload {
  const anonymous = missed.number === '' || missed.number === 'anonymous';
  const from = anonymous ? 'a private number' : missed.number;
  const lines = [
    `Inbound call to queue ${queueName ? `${queueName} (${missed.queueId})` : missed.queueId} at ${missed.startedAt}, nobody answered.`,
    `The caller ${missed.cause === 'max_wait' ? 'reached the queue wait limit' : 'hung up'} after ${missed.waitSeconds} s.`,
    missed.offeredTo.length > 0
      ? `Phones that rang: ${missed.offeredTo.length} (this task is the only one).`
      : 'No agent was free.',
  ];
  if (missed.clavesf) lines.push(`CLAVESF: ${missed.clavesf}`);
  if (anonymous) lines.push('The caller withheld the number: no call back is possible.');
  return {
    task: {
      Subject: `Missed call from ${from}`.slice(0, 255),
      Status: 'Not Started',
      Priority: 'High',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 0,
      CallObject: missedCallObject(missed.callId),
      ActivityDate: missed.endedAt.slice(0, 10),
      Description: lines.join('\n').slice(0, 32000),
    },
    ownerEmail: missed.responsible?.email ?? null,
    caller: { crmKey: missed.crmKey ?? '', contactId: missed.contactId, number: missed.number },
  };
}

/** The record field a match links through: people as WhoId, the rest as WhatId. */
export function linkField(match: CrmMatch): 'WhoId' | 'WhatId' {
  return match.objectType === 'Contact' || match.objectType === 'Lead' ? 'WhoId' : 'WhatId';
}
