import { initialAgentState, type CallState, type PanelConfig } from '@puente/contracts';
import { atTime, monthGrid, releaseRules, toIsoWithOffset, wrapUpCall } from './wrap-up.util';

const config = (allowCategorization: boolean, allowContactRelease: boolean): PanelConfig => ({
  allowCategorization,
  allowContactRelease,
  automaticContactRelease: -1,
  allowClickToDialSearch: true,
  useTaskDescriptionField: true,
  allowTextMessage: false,
  softphoneWidth: 620,
  softphoneHeight: 420,
  source: { callCenter: 'gateway', softphoneLayout: 'gateway', callCenterName: null, problems: [] },
});

describe('wrap-up rules (C5, C6)', () => {
  it('categorise, and release without a category when allowed', () => {
    expect(releaseRules(config(true, true))).toEqual({
      categorize: true,
      categoryRequired: false,
      releaseWithout: true,
    });
  });

  it('a category is required when release without one is not allowed', () => {
    expect(releaseRules(config(true, false))).toEqual({
      categorize: true,
      categoryRequired: true,
      releaseWithout: false,
    });
  });

  it('no categorisation: RELEASE just releases, when allowed', () => {
    expect(releaseRules(config(false, true))).toEqual({
      categorize: false,
      categoryRequired: false,
      releaseWithout: true,
    });
    expect(releaseRules(config(false, false)).releaseWithout).toBe(false);
  });

  it('asks for a category until the options are known', () => {
    expect(releaseRules(null)).toEqual({ categorize: true, categoryRequired: true, releaseWithout: false });
  });
});

describe('the call a wrap-up follows (issue 16 §2.1)', () => {
  const call = (status: CallState['status']): CallState => ({
    callId: '4711',
    direction: 'outbound',
    status,
    party: '+541155551234',
    dialerMode: 'predictive',
    campaignId: '1',
    queueId: null,
    startedAt: '2026-03-10T12:00:00Z',
    answeredAt: '2026-03-10T12:00:05Z',
    endedAt: status === 'ended' ? '2026-03-10T12:03:00Z' : null,
    endCause: null,
    heldSince: null,
    holdSeconds: 0,
    transfer: null,
    conference: null,
    dtmf: '',
  });

  it('names the ended call still on screen, whose id the contact no longer shows', () => {
    expect(wrapUpCall(call('ended'))).toEqual({ callId: '4711' });
  });

  it('names none for a previewed contact or a call still connected', () => {
    expect(wrapUpCall(initialAgentState('1').call)).toEqual({});
    expect(wrapUpCall(call('talking'))).toEqual({});
  });
});

describe('schedule dates (B8)', () => {
  it('writes the local time with its offset', () => {
    const date = new Date(2026, 10, 24, 10, 30);
    const iso = toIsoWithOffset(date);
    expect(iso).toMatch(/^2026-11-24T10:30:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso)).toBe(date.getTime());
  });

  it('combines a day and a time, and lays out a month from the first weekday', () => {
    expect(atTime(new Date(2026, 10, 24, 17, 5), '09:15')).toEqual(new Date(2026, 10, 24, 9, 15));
    const grid = monthGrid(new Date(2026, 10, 1), 1);
    expect(grid).toHaveLength(42);
    expect(grid[0].getDay()).toBe(1);
    expect(grid.some((d) => d.getDate() === 30 && d.getMonth() === 10)).toBe(true);
  });
});
