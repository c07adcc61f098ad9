import { digitsOnly, toE164 } from '@puente/phone';
import { DmlService } from '../dml/dml.service';
import { PhoneIndexTrigger } from '../dml/phone-index.trigger';
import { Catalogue } from '../metadata/catalogue';
import { RecordStore } from '../store/record-store';
import { demoContacts, isInDemoOrg } from '@puente/contact-center-db';
import { OrgSeeder } from './seeder';

const NOW = Date.UTC(2024, 4, 15, 12);

function seeded(seed: number, records: number) {
  const catalogue = new Catalogue();
  const store = new RecordStore(catalogue);
  const dml = new DmlService(catalogue, store, [new PhoneIndexTrigger(store, 'AR')]);
  const summary = new OrgSeeder(dml, seed, NOW).run(records);
  const live = (name: string) => [...store.all(name)].filter((r) => r['IsDeleted'] !== true);
  return { store, summary, live };
}

describe('OrgSeeder', () => {
  const { summary, live } = seeded(7, 3000);

  it('creates the demo users, mapped by e-mail, agents reporting to supervisors', () => {
    const users = live('User');
    const emails = users.map((u) => u['Email']);
    expect(emails).toEqual(
      expect.arrayContaining([
        'integration@puente.demo',
        'agent1@puente.demo',
        'agent20@puente.demo',
        'supervisor1@puente.demo',
        'supervisor2@puente.demo',
      ]),
    );
    expect(summary.users).toBe(23);
    const agent1 = users.find((u) => u['Username'] === 'agent1@puente.demo');
    const supervisor1 = users.find((u) => u['Username'] === 'supervisor1@puente.demo');
    expect(agent1?.['ManagerId']).toBe(supervisor1?.['Id']);
  });

  it('seeds a few thousand records of every type', () => {
    expect(summary).toMatchObject({
      accounts: 361,
      // 1354 + 842 of the org's own, plus 2100 of the dialer's demo contacts (1680 + 420).
      contacts: 3034,
      leads: 1262,
      opportunities: 450,
      tasks: 300,
    });
    expect(live('Contact')).toHaveLength(summary.contacts);
    expect(live('PhoneIndex__c').length).toBeGreaterThan(3000);
  });

  it('writes phone numbers in many formats, some shared by records of different types', () => {
    const phones = ['Contact', 'Lead', 'Account'].flatMap((o) =>
      live(o).flatMap((r) =>
        ['Phone', 'MobilePhone', 'HomePhone']
          .map((f) => r[f])
          .filter((v): v is string => typeof v === 'string')
          .map((v) => ({ o, v })),
      ),
    );
    const styles = new Set(phones.map(({ v }) => v.replace(/\d/g, '9')));
    expect(styles.size).toBeGreaterThan(30);
    expect(phones.some(({ v }) => v.startsWith('+'))).toBe(true);
    expect(phones.some(({ v }) => /^\(\d+\) /.test(v))).toBe(true);
    const typesByNumber = new Map<string, Set<string>>();
    for (const { o, v } of phones) {
      const key = toE164(v, 'AR') ?? digitsOnly(v);
      typesByNumber.set(key, (typesByNumber.get(key) ?? new Set()).add(o));
    }
    const shared = [...typesByNumber.values()].filter((types) => types.size > 1);
    expect(shared.length).toBeGreaterThan(20);
  });

  it('is deterministic for a seed', () => {
    const a = seeded(11, 200)
      .live('Contact')
      .map((r) => [r['Id'], r['Name'], r['Phone'], r['MobilePhone']]);
    const b = seeded(11, 200)
      .live('Contact')
      .map((r) => [r['Id'], r['Name'], r['Phone'], r['MobilePhone']]);
    const c = seeded(12, 200)
      .live('Contact')
      .map((r) => [r['Id'], r['Name'], r['Phone'], r['MobilePhone']]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('includes the showcase records with their documented numbers', () => {
    const contacts = live('Contact');
    expect(contacts.find((c) => c['MobilePhone'] === '+54 9 11 5555-0001')?.['Name']).toBe('María González');
    expect(live('Lead').find((l) => l['Phone'] === '+54 11 4555-0002')?.['Name']).toBe('Juan Pérez');
  });

  it("holds the first 70% of the dialer's demo contacts: same person, same number in another format", () => {
    const people = [...live('Contact'), ...live('Lead')];
    const byEmail = new Map(people.map((r) => [r['Email'], r]));
    const dialer = demoContacts();
    const shared = dialer.filter((c) => isInDemoOrg(c.index, dialer.length));
    expect(shared).toHaveLength(2100);
    for (const database of [10, 20, 30, 31]) {
      expect(shared.filter((c) => c.database === database)).toHaveLength(525);
    }
    let reformatted = 0;
    for (const c of shared) {
      const record = byEmail.get(c.email);
      expect(record).toMatchObject({ FirstName: c.firstName, LastName: c.lastName });
      const phones = ['Phone', 'MobilePhone', 'HomePhone']
        .map((f) => record?.[f])
        .filter((v): v is string => typeof v === 'string');
      const same = phones.find((p) => toE164(p, c.country) === toE164(c.phone, c.country));
      expect(same).toBeDefined();
      expect(digitsOnly(same ?? '').slice(-7)).toBe(digitsOnly(c.phone).slice(-7));
      if (same !== c.phone) reformatted++;
    }
    expect(reformatted).toBe(shared.length);
    const notShared = dialer.filter((c) => !isInDemoOrg(c.index, dialer.length));
    expect(notShared.some((c) => byEmail.has(c.email))).toBe(false);
  });
});
