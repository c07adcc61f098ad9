import { ContactDbError, type ContactDb } from '../port/contact-db';
import type { ProcedureErrorCode } from '../sql/procedures';
import { FIXTURE as F } from './behaviour-fixture';

export interface ContactDbHarness {
  db: ContactDb;
  /** Closes the adapter and throws the database away. */
  dispose(): Promise<void>;
}

/** A harness over a database loaded with the behaviour fixture, or why there is none here. */
export type ContactDbFactory = () => Promise<ContactDbHarness | { skip: string }>;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ContactDbError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal, got a result');
}

/**
 * One behaviour, every adapter: the same tests run against PGlite, PostgreSQL
 * and SQL Server. A factory that cannot reach its database skips the suite and
 * says why, instead of passing silently.
 */
export function describeContactDbBehaviour(
  name: string,
  factory: ContactDbFactory,
  /** Known before any test runs (MSSQL_URL unset): the suite is skipped visibly, with this reason in its title. */
  skipReason?: string,
): void {
  const suite = skipReason ? describe.skip : describe;
  suite(`ContactDb behaviour: ${name}${skipReason ? ` [SKIPPED: ${skipReason}]` : ''}`, () => {
    let harness: ContactDbHarness | undefined;
    let db: ContactDb;

    beforeAll(async () => {
      const made = await factory();
      if ('skip' in made) {
        console.warn(`ContactDb behaviour: ${name} SKIPPED: ${made.skip}`);
        return;
      }
      harness = made;
      db = made.db;
    });
    afterAll(async () => harness?.dispose());

    /** `it` that does nothing when the database is not reachable here. */
    const test = (title: string, fn: () => Promise<void>) =>
      it(title, async () => {
        if (!harness) return;
        await fn();
      });
    const expectRefused = async (promise: Promise<unknown>, code: ProcedureErrorCode) =>
      expect(await refusal(promise)).toBe(code);

    describe('CONTACTO_INSERT_SALESFORCE (D1)', () => {
      test('inserts an unknown key and returns CLAVESF "idContacto-Data"', async () => {
        const result = await db.insertSalesforceContact({
          data: '20123456789',
          ani: '+5491144440000',
          databaseId: F.dbVentas,
        });
        expect(result).toEqual({
          clavesf: `${result.contactId}-20123456789`,
          contactId: expect.stringMatching(/^\d+$/),
          data: '20123456789',
          created: true,
        });
        const stored = await db.findContactByKey(F.crmVentas, '20123456789');
        expect(stored).toMatchObject({
          contactId: result.contactId,
          databaseId: F.dbVentas,
          phones: ['+5491144440000'],
        });
      });

      test('finds a known key, in any database of the same CRM, and creates nothing', async () => {
        for (const databaseId of [F.dbVentas, F.dbVentasOther]) {
          const result = await db.insertSalesforceContact({
            data: F.knownKey,
            ani: '+34611222333',
            databaseId,
          });
          expect(result).toEqual({
            clavesf: `${F.knownContact}-${F.knownKey}`,
            contactId: F.knownContact,
            data: F.knownKey,
            created: false,
          });
        }
        const known = await db.findContactByKey(F.crmVentas, F.knownKey);
        expect(known?.phones).toEqual([F.knownPhone, '+541143210000']);
      });

      test('keeps keys apart per CRM', async () => {
        const other = await db.insertSalesforceContact({
          data: F.knownKey,
          ani: '',
          databaseId: F.dbCobranzas,
        });
        expect(other.created).toBe(true);
        expect(other.contactId).not.toBe(F.knownContact);
      });

      test('with empty DATA creates a contact every time and answers "idContacto-"', async () => {
        const first = await db.insertSalesforceContact({
          data: '',
          ani: '+12025550143',
          databaseId: F.dbVentas,
        });
        const second = await db.insertSalesforceContact({
          data: '   ',
          ani: '+12025550143',
          databaseId: F.dbVentas,
        });
        expect(first).toEqual({
          clavesf: `${first.contactId}-`,
          contactId: expect.stringMatching(/^\d+$/),
          data: '',
          created: true,
        });
        expect(second.clavesf).toBe(`${second.contactId}-`);
        expect(second.contactId).not.toBe(first.contactId);
        // The id stands in for the key, so the contact can still be found, categorised and scheduled (D3).
        expect((await db.findContactByKey(F.crmVentas, first.contactId))?.key).toBe(first.contactId);
      });

      test('gives a private or anonymous caller a contact without a phone (D3)', async () => {
        for (const ani of ['anonymous', '', 'private']) {
          const result = await db.insertSalesforceContact({ data: '', ani, databaseId: F.dbVentas });
          expect(result.created).toBe(true);
          expect((await db.findContactByKey(F.crmVentas, result.contactId))?.phones).toEqual([]);
        }
      });

      test('trims DATA and stores hostile text as plain data', async () => {
        expect(
          (await db.insertSalesforceContact({ data: '  DNI-31987456 ', ani: '', databaseId: F.dbVentas }))
            .data,
        ).toBe('DNI-31987456');
        const hostile = `x'); DROP TABLE contacts; -- ñandú "quoted" ☎`;
        const result = await db.insertSalesforceContact({ data: hostile, ani: '', databaseId: F.dbVentas });
        expect(result.clavesf).toBe(`${result.contactId}-${hostile}`);
        expect((await db.findContactByKey(F.crmVentas, hostile))?.contactId).toBe(result.contactId);
      });

      test('refuses an unknown database with DATABASE_NOT_FOUND', async () => {
        await expectRefused(
          db.insertSalesforceContact({ data: 'K', ani: '', databaseId: '999999' }),
          'DATABASE_NOT_FOUND',
        );
        await expectRefused(
          db.insertSalesforceContact({ data: 'K', ani: '', databaseId: '10; DROP' }),
          'DATABASE_NOT_FOUND',
        );
      });

      test('refuses what the columns cannot hold with INVALID_INPUT, and stores nothing', async () => {
        const ok = 'a'.repeat(255);
        expect((await db.insertSalesforceContact({ data: ok, ani: '', databaseId: F.dbVentas })).data).toBe(
          ok,
        );
        const bad: [string, string][] = [
          ['b'.repeat(256), ''],
          ['LONG-ANI', '1'.repeat(65)],
          ['tab\there', ''],
          ['nul\u0000byte', ''],
          ['ESC', '+54\u001b911'],
        ];
        for (const [data, ani] of bad) {
          await expectRefused(
            db.insertSalesforceContact({ data, ani, databaseId: F.dbVentas }),
            'INVALID_INPUT',
          );
        }
        expect(await db.findContactByKey(F.crmVentas, 'LONG-ANI')).toBeNull();
      });

      test('never makes two contacts for one key under 20 concurrent calls', async () => {
        const calls = Array.from({ length: 20 }, (_, i) =>
          db.insertSalesforceContact({
            data: 'RACE-20',
            ani: `+54911555500${String(i).padStart(2, '0')}`,
            databaseId: i % 2 ? F.dbVentas : F.dbVentasOther,
          }),
        );
        const results = await Promise.all(calls);
        expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
        expect(results.filter((r) => r.created)).toHaveLength(1);
      });
    });

    describe('CONTACTO_INSERT_SALESFORCE for several callers at once', () => {
      const values = (outcomes: PromiseSettledResult<unknown>[]) =>
        outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as ContactDbError).code));

      test('answers each input in order, as if each were inserted alone', async () => {
        const outcomes = await db.insertSalesforceContacts([
          { data: 'BATCH-Z', ani: '+5491140000001', databaseId: F.dbVentas },
          { data: F.knownKey, ani: '', databaseId: F.dbVentasOther },
          { data: '', ani: 'anonymous', databaseId: F.dbVentas },
          { data: 'BATCH-A', ani: '', databaseId: F.dbCobranzas },
        ]);
        const [z, known, empty, a] = values(outcomes) as { contactId: string; created: boolean }[];
        expect(z).toMatchObject({ data: 'BATCH-Z', created: true });
        expect(known).toEqual({
          clavesf: `${F.knownContact}-${F.knownKey}`,
          contactId: F.knownContact,
          data: F.knownKey,
          created: false,
        });
        expect(empty).toMatchObject({ clavesf: `${empty.contactId}-`, created: true });
        expect(a).toMatchObject({ data: 'BATCH-A', created: true });
        expect((await db.findContactByKey(F.crmVentas, 'BATCH-Z'))?.contactId).toBe(z.contactId);
        expect((await db.findContactByKey(F.crmCobranzas, 'BATCH-A'))?.contactId).toBe(a.contactId);
      });

      test('makes one contact for a key that appears twice, in one batch and across batches', async () => {
        const batch = (ani: string) =>
          db.insertSalesforceContacts([
            { data: 'BATCH-TWICE', ani, databaseId: F.dbVentas },
            { data: 'BATCH-OTHER', ani, databaseId: F.dbVentas },
            { data: ' BATCH-TWICE ', ani, databaseId: F.dbVentasOther },
          ]);
        const all = (await Promise.all([batch('+5491140000002'), batch('+5491140000003')])).flatMap(
          (outcomes) => values(outcomes) as { contactId: string; data: string; created: boolean }[],
        );
        const twice = all.filter((r) => r.data === 'BATCH-TWICE');
        expect(new Set(twice.map((r) => r.contactId)).size).toBe(1);
        expect(twice.filter((r) => r.created)).toHaveLength(1);
        expect(all.filter((r) => r.data === 'BATCH-OTHER' && r.created)).toHaveLength(1);
      });

      test('gives a refused input its own error, and writes the others', async () => {
        const outcomes = await db.insertSalesforceContacts([
          { data: 'BATCH-OK-1', ani: '', databaseId: F.dbVentas },
          { data: 'BATCH-NO-DB', ani: '', databaseId: '999999' },
          { data: 'tab\there', ani: '', databaseId: F.dbVentas },
          { data: 'BATCH-OK-2', ani: '', databaseId: F.dbVentas },
        ]);
        const [ok1, noDb, invalid, ok2] = values(outcomes);
        expect(ok1).toMatchObject({ data: 'BATCH-OK-1', created: true });
        expect(noDb).toBe('DATABASE_NOT_FOUND');
        expect(invalid).toBe('INVALID_INPUT');
        expect(ok2).toMatchObject({ data: 'BATCH-OK-2', created: true });
        expect(await db.findContactByKey(F.crmVentas, 'BATCH-NO-DB')).toBeNull();
      });

      test('answers an empty list with an empty list', async () => {
        expect(await db.insertSalesforceContacts([])).toEqual([]);
      });
    });

    describe('DATABASE_EXISTS', () => {
      test('names the database and its CRM', async () => {
        expect(await db.findDatabase(F.dbVentas)).toEqual({
          databaseId: F.dbVentas,
          crmId: F.crmVentas,
          name: 'Clientes Ventas',
        });
      });
      test('is null for an unknown or malformed id', async () => {
        expect(await db.findDatabase('999999')).toBeNull();
        expect(await db.findDatabase('abc')).toBeNull();
      });
    });

    describe('CONTACT_FIND_BY_KEY (B6)', () => {
      test('returns the contact with its phones and data', async () => {
        expect(await db.findContactByKey(F.crmVentas, F.knownKey)).toEqual({
          contactId: F.knownContact,
          databaseId: F.dbVentas,
          crmId: F.crmVentas,
          key: F.knownKey,
          phones: [F.knownPhone, '+541143210000'],
          fields: { Nombre: 'Ana', Plan: 'Oro' },
        });
      });
      test('is null for an unknown key, another CRM or another case', async () => {
        expect(await db.findContactByKey(F.crmVentas, 'NOPE')).toBeNull();
        expect(await db.findContactByKey(F.crmEmpty, F.knownKey)).toBeNull();
        expect(await db.findContactByKey(F.crmVentas, F.knownKey.toLowerCase())).toBeNull();
        expect(await db.findContactByKey(F.crmVentas, '')).toBeNull();
      });
      test('refuses an unknown CRM with CRM_NOT_FOUND', async () => {
        await expectRefused(db.findContactByKey('999', F.knownKey), 'CRM_NOT_FOUND');
        await expectRefused(db.findContactByKey('x', F.knownKey), 'CRM_NOT_FOUND');
      });
    });

    describe('CRM_CATEGORIES (C5)', () => {
      test('groups subcategories under their category, in order, marking agenda ones', async () => {
        expect(await db.categories(F.crmVentas)).toEqual([
          {
            id: '100',
            name: 'Venta',
            schedules: false,
            subcategories: [
              { id: '1001', name: 'Tarjeta' },
              { id: '1002', name: 'Débito' },
            ],
          },
          { id: '101', name: 'Volver a llamar', schedules: true, subcategories: [] },
          {
            id: '102',
            name: 'No interesa',
            schedules: false,
            subcategories: [{ id: '1021', name: 'Precio' }],
          },
        ]);
        expect(await db.categories(F.crmEmpty)).toEqual([]);
      });
      test('refuses an unknown CRM with CRM_NOT_FOUND', async () => {
        await expectRefused(db.categories('999'), 'CRM_NOT_FOUND');
      });
    });

    describe('CONTACT_HISTORY', () => {
      test('lists calls newest first with their dispositions', async () => {
        const history = await db.contactHistory(F.knownContact, 10);
        expect(history).toEqual([
          {
            callId: '9002',
            direction: 'inbound',
            number: F.knownPhone,
            userId: null,
            startedAt: '2024-05-02T09:00:00.000Z',
            endedAt: '2024-05-02T09:00:30.000Z',
            talkSeconds: 0,
            cause: 'no_answer',
            category: null,
            subcategory: null,
          },
          {
            callId: '9001',
            direction: 'outbound',
            number: F.knownPhone,
            userId: F.agent,
            startedAt: '2024-05-01T10:00:00.000Z',
            endedAt: '2024-05-01T10:03:00.000Z',
            talkSeconds: 170,
            cause: 'normal',
            category: 'Venta',
            subcategory: 'Tarjeta',
          },
        ]);
        expect(await db.contactHistory(F.knownContact, 1)).toHaveLength(1);
      });
      test('is empty for a new contact; refuses unknown contacts and bad limits', async () => {
        const fresh = await db.insertSalesforceContact({
          data: 'HISTORY-NEW',
          ani: '',
          databaseId: F.dbVentas,
        });
        expect(await db.contactHistory(fresh.contactId, 5)).toEqual([]);
        await expectRefused(db.contactHistory('99999999', 5), 'CONTACT_NOT_FOUND');
        await expectRefused(db.contactHistory(F.knownContact, 0), 'INVALID_INPUT');
      });
    });

    test('answers a ping', async () => {
      await expect(db.ping()).resolves.toBeUndefined();
    });
  });
}
