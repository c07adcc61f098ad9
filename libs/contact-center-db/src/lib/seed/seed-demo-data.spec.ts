import { openTestPglite } from '../testing/test-databases';
import { demoPhone, prng } from './demo-people';
import { seedDemoData } from './seed-demo-data';

describe('seedDemoData', () => {
  it('loads the demo centre once: a second run adds nothing, the same seed gives the same contacts', async () => {
    const db = await openTestPglite();
    try {
      const first = await seedDemoData(db, { contacts: 3000 });
      expect(first.inserted).toMatchObject({
        crms: 3,
        campaigns: 3,
        queues: 2,
        users: 23,
        devices: 30,
        contacts: 3000,
      });
      const second = await seedDemoData(db, { contacts: 3000 });
      expect(Object.values(second.inserted).every((n) => n === 0)).toBe(true);
      const [counts] = await db.query<{ contacts: number; keys: number; agenda: number }>(
        `SELECT (SELECT count(*)::int FROM contacts) AS contacts,
                (SELECT count(DISTINCT (crm_id, clave_1))::int FROM contacts) AS keys,
                (SELECT count(*)::int FROM categories WHERE schedules) AS agenda`,
      );
      expect(counts).toEqual({ contacts: 3000, keys: 3000, agenda: 3 });
      const modes = await db.query<{ dialer_mode: string }>('SELECT dialer_mode FROM campaigns ORDER BY id');
      expect(modes.map((m) => m.dialer_mode)).toEqual(['predictive', 'progressive', 'preview']);
      const phones = await db.query<{ phone: string }>(
        'SELECT phone FROM contacts ORDER BY clave_1 LIMIT 300',
      );
      const all = phones.map((p) => p.phone).join(' ');
      expect(all).toMatch(/\+54 9 11|\+54911|011 15-/);
      expect(all).toMatch(/\+34|^[67]\d{8}/m);
      expect(all).toMatch(/\+1 \(|\d{3}-555-01/);
    } finally {
      await db.close();
    }
  });

  it('generates the same numbers from the same seed', () => {
    const a = prng(7);
    const b = prng(7);
    const run = (r: () => number) => Array.from({ length: 10 }, () => demoPhone(r, 'AR'));
    expect(run(a)).toEqual(run(b));
  });
});
