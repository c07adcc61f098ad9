import { generateCallCenterXml, readCallCenterSettings } from '../call-center/call-center-xml';
import { buildCallTask, type CallRecord } from './call-task';

function settings(overrides: Record<string, string> = {}) {
  const r = readCallCenterSettings(generateCallCenterXml(overrides));
  if (!r.ok) throw new Error('bad settings');
  return r.settings;
}

const recorded: CallRecord = {
  callId: '812',
  direction: 'inbound',
  number: '+541155557777',
  answered: true,
  durationSeconds: 42,
  startedAt: '2026-11-23T13:00:00.000Z',
  agentName: 'Ana Agent',
  campaign: null,
  queue: '1',
  disposition: null,
  note: null,
  manual: false,
  recordingUrl: 'http://dialer.test/recordings/812',
  linked: null,
  ownerId: null,
};

describe('recording links on the Task by default (issue 16 §3, C16)', () => {
  it("adds the dialer's recording link when the dialer recorded the call, with no setting", () => {
    expect(buildCallTask(settings(), recorded)['Description']).toBe(
      'Inbound call from +541155557777 answered by Ana Agent (42 s).\n' +
        'Recording: http://dialer.test/recordings/812',
    );
  });

  it('adds none when the dialer did not record the call, or the call was never answered', () => {
    expect(buildCallTask(settings(), { ...recorded, recordingUrl: null })['Description']).not.toContain(
      'Recording',
    );
    expect(
      buildCallTask(settings(), { ...recorded, answered: false, durationSeconds: 0 })['Description'],
    ).not.toContain('Recording');
  });

  it("a configured template wins, and can name the dialer's link as [RecordingUrl]", () => {
    const own = settings({ '/puenteOptions/recordingUrl': 'https://rec.example.com/[CallId].mp3' });
    expect(buildCallTask(own, recorded)['Description']).toContain(
      'Recording: https://rec.example.com/812.mp3',
    );
    const wrapped = settings({
      '/puenteOptions/recordingUrl': 'https://player.example.com/?src=[RecordingUrl]',
    });
    expect(buildCallTask(wrapped, recorded)['Description']).toContain(
      'Recording: https://player.example.com/?src=http://dialer.test/recordings/812',
    );
  });
});
