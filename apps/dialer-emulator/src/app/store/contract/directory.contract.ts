import { DEMO_IDS, verifyPassword } from '@puente/contact-center-db';
import { campaignByMode, type ContractContext, reserve, storeRefusal, UNKNOWN_ID } from './contract-support';

/** Directory, transfer numbers, categories, contact look-ups, blacklist. */
export function describeDirectoryContract(ctx: ContractContext): void {
  describe('directory', () => {
    it('holds the demo users, devices, campaigns of each mode and the two queues, consistently linked', async () => {
      const directory = await ctx.store().loadDirectory();
      const logins = directory.users.map((u) => u.login);
      for (let n = 1; n <= 20; n++) expect(logins).toContain(`agent${String(n).padStart(2, '0')}`);
      expect(logins).toEqual(expect.arrayContaining(['super01', 'super02', 'admin']));
      const agent01 = directory.users.find((u) => u.login === 'agent01');
      expect(agent01).toMatchObject({ active: true, roles: ['agent'], email: 'agent1@puente.demo' });
      expect(await verifyPassword('puente', agent01?.passwordHash ?? '')).toBe(true);
      expect(directory.users.find((u) => u.login === 'super01')?.roles).toContain('supervisor');
      for (let d = 1001; d <= 1030; d++) expect(directory.devices).toContain(String(d));
      expect(directory.campaigns.map((c) => [c.id, c.dialerMode])).toEqual([
        ['1', 'predictive'],
        ['2', 'progressive'],
        ['3', 'preview'],
      ]);
      expect(directory.queues.map((q) => [q.id, q.ivrData])).toEqual([
        ['1', 'ani'],
        ['2', 'input'],
      ]);
      const userIds = new Set(directory.users.map((u) => u.id));
      for (const c of [...directory.campaigns, ...directory.queues]) {
        expect(c.userIds.length).toBeGreaterThan(0);
        for (const id of c.userIds) expect(userIds).toContain(id);
      }
      for (const c of directory.campaigns)
        for (const u of directory.users) expect(u.campaignIds.includes(c.id)).toBe(c.userIds.includes(u.id));
      const breakIds = directory.breakStates.map((b) => b.id);
      expect(new Set(breakIds).size).toBe(breakIds.length);
      expect(directory.breakStates.some((b) => !b.system)).toBe(true);
    });

    it('lists transfer numbers per campaign and refuses an unknown campaign', async () => {
      const store = ctx.store();
      for (const { id } of (await store.loadDirectory()).campaigns) {
        const numbers = await store.transferNumbers(id);
        expect(numbers.length).toBeGreaterThan(0);
        for (const n of numbers)
          expect(n).toEqual({ number: expect.stringMatching(/^\+\d+$/), label: expect.any(String) });
      }
      expect(await storeRefusal(store.transferNumbers(UNKNOWN_ID))).toBe('CAMPAIGN_NOT_FOUND');
    });

    it('lists categories per CRM (plain and agenda, subcategories with their own ids), refusing an unknown CRM', async () => {
      const store = ctx.store();
      for (const { crmId } of (await store.loadDirectory()).campaigns) {
        const categories = await store.categories(crmId);
        expect(categories.some((c) => c.schedules)).toBe(true);
        expect(categories.some((c) => !c.schedules)).toBe(true);
        const ids = categories.flatMap((c) => [c.id, ...c.subcategories.map((s) => s.id)]);
        expect(new Set(ids).size).toBe(ids.length);
      }
      expect(await storeRefusal(store.categories(UNKNOWN_ID))).toBe('CRM_NOT_FOUND');
    });
  });

  describe('contacts', () => {
    it('finds a contact by id and by its key in its CRM (the key trimmed), and nothing for unknown ones', async () => {
      const store = ctx.store();
      const [reserved] = await reserve(store, '1', 1);
      const { attempts: _attempts, ...contact } = reserved;
      expect(await store.contactGet(contact.id)).toEqual(contact);
      expect(await store.contactByKey(contact.crmId, contact.key)).toEqual(contact);
      expect(await store.contactByKey(contact.crmId, ` ${contact.key} `)).toEqual(contact);
      expect(await store.contactGet(UNKNOWN_ID)).toBeNull();
      expect(await store.contactGet('not-an-id')).toBeNull();
      expect(await store.contactByKey(contact.crmId, 'NO-SUCH-KEY')).toBeNull();
      expect(await store.contactByKey(contact.crmId, '')).toBeNull();
      expect(await storeRefusal(store.contactByKey(UNKNOWN_ID, contact.key))).toBe('CRM_NOT_FOUND');
    });

    it('knows the blacklist (D4), whitespace around the number ignored', async () => {
      const store = ctx.store();
      expect(await store.blacklisted(DEMO_IDS.blacklistedNumber)).toBe(true);
      expect(await store.blacklisted(` ${DEMO_IDS.blacklistedNumber} `)).toBe(true);
      expect(await store.blacklisted('+5491155550667')).toBe(false);
    });
  });

  describe('insertSalesforceContact (D1 CONTACTO_INSERT_SALESFORCE)', () => {
    const inboundDatabase = async () => (await ctx.store().loadDirectory()).queues[0].databaseId;

    it('inserts a new key once, then finds the same contact: CLAVESF "idContacto-Data"', async () => {
      const store = ctx.store();
      const databaseId = await inboundDatabase();
      const first = await store.insertSalesforceContact('  K-777  ', ' +541155550001 ', databaseId);
      expect(first).toEqual({
        clavesf: `${first.contactId}-K-777`,
        contactId: expect.stringMatching(/^\d+$/),
        data: 'K-777',
        created: true,
      });
      const again = await store.insertSalesforceContact('K-777', '+541155550002', databaseId);
      expect(again).toEqual({ ...first, created: false });
      const crmId = (await store.contactGet(first.contactId))?.crmId ?? '';
      expect(await store.contactByKey(crmId, 'K-777')).toMatchObject({
        id: first.contactId,
        databaseId,
        key: 'K-777',
        phone: '+541155550001',
      });
    });

    it('with empty DATA makes a contact keyed by its own id, "idContacto-"; a number without digits is stored empty', async () => {
      const store = ctx.store();
      const databaseId = await inboundDatabase();
      for (const ani of ['anonymous', 'Private', '']) {
        const result = await store.insertSalesforceContact('', ani, databaseId);
        expect(result).toEqual({
          clavesf: `${result.contactId}-`,
          contactId: result.contactId,
          data: '',
          created: true,
        });
        expect(await store.contactGet(result.contactId)).toMatchObject({ key: result.contactId, phone: '' });
      }
    });

    it('refuses an unknown database, over-long input and control characters with stable codes', async () => {
      const store = ctx.store();
      const databaseId = await inboundDatabase();
      expect(await storeRefusal(store.insertSalesforceContact('K', '+54911', UNKNOWN_ID))).toBe(
        'DATABASE_NOT_FOUND',
      );
      expect(await storeRefusal(store.insertSalesforceContact('x'.repeat(256), '+54911', databaseId))).toBe(
        'INVALID_INPUT',
      );
      expect(await storeRefusal(store.insertSalesforceContact('K', '1'.repeat(65), databaseId))).toBe(
        'INVALID_INPUT',
      );
      expect(await storeRefusal(store.insertSalesforceContact('K\u0007', '+54911', databaseId))).toBe(
        'INVALID_INPUT',
      );
    });
  });

  it('campaignUpdate changes what the directory says, null keeping a value; refuses bad input', async () => {
    const store = ctx.store();
    const campaign = campaignByMode(await store.loadDirectory(), 'predictive');
    await store.campaignUpdate(campaign.id, false, null);
    expect((await store.loadDirectory()).campaigns.find((c) => c.id === campaign.id)).toMatchObject({
      active: false,
      maxAbandonRate: campaign.maxAbandonRate,
    });
    await store.campaignUpdate(campaign.id, null, 0.05);
    expect((await store.loadDirectory()).campaigns.find((c) => c.id === campaign.id)).toMatchObject({
      active: false,
      maxAbandonRate: 0.05,
    });
    expect(await storeRefusal(store.campaignUpdate(UNKNOWN_ID, true, null))).toBe('CAMPAIGN_NOT_FOUND');
    expect(await storeRefusal(store.campaignUpdate(campaign.id, null, 1.5))).toBe('INVALID_INPUT');
  });
}
