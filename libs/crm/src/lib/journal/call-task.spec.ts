import { generateCallCenterXml, readCallCenterSettings } from '../call-center/call-center-xml';
import { buildCallTask, type CallRecord } from './call-task';

function settings(overrides: Record<string, string> = {}) {
  const r = readCallCenterSettings(generateCallCenterXml(overrides));
  if (!r.ok) throw new Error('bad settings');
  return r.settings;
}

const call: CallRecord = {
  callId: '777',
  direction: 'outbound',
  number: '+541155551234',
  answered: true,
  durationSeconds: 95.4,
  startedAt: '2026-11-23T13:00:00.000Z',
  agentName: 'Ana Agent',
  campaign: 'SALESFORCE',
  queue: null,
  disposition: 'Venta / Contado',
  note: 'customer asked for a call',
  manual: true,
  linked: { objectType: 'Contact', recordId: '003000000000001AAA' },
  ownerId: '005000000000001AAA',
};

describe('call journaling (C11)', () => {
  it('builds one Task per call with type, duration, call id, disposition and who', () => {
    expect(buildCallTask(settings(), call)).toEqual({
      Subject: 'Outbound call +541155551234',
      Status: 'Completed',
      Priority: 'Normal',
      TaskSubtype: 'Call',
      CallType: 'Outbound',
      CallDurationInSeconds: 95,
      CallObject: '777',
      ActivityDate: '2026-11-23',
      Description:
        'Outbound call to +541155551234 by Ana Agent (95 s).\nManual dial: customer asked for a call',
      CallDisposition: 'Venta / Contado',
      OwnerId: '005000000000001AAA',
      WhoId: '003000000000001AAA',
    });
  });

  it('uses the missed-call text, links accounts as WhatId and adds the recording link (C16)', () => {
    const task = buildCallTask(
      settings({ '/puenteOptions/recordingUrl': 'https://rec.example.com/[CallId].mp3' }),
      {
        ...call,
        direction: 'inbound',
        answered: false,
        durationSeconds: 0,
        linked: { objectType: 'Account', recordId: '001000000000001AAA' },
        manual: false,
      },
    );
    expect(task['Description']).toBe('Missed call from +541155551234.');
    expect(task['WhatId']).toBe('001000000000001AAA');
    const answered = buildCallTask(
      settings({ '/puenteOptions/recordingUrl': 'https://rec.example.com/[CallId].mp3' }),
      { ...call, manual: false },
    );
    expect(answered['Description']).toContain('Recording: https://rec.example.com/777.mp3');
  });

  it('leaves the manual-dial and wrap-up notes out when useTaskDescriptionField is off (B2, C6)', () => {
    const task = buildCallTask(settings({ '/neotelConfigOptions/useTaskDescriptionField': 'false' }), {
      ...call,
      wrapUpNote: 'pays on Friday',
    });
    expect(task['Description']).toBe('Outbound call to +541155551234 by Ana Agent (95 s).');
  });

  it("puts the agent's wrap-up note in the Description, after the call's sentence (C5, C6)", () => {
    const task = buildCallTask(
      settings({ '/puenteOptions/recordingUrl': 'https://rec.example.com/[CallId]' }),
      {
        ...call,
        wrapUpNote: 'pays on Friday\nwants the annual plan',
      },
    );
    expect(task['Description']).toBe(
      'Outbound call to +541155551234 by Ana Agent (95 s).\nManual dial: customer asked for a call\n' +
        'Note: pays on Friday\nwants the annual plan\nRecording: https://rec.example.com/777',
    );
  });
});
