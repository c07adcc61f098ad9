import { demoContacts, isInDemoOrg } from './demo-contacts';

describe('demoContacts', () => {
  it('is a pure function of seed and count: the same people, keys and phones', () => {
    const a = demoContacts(7, 40);
    expect(demoContacts(7, 40)).toEqual(a);
    expect(demoContacts(8, 40)).not.toEqual(a);
    // A longer run starts with the same people: the count only cuts the sequence.
    expect(demoContacts(7, 80).slice(0, 40)).toEqual(a);
    expect(a.slice(0, 4).map((c) => [c.database, c.key])).toEqual([
      [10, 'V100000'],
      [20, 'C100001'],
      [30, 'A100002'],
      [31, 'E100003'],
    ]);
  });

  it('puts the first 70% of every database in the demo org', () => {
    const contacts = demoContacts(1, 3000);
    for (const database of [10, 20, 30, 31]) {
      const mine = contacts.filter((c) => c.database === database);
      expect(mine.filter((c) => isInDemoOrg(c.index, 3000))).toEqual(mine.slice(0, 525));
    }
  });
});
