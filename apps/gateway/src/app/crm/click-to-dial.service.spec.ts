import type { SessionService } from '../auth/session.service';
import type { Dialer } from '../dialer/dialer.port';
import { ClickToDialService } from './click-to-dial.service';
import type { Crm } from './crm.port';

const CONTACT = '003Pu0000000001IAA';
const CASE = '500A0000006Vm9rIAC';
const manual = (callId: string) => ({ callId, direction: 'outbound', dialerMode: 'manual' });

/**
 * Which call a clicked record belongs to (issue 16 §2.4): the dialer's call
 * events can arrive before the Dial's answer, so the record waits for the
 * agent's manual outbound call, and never goes to a later call.
 */
describe('ClickToDialService: the record a call was clicked from', () => {
  const service = () => new ClickToDialService({} as Crm, {} as Dialer, {} as SessionService);
  const record = { objectType: 'Contact', recordId: CONTACT };

  it('is the call the Dial answered with', () => {
    const c2d = service();
    c2d.startingFrom('a1', CONTACT);
    c2d.dialed('a1', 'call-1');
    expect(c2d.originOf('a1', manual('call-1'))).toEqual(record);
    expect(c2d.originOf('a1', manual('call-2'))).toBeNull();
    expect(c2d.originOf('a2', manual('call-1'))).toBeNull();
  });

  it('goes to the manual call whose events outran the Dial’s answer, and stays with it', () => {
    const c2d = service();
    c2d.startingFrom('a1', CONTACT);
    expect(c2d.originOf('a1', { callId: 'p-1', direction: 'outbound', dialerMode: 'predictive' })).toBeNull();
    expect(c2d.originOf('a1', { callId: 'in-1', direction: 'inbound', dialerMode: null })).toBeNull();
    expect(c2d.originOf('a1', manual('call-1'))).toEqual(record);
    c2d.dialed('a1', 'call-1');
    expect(c2d.originOf('a1', manual('call-1'))).toEqual(record);
    expect(c2d.originOf('a1', manual('call-2'))).toBeNull();
  });

  it('is forgotten when the Dial is refused, and never taken by an object Puente does not pop', () => {
    const c2d = service();
    c2d.startingFrom('a1', CONTACT);
    c2d.dialed('a1', null);
    expect(c2d.originOf('a1', manual('call-1'))).toBeNull();
    c2d.startingFrom('a1', CASE);
    expect(c2d.originOf('a1', manual('call-2'))).toBeNull();
  });
});
