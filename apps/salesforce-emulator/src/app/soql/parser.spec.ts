import { SfApiError } from '../errors/sf-error';
import type { Condition } from './ast';
import { tokenize } from './lexer';
import { parseSoql } from './parser';

function errorOf(text: string): SfApiError {
  try {
    parseSoql(text);
  } catch (e) {
    return e as SfApiError;
  }
  throw new Error(`expected ${text} to fail`);
}

/** A compact rendering of a condition tree, to assert precedence. */
function shape(c: Condition | null): string {
  if (!c) return '';
  switch (c.kind) {
    case 'and':
      return `(${c.items.map(shape).join(' AND ')})`;
    case 'or':
      return `(${c.items.map(shape).join(' OR ')})`;
    case 'not':
      return `NOT ${shape(c.item)}`;
    case 'compare':
      return `${c.path.parts.join('.')}${c.op}`;
    default:
      return `${c.path.parts.join('.')} ${c.negated ? 'NOT ' : ''}IN`;
  }
}

describe('SOQL lexer', () => {
  it('reads strings with escapes, numbers, dates, dateTimes and operators', () => {
    const tokens = tokenize(
      "Name = 'O\\'Brien\\n' AND n <> -1.5 AND d > 2024-01-02 AND t < 2024-01-02T10:00:00Z",
    );
    expect(tokens.map((t) => t.kind)).toEqual([
      'ident',
      'op',
      'string',
      'ident',
      'ident',
      'op',
      'number',
      'ident',
      'ident',
      'op',
      'date',
      'ident',
      'ident',
      'op',
      'datetime',
      'eof',
    ]);
    expect(tokens[2].value).toBe("O'Brien\n");
    expect(tokens[6].text).toBe('-1.5');
  });

  it('rejects an unknown escape and an unterminated string', () => {
    expect(() => tokenize("Name = 'a\\d'")).toThrow("Illegal character sequence '\\d' in string literal");
    expect(() => tokenize("Name = 'abc")).toThrow(/mismatched character '<EOF>'/);
    expect(() => tokenize('Name = "abc"')).toThrow(/unexpected token: '"'/);
  });
});

