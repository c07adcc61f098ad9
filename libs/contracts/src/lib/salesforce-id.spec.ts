import { CrmRecordRefSchema } from './crm';
import { DialRequestSchema } from './commands';
import {
  isSalesforceId,
  objectOfSalesforceId,
  SALESFORCE_KEY_PREFIXES,
  salesforceIdProblem,
  salesforceIdSchema,
  salesforceIdSuffix,
} from './salesforce-id';

describe('Salesforce ids', () => {
  it.each([
    // Published pairs (Salesforce help and knowledge articles), then hand-worked ones.
    ['001A0000006Vm9r', 'IAC'],
    ['0015000000Gv7qJ', 'AAR'],
    ['a0D30000001n7Pi', 'EAI'],
    ['003000000000001', 'AAA'],
    ['00Q000000000000', 'EAA'],
    ['AAAAAAAAAAAAAAA', '555'],
    ['aaaaaaaaaaaaaaa', 'AAA'],
    ['Z0000z0000Z000Z', 'BAR'],
  ])('computes the case checksum of %s as %s', (id15, suffix) => {
    expect(salesforceIdSuffix(id15)).toBe(suffix);
    expect(isSalesforceId(id15 + suffix)).toBe(true);
  });

  it('accepts 15- and 18-character ids of letters and digits', () => {
    expect(isSalesforceId('001A0000006Vm9r')).toBe(true);
    expect(isSalesforceId('001A0000006Vm9rIAC')).toBe(true);
  });

  it('refuses an 18-character id whose suffix does not match the case of the first 15', () => {
    for (const bad of [
      '001A0000006Vm9rAAA',
      '001a0000006vm9rIAC',
      '001A0000006Vm9riac',
      '00Q000000000000AAA',
    ])
      expect(salesforceIdProblem(bad)).toMatch(/case checksum/);
  });

  it.each([
    ['a traversal', '../../query?q=SELECT Id FROM User', /letters and digits only/],
    ['an encoded slash', '003%2F..%2Fquery', /letters and digits only/],
    ['a dot inside', '003A0000006Vm9.', /letters and digits only/],
    ['a space', '003A0000006 Vm9', /letters and digits only/],
    ['a quote', "003A0000006Vm9'", /letters and digits only/],
    ['a non-ASCII letter', '003A0000006Vm9é', /letters and digits only/],
    ['too short', '003A0000006Vm9', /15 or 18 characters \(got 14\)/],
    ['16 characters', '003A0000006Vm9rA', /15 or 18 characters \(got 16\)/],
    ['empty', '', /15 or 18 characters \(got 0\)/],
  ])('refuses %s', (_name, value, message) => {
    expect(salesforceIdProblem(value)).toMatch(message);
    expect(isSalesforceId(value)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 3, {}, ['003A0000006Vm9r']])
      expect(salesforceIdProblem(value)).toMatch(/a string/);
  });

  it('checks the key prefix of the objects named', () => {
    const contact = '003A0000006Vm9rIAC';
    expect(salesforceIdProblem(contact, ['Contact'])).toBeNull();
    expect(salesforceIdProblem(contact, ['Contact', 'Lead'])).toBeNull();
    expect(salesforceIdProblem(contact, ['Account'])).toBe(
      'must be the id of an Account (001…), not of a record starting 003',
    );
    expect(salesforceIdProblem(contact, ['Account', 'Opportunity'])).toMatch(
      /an Account \(001…\) or an Opportunity \(006…\)/,
    );
  });

  it('names the object of an id by its key prefix, among the objects Puente touches', () => {
    expect(SALESFORCE_KEY_PREFIXES).toEqual({
      Account: '001',
      Contact: '003',
      Lead: '00Q',
      Opportunity: '006',
      Task: '00T',
      User: '005',
    });
    const id = (prefix: string) => {
      const id15 = `${prefix}Pu0000000001`;
      return id15 + salesforceIdSuffix(id15);
    };
    expect(objectOfSalesforceId(id('003'))).toBe('Contact');
    expect(objectOfSalesforceId(id('00Q'))).toBe('Lead');
    expect(objectOfSalesforceId(id('00T'))).toBe('Task');
    expect(objectOfSalesforceId(id('005'))).toBe('User');
    // A Case (500): a valid id of an object Puente does not touch.
    expect(isSalesforceId(id('500'))).toBe(true);
    expect(objectOfSalesforceId(id('500'))).toBeNull();
    expect(objectOfSalesforceId('003%2F..%2Fquery')).toBeNull();
    expect(objectOfSalesforceId(`${id('003').slice(0, 15)}AAA`)).toBeNull();
  });

  it('is a zod schema with the same words', () => {
    const schema = salesforceIdSchema(['Lead']);
    expect(schema.safeParse('00QA0000006Vm9rMAC').success).toBe(true);
    const refused = schema.safeParse('../User');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe('must be a Salesforce id: letters and digits only');
  });
});

describe('ids in requests', () => {
  const issues = (result: {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  }) => result.error?.issues.map((i) => [i.path.join('.'), i.message]);

  it('a record reference names a CRM object and an id of that object', () => {
    expect(CrmRecordRefSchema.safeParse({ objectType: 'Lead', recordId: '00QA0000006Vm9rMAC' }).success).toBe(
      true,
    );
    expect(
      issues(CrmRecordRefSchema.safeParse({ objectType: 'Lead', recordId: '003A0000006Vm9rIAC' })),
    ).toEqual([['recordId', 'must be the id of a Lead (00Q…), not of a record starting 003']]);
    expect(issues(CrmRecordRefSchema.safeParse({ objectType: 'Lead', recordId: '../../query' }))).toEqual([
      ['recordId', 'must be a Salesforce id: letters and digits only'],
    ]);
    expect(issues(CrmRecordRefSchema.safeParse({ objectType: 'User', recordId: '../../query' }))).toEqual([
      ['objectType', 'must be one of Contact, Account, Lead, Opportunity'],
      ['recordId', 'must be a Salesforce id: letters and digits only'],
    ]);
  });

  it('click-to-dial takes a Salesforce id of any object, or none', () => {
    expect(DialRequestSchema.safeParse({ number: '100', crmRecordId: '500A0000006Vm9rIAC' }).success).toBe(
      true,
    );
    expect(DialRequestSchema.safeParse({ number: '100' }).success).toBe(true);
    expect(issues(DialRequestSchema.safeParse({ number: '100', crmRecordId: '500A0000006Vm9rAAA' }))).toEqual(
      [
        [
          'crmRecordId',
          'must be a Salesforce id: its last 3 characters are not the case checksum of the first 15',
        ],
      ],
    );
  });
});
