import { PROCEDURE_ERRORS, PROCEDURE_NAMES, PROCEDURES, type SqlType } from '../../sql/procedures';
import { MSSQL_PROCEDURE_NAMES, mssqlInstallBatches, mssqlInstallScript } from './mssql-script';

/** The SQL Server type each catalogue type is declared as. */
const TSQL_TYPE: Record<SqlType, RegExp> = {
  text: /^NVARCHAR\((\d+|MAX)\)$/i,
  bigint: /^BIGINT$/i,
  int: /^INT$/i,
  boolean: /^BIT$/i,
  timestamptz: /^DATETIMEOFFSET(\(\d\))?$/i,
  float8: /^FLOAT$/i,
};

/** Name → [[param, type]] of every CREATE OR ALTER PROCEDURE in the script. */
function parseProcedures(script: string): Map<string, [string, string][]> {
  const found = new Map<string, [string, string][]>();
  const header = /CREATE\s+OR\s+ALTER\s+PROCEDURE\s+dbo\.(\w+)([\s\S]*?)\bAS\s*\n\s*BEGIN/gi;
  for (const match of script.matchAll(header)) {
    const params = [...match[2].matchAll(/@(\w+)\s+([A-Z]+(?:\(\s*(?:\d+|MAX)\s*\))?)/gi)].map(
      (p): [string, string] => [p[1], p[2].replace(/\s+/g, '')],
    );
    found.set(match[1], params);
  }
  return found;
}

describe('the T-SQL install script', () => {
  const script = mssqlInstallScript();
  const procedures = parseProcedures(script);

  it('has every procedure the catalogue lists for SQL Server, and no other', () => {
    expect([...procedures.keys()].sort()).toEqual([...MSSQL_PROCEDURE_NAMES].sort());
    expect(MSSQL_PROCEDURE_NAMES).toEqual(
      PROCEDURE_NAMES.filter((name) => PROCEDURES[name].dialects.length === 2),
    );
  });

  it.each(MSSQL_PROCEDURE_NAMES)('declares %s with exactly the catalogue parameters, in order', (name) => {
    const declared = procedures.get(name) ?? [];
    const expected = PROCEDURES[name].params;
    expect(declared.map(([param]) => param)).toEqual(expected.map(([param]) => param));
    declared.forEach(([, type], i) => expect(type).toMatch(TSQL_TYPE[expected[i][1]]));
  });

  it('raises only the error numbers of PROCEDURE_ERRORS', () => {
    const numbers = [...script.matchAll(/THROW\s+(\d+)/g)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(0);
    const known = Object.values(PROCEDURE_ERRORS).map((e) => e.mssql as number);
    for (const n of numbers) expect(known).toContain(n);
  });

  it('separates batches with GO and can grant EXECUTE to the gateway only', () => {
    expect(script.split(/^GO$/m).length).toBe(mssqlInstallBatches().length + 1);
    const grants = mssqlInstallScript({ grantTo: 'puente_gateway', proceduresOnly: true });
    expect(grants).not.toMatch(/CREATE TABLE/);
    for (const name of MSSQL_PROCEDURE_NAMES)
      expect(grants).toContain(`GRANT EXECUTE ON dbo.${name} TO [puente_gateway];`);
    expect(() => mssqlInstallScript({ grantTo: 'x]; DROP TABLE y; --' })).toThrow(/identifier/);
  });
});