describe('SOQL parser', () => {
  it('parses fields, relationship paths, the FROM alias and every clause', () => {
    const q = parseSoql(
      'SELECT Id, Account.Name, c.Owner.Email FROM Contact c USING SCOPE mine WHERE Name != null ' +
        'ORDER BY Name DESC NULLS LAST, CreatedDate LIMIT 10 OFFSET 5 FOR VIEW',
    );
    expect(q.select.map((s) => (s.kind === 'field' ? s.path.parts.join('.') : s.kind))).toEqual([
      'Id',
      'Account.Name',
      'c.Owner.Email',
    ]);
    expect(q.from).toMatchObject({ name: 'Contact', alias: 'c' });
    expect(q.scope).toBe('mine');
    expect(q.orderBy).toEqual([
      expect.objectContaining({ descending: true, nullsFirst: false }),
      expect.objectContaining({ descending: false, nullsFirst: null }),
    ]);
    expect([q.limit, q.offset]).toEqual([10, 5]);
  });

  it('parses COUNT(), aggregates with aliases, FIELDS() and subqueries', () => {
    expect(parseSoql('SELECT COUNT() FROM Lead').select).toEqual([{ kind: 'count', pos: 7 }]);
    const agg = parseSoql(
      'SELECT LeadSource, COUNT(Id) total, MAX(CreatedDate) FROM Lead GROUP BY LeadSource',
    );
    expect(agg.select.map((s) => s.kind)).toEqual(['field', 'aggregate', 'aggregate']);
    expect(agg.select[1]).toMatchObject({ fn: 'COUNT', alias: 'total' });
    expect(agg.groupBy[0].parts).toEqual(['LeadSource']);
    expect(parseSoql('SELECT FIELDS(ALL) FROM Contact LIMIT 1').select[0]).toMatchObject({
      kind: 'fields',
      which: 'ALL',
    });
    const sub = parseSoql('SELECT Id, (SELECT Subject FROM Tasks ORDER BY CreatedDate LIMIT 3) FROM Contact');
    expect(sub.select[1]).toMatchObject({ kind: 'subquery', query: { from: { name: 'Tasks' }, limit: 3 } });
  });

  it('keeps AND and OR apart unless parenthesised, and binds NOT to the next term', () => {
    expect(shape(parseSoql('SELECT Id FROM Contact WHERE A = 1 AND B = 2 AND C = 3').where)).toBe(
      '(A= AND B= AND C=)',
    );
    expect(shape(parseSoql('SELECT Id FROM Contact WHERE A = 1 OR B = 2').where)).toBe('(A= OR B=)');
    expect(shape(parseSoql('SELECT Id FROM Contact WHERE A = 1 AND (B = 2 OR C = 3)').where)).toBe(
      '(A= AND (B= OR C=))',
    );
    expect(shape(parseSoql('SELECT Id FROM Contact WHERE (A = 1 AND B = 2) OR C = 3').where)).toBe(
      '((A= AND B=) OR C=)',
    );
    expect(shape(parseSoql('SELECT Id FROM Contact WHERE NOT A = 1 AND B = 2').where)).toBe(
      '(NOT A= AND B=)',
    );
    expect(shape(parseSoql('SELECT Id FROM Contact WHERE NOT (A = 1 OR B = 2)').where)).toBe(
      'NOT (A= OR B=)',
    );
    const mixed = errorOf('SELECT Id FROM Contact WHERE A = 1 AND B = 2 OR C = 3');
    expect(mixed.errorCode).toBe('MALFORMED_QUERY');
    expect(mixed.message).toContain("unexpected token: 'OR'");
  });

  it('parses every operator, IN lists, semi-joins and date literals', () => {
    const q = parseSoql(
      "SELECT Id FROM Task WHERE A = 'x' AND B != 1 AND C <> 2 AND D < 3 AND E <= 4 AND F > 5 AND G >= 6 " +
        "AND H LIKE 'a%' AND I IN ('a', 'b') AND J NOT IN (1, 2) AND K = TODAY AND L > LAST_N_DAYS:30 " +
        'AND M IN (SELECT Id FROM Contact) AND N = null AND O = true',
    );
    const items = (q.where as Extract<Condition, { kind: 'and' }>).items;
    expect(items.map(shape)).toEqual([
      'A=',
      'B!=',
      'C!=',
      'D<',
      'E<=',
      'F>',
      'G>=',
      'HLIKE',
      'I IN',
      'J NOT IN',
      'K=',
      'L>',
      'M IN',
      'N=',
      'O=',
    ]);
    expect(items[11]).toMatchObject({ value: { kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 30 } });
    expect(items[12].kind).toBe('semiJoin');
  });

  it('reports malformed queries with the position, as Salesforce does', () => {
    const err = errorOf('SELECT Id FROM Contact WHERE');
    expect(err.status).toBe(400);
    expect(err.errorCode).toBe('MALFORMED_QUERY');
    expect(err.message).toBe(
      '\nSELECT Id FROM Contact WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: <EOF>',
    );
    expect(errorOf('SELECT FROM Contact').message).toContain("unexpected token: 'Contact'");
    expect(errorOf('SELECT Id Contact').message).toContain("unexpected token: 'Contact'");
    expect(errorOf('SELECT Id FROM Contact LIMIT x').message).toContain("unexpected token: 'x'");
    expect(errorOf('SELECT Id FROM Contact WHERE Name =').message).toContain('<EOF>');
    expect(errorOf('SELECT Id FROM Contact WHERE CreatedDate > LAST_N_DAYS').message).toContain('expects :n');
    expect(errorOf('SELECT Id FROM Contact trailing garbage').message).toContain(
      "unexpected token: 'garbage'",
    );
    expect(errorOf('SELECT Id FROM Contact\nWHERE Name = = 1').message).toContain('ERROR at Row:2:Column:14');
  });
});
