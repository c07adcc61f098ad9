import type { FakeNeoApiServer } from '@puente/neoapi/testing';
import { startFakeDialer } from '../../testing/fake-dialer.fixture';
import { GatewayHarness } from '../../testing/gateway-harness';
import { type OrgApiEvent, SalesforceOrg } from '../../testing/salesforce-org';

jest.setTimeout(60_000);

/** SOSL's reserved characters, every one of which an agent may type into the search box. */
const RESERVED = [
  '?',
  '&',
  '|',
  '!',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '^',
  '~',
  '*',
  ':',
  '\\',
  '"',
  "'",
  '+',
  '-',
];

/**
 * The panel's free-text search (C10) against the real local org: whatever
 * an agent types is searched for literally and answers 200 with the matches
 * or none, never a Salesforce syntax error passed on as 502 (issue 14 §1).
 */
describe('free-text search with SOSL reserved characters and operators', () => {
  let org: SalesforceOrg;
  let dialer: FakeNeoApiServer;
  let gw: GatewayHarness;
  let token: string;

  beforeAll(async () => {
    org = await new SalesforceOrg().start();
    dialer = await startFakeDialer();
    gw = await new GatewayHarness({ dialerUrl: dialer.url, salesforceUrl: org.url }).start();
    token = (await gw.login('agent1')).accessToken;
  });

  afterAll(async () => {
    await gw?.stop();
    await dialer?.stop();
    await org?.stop();
  });

  /** The answer to a search, and the searches that reached the org meanwhile. */
  async function search(
    q: string,
  ): Promise<{ status: number; body: { items: { name: string }[] }; sent: OrgApiEvent[] }> {
    const { last } = await org.apiEvents();
    const res = await gw.request('GET', `/api/v1/crm/search?q=${encodeURIComponent(q)}`, { token });
    const sent = (await org.apiEvents(last)).events.filter((e) => e.uri === '/search');
    return { ...res, sent };
  }

  const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

  it.each(RESERVED)('%s: a word of its own, or part of a name, still finds the record', async (c) => {
    for (const q of [`Carmen ${c}`, `Carmen${c}`, `${c}Carmen`, `Carmen ${c}${c} López`]) {
      const res = await search(q);
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
      expect(names(res.body)).toContain('Carmen López');
      expect(res.sent).toHaveLength(1);
      // What reached the org: the character escaped wherever it was sent at all.
      const find = /^FIND \{(.*)\} IN ALL FIELDS RETURNING /.exec(res.sent[0].query ?? '')?.[1] ?? '';
      expect(find.replace(/\\./g, '')).not.toMatch(/[?&|!{}[\]()^~*:\\"'+-]/);
    }
  });

  it.each(RESERVED)('%s alone: 200 with no items, without asking the org', async (c) => {
    const res = await search(`${c}${c}${c}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
    expect(res.sent).toEqual([]);
  });

  it.each(['Carmen OR', 'OR Carmen', 'Carmen AND', 'Carmen AND NOT', 'not Carmen', 'Carmen or López'])(
    'the operator words in "%s" are searched for as words: 200',
    async (q) => {
      const res = await search(q);
      expect(res.status).toBe(200);
      expect(res.sent).toHaveLength(1);
      expect(res.sent[0].statusCode).toBe(200);
    },
  );

  it('a name with an apostrophe and a number with a plus and dashes find their records', async () => {
    const obrien = await search("O'Brien");
    expect(obrien.status).toBe(200);
    expect(obrien.sent[0].query).toMatch(/^FIND \{O\\'Brien\} /);
    const phone = await search('+34 612 345 678');
    expect(phone.status).toBe(200);
    expect(names(phone.body)).toContain('Carmen López');
  });

  it('issue 16 §3 (C10): a name, a number as typed or an e-mail each find the record, once', async () => {
    const cases: [string, string][] = [
      ['John Smith', 'John Smith'],
      ['smith', 'John Smith'],
      ['(415) 555-0100', 'John Smith'],
      ['john.smith@example.com', 'John Smith'],
      ['+34 612 345 678', 'Carmen López'],
      ['López', 'Carmen López'],
      ['4155550100', 'John Smith'],
      ['+14155550100', 'John Smith'],
      ['+34612345678', 'Carmen López'],
    ];
    for (const [q, name] of cases) {
      const res = await search(q);
      const found = res.body.items?.filter((i) => i.name === name) ?? [];
      expect({ q, status: res.status, found: found.length }).toEqual({ q, status: 200, found: 1 });
      expect(res.body.items.length).toBeLessThanOrEqual(20);
    }
  });

  it('fewer than two letters or digits in all: no items, without asking the org', async () => {
    for (const q of ['a-', '-a', '1 ()', '"" ::']) {
      const res = await search(q);
      expect({ q, status: res.status, body: res.body }).toEqual({ q, status: 200, body: { items: [] } });
      expect(res.sent).toEqual([]);
    }
  });
});
