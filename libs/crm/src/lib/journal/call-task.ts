import { isAnonymousNumber } from '@puente/phone';
import type { CallCenterSettings, CrmObjectType } from '../call-center/settings';
import { renderTemplate } from './template';

export interface CallRecord {
  callId: string;
  /**
   * The Task's CallObject, unique across dialers and their restarts:
   * "<dialer instance id>:<call id>" (issue 15 §9). Absent: the bare call id
   * (a dialer that does not name itself).
   */
  callObject?: string;
  direction: 'inbound' | 'outbound' | 'internal';
  number: string;
  answered: boolean;
  /** Talk time in seconds (0 when unanswered). */
  durationSeconds: number;
  startedAt: string;
  agentName: string;
  campaign: string | null;
  queue: string | null;
  /** "Category / Subcategory" from categorisation (C5), when known. */
  disposition: string | null;
  /** The agent's note on a manual dial (B2). */
  note: string | null;
  /** What the agent wrote in wrap-up (categorise, schedule, release): "the information of the gestión" (C6). */
  wrapUpNote?: string | null;
  /** Dialled by this agent (B2). An internal call not dialled by them is one they received. */
  manual: boolean;
  /** The dialer's link to the call's recording (C16), when it recorded the call. */
  recordingUrl?: string | null;
  linked: { objectType: CrmObjectType; recordId: string } | null;
  ownerId: string | null;
}

/**
 * A call's key in Salesforce (the Task's CallObject) and in the outbox:
 * "<dialer instance id>:<call id>", or the bare call id when the dialer does
 * not name itself. Call ids repeat across dialers; the pair never does.
 */
export function callObjectOf(dialerInstanceId: string | null | undefined, callId: string): string {
  return dialerInstanceId ? `${dialerInstanceId}:${callId}` : callId;
}

/** The Salesforce Task that journals one call (C11, C5, B2, C16), keyed by CallObject (callObjectOf). */
export function buildCallTask(
  settings: CallCenterSettings,
  call: CallRecord,
): Record<string, string | number> {
  const t = settings.puente.templates;
  const direction =
    call.direction === 'inbound' ? 'Inbound' : call.direction === 'outbound' ? 'Outbound' : 'Internal';
  // An internal call is the agent's outbound call only when they dialled it (issue 16 §2.9).
  const received = call.direction === 'inbound' || (call.direction === 'internal' && !call.manual);
  // A withheld number is shown with the pop-up settings' label, never the trunk's word (issue 16 §2.5, BIZTEL).
  const withheld = call.direction !== 'internal' && isAnonymousNumber(call.number);
  const vars = {
    Number: withheld ? settings.puente.anonymousLabel : call.number,
    Agent: call.agentName,
    Duration: Math.round(call.durationSeconds),
    Direction: direction,
    CallId: call.callId,
    Campaign: call.campaign,
    Queue: call.queue,
    Date: call.startedAt.slice(0, 10),
    Disposition: call.disposition,
    RecordingUrl: call.recordingUrl,
  };
  const describe = received
    ? call.answered
      ? t.inboundAnswered
      : t.inboundMissed
    : call.answered
      ? t.outboundAnswered
      : t.outboundUnanswered;
  const lines = [renderTemplate(describe, vars)];
  if (call.manual && call.note && settings.useTaskDescriptionField) lines.push(`Manual dial: ${call.note}`);
  if (call.wrapUpNote && settings.useTaskDescriptionField) lines.push(`Note: ${call.wrapUpNote}`);
  // By default the dialer's own link, when it recorded the call (C16); a configured template wins,
  // for dialers whose recordings live elsewhere.
  const recording = settings.puente.recordingUrl
    ? renderTemplate(settings.puente.recordingUrl, vars)
    : call.recordingUrl;
  if (recording && call.answered) lines.push(`Recording: ${recording}`);

  const task: Record<string, string | number> = {
    Subject: renderTemplate(t.subject, vars).slice(0, 255),
    Status: 'Completed',
    Priority: 'Normal',
    TaskSubtype: 'Call',
    CallType: direction,
    CallDurationInSeconds: Math.round(call.durationSeconds),
    CallObject: call.callObject ?? call.callId,
    ActivityDate: call.startedAt.slice(0, 10),
    Description: lines.join('\n').slice(0, 32000),
  };
  if (call.disposition) task['CallDisposition'] = call.disposition.slice(0, 255);
  if (call.ownerId) task['OwnerId'] = call.ownerId;
  if (call.linked) {
    const who = call.linked.objectType === 'Contact' || call.linked.objectType === 'Lead';
    task[who ? 'WhoId' : 'WhatId'] = call.linked.recordId;
  }
  return task;
}
