import { DialRequestSchema } from '@puente/contracts';
import { clickToDialRequest } from './click-to-dial.util';

describe('clickToDialRequest', () => {
  const contact = '003A0000006Vm9rIAC';

  it('dials the number with the record it was clicked on', () => {
    expect(clickToDialRequest({ number: ' +1 415 555 0100 ', recordId: contact }, true)).toEqual({
      number: '+1 415 555 0100',
      crmRecordId: contact,
    });
    expect(clickToDialRequest({ number: '100', recordId: contact.slice(0, 15) }, true)?.crmRecordId).toBe(
      contact.slice(0, 15),
    );
  });

  it('dials the number alone when the record id is not one the gateway accepts', () => {
    for (const recordId of [`${contact.slice(0, 15)}AAA`, '../../query', '003A0000006Vm9', undefined]) {
      const request = clickToDialRequest({ number: '100', recordId }, true);
      expect(request).toEqual({ number: '100' });
      expect(DialRequestSchema.safeParse(request).success).toBe(true);
    }
  });

  it('leaves the record out when the call center does not search on click-to-dial, and needs a number', () => {
    expect(clickToDialRequest({ number: '100', recordId: contact }, false)).toEqual({ number: '100' });
    expect(clickToDialRequest({ number: '  ', recordId: contact }, true)).toBeNull();
  });
});
