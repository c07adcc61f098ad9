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

describe('call journaling of private and internal calls (issue 16 §2.5, §2.9)', () => {
  const inbound: CallRecord = { ...call, direction: 'inbound', manual: false, note: null };

  it.each(['anonymous', ''])(
    'names a private caller (%p) with the pop-up settings\' anonymous label, never "anonymous"',
    (number) => {
      const task = buildCallTask(settings({ '/puenteOptions/anonymousLabel': 'Número privado' }), {
        ...inbound,
        number,
      });
      expect(task['Subject']).toBe('Inbound call Número privado');
      expect(task['Description']).toBe('Inbound call from Número privado answered by Ana Agent (95 s).');
      expect(JSON.stringify(task)).not.toContain('anonymous');
    },
  );

  it('journals an internal call the agent received from the receiving side', () => {
    const task = buildCallTask(settings(), {
      ...call,
      direction: 'internal',
      number: 'agent01',
      agentName: 'Agente 02',
      manual: false,
      note: null,
    });
    expect(task['CallType']).toBe('Internal');
    expect(task['Description']).toBe('Internal call from agent01 answered by Agente 02 (95 s).');
  });

  it('journals an internal call the agent dialled as placed by them, and says it was internal', () => {
    const task = buildCallTask(settings(), {
      ...call,
      direction: 'internal',
      number: 'agent02',
      agentName: 'Agente 01',
      note: null,
    });
    expect(task['Description']).toBe('Internal call to agent02 by Agente 01 (95 s).');
    const unanswered = buildCallTask(settings(), {
      ...call,
      direction: 'internal',
      number: 'agent02',
      answered: false,
      note: null,
    });
    expect(unanswered['Description']).toBe('Internal call to agent02 not answered.');
  });

  it('keeps an internal user whose name has no digits as it is', () => {
    const task = buildCallTask(settings(), {
      ...call,
      direction: 'internal',
      number: 'Supervisora',
      manual: false,
      note: null,
    });
    expect(task['Subject']).toBe('Internal call Supervisora');
  });
});
