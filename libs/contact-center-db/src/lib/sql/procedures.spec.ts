import { openTestPglite } from '../testing/test-databases';
import {
  callProcedureBatch,
  pgFunctionName,
  PROCEDURE_ERRORS,
  PROCEDURE_NAMES,
  PROCEDURES,
  procedureErrorOf,
  procedureErrorOfMssql,
} from './procedures';
import type { PgliteClient } from './pglite-client';

describe('the procedure catalogue on PostgreSQL/PGlite', () => {
  let db: PgliteClient;
  beforeAll(async () => {
    db = await openTestPglite();
  });
  afterAll(() => db.close());

  it.each(PROCEDURE_NAMES)('%s exists with exactly the catalogue parameters', async (name) => {
    const rows = await db.query<{ args: string[] | null; types: string[] }>(
      `SELECT p.proargnames AS args,
              ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) t) AS types
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proname = $1`,
      [pgFunctionName(name)],
    );
    expect(rows).toHaveLength(1);
    const expected = PROCEDURES[name].params;
    const pgType = {
      text: 'text',
      bigint: 'bigint',
      int: 'integer',
      boolean: 'boolean',
      timestamptz: 'timestamp with time zone',
      float8: 'double precision',
    };
    expect(rows[0].types).toEqual(expected.map(([, type]) => pgType[type]));
    const inputs = (rows[0].args ?? []).slice(0, expected.length);
    expect(inputs).toEqual(expected.map(([param]) => `p_${param.toLowerCase()}`));
  });

  it('maps error codes both ways', () => {
    for (const [code, { sqlstate, mssql }] of Object.entries(PROCEDURE_ERRORS)) {
      expect(procedureErrorOf(sqlstate)).toBe(code);
      expect(procedureErrorOfMssql(mssql)).toBe(code);
    }
    expect(procedureErrorOf('23505')).toBeUndefined();
    expect(procedureErrorOfMssql(2627)).toBeUndefined();
  });

  it('sends a batch as one statement whose SQL reads like the procedure call (STYLE #7)', async () => {
    const seen: { text: string; params: readonly unknown[] }[] = [];
    const recorder = {
      query: async <R>(text: string, params: readonly unknown[] = []) => {
        seen.push({ text, params });
        return [] as R[];
      },
      exec: async () => undefined,
    };
    await callProcedureBatch(recorder, 'CONTACTO_INSERT_SALESFORCE', [
      { DATA: 'A', ANI: '+541155550001', IDDATABASE: '10' },
      { DATA: 'B', ANI: '', IDDATABASE: '11' },
    ]);
    expect(seen).toEqual([
      {
        text:
          'SELECT b.ord AS batch_ord, r.* FROM unnest($1::text[], $2::text[], $3::bigint[]) ' +
          'WITH ORDINALITY AS b(p_data, p_ani, p_iddatabase, ord) ' +
          'CROSS JOIN LATERAL contacto_insert_salesforce(b.p_data, b.p_ani, b.p_iddatabase) AS r ORDER BY b.ord',
        params: [
          ['A', 'B'],
          ['+541155550001', ''],
          ['10', '11'],
        ],
      },
    ]);
  });
});
