import { type IncomingHttpHeaders, request } from 'node:http';
import { type ContactDb, DEMO_IDS, openContactDb } from '@puente/contact-center-db';
import { IVR_HEADERS } from '@puente/contracts';
import { signedHeaders } from '@puente/server-kit';
import fc from 'fast-check';
import { Pool } from 'pg';
import { GatewayHarness, TEST_IVR_KEY } from '../../testing/gateway-harness';

const DB = DEMO_IDS.databases.entrantes;

/** Issue 6 §1-3: the IVR's contact insert over real HTTP and the real pg adapter. */
describe('POST /api/v1/ivr/contacts', () => {
  let gw: GatewayHarness;
  let db: ContactDb;
  let crmId: string;
  let pool: Pool;

  beforeAll(async () => {
    gw = await new GatewayHarness({ dialerUrl: 'http://127.0.0.1:9' }).start();
    db = await openContactDb({ kind: 'postgres', url: process.env['PUENTE_TEST_CONTACT_DB_URL'] ?? '' });
    crmId = (await db.findDatabase(DB))?.crmId ?? '';
    pool = new Pool({ connectionString: process.env['PUENTE_TEST_CONTACT_DB_URL'], max: 1 });
  });
  afterAll(async () => {
    await db.close();
    await pool.end();
    await gw.stop();
  });

  async function post(
    body: unknown,
    sign: { secret?: string; keyId?: string; now?: number; raw?: string } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const text = sign.raw ?? JSON.stringify(body);
    const headers = signedHeaders(
      IVR_HEADERS,
      sign.keyId ?? TEST_IVR_KEY.id,
      sign.secret ?? TEST_IVR_KEY.secret,
      text,
      sign.now,
    );
    const res = await fetch(`${gw.url}/api/v1/ivr/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: sign.raw === undefined ? text : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function contactCount(): Promise<number> {
    const rows = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts');
    return rows.rows[0].n;
  }

  const unique = (label: string) =>
    `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  it('creates the contact for a new key (201) and finds it again (200): CLAVESF is "idContacto-Data" (D1)', async () => {
    const data = unique('DNI');
    const first = await post({ data, ani: '011 15 5555-1234', databaseId: DB });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ data, ani: '+5491155551234', created: true, searchable: true });
    expect(first.body['clavesf']).toBe(`${first.body['contactId']}-${data}`);
    const again = await post({ data, ani: '+54 9 11 5555-1234', databaseId: Number(DB) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ contactId: first.body['contactId'], created: false });
  });

  it('answers "idContacto-" for empty data: nothing to search by (D1, C2)', async () => {
    const res = await post({ data: '', ani: '+34912345678', databaseId: DB });
    expect(res.status).toBe(201);
    expect(res.body['clavesf']).toBe(`${res.body['contactId']}-`);
    expect(res.body['searchable']).toBe(false);
  });

  it('still gives a private caller a contact (D3)', async () => {
    const res = await post({ data: unique('priv'), ani: 'Anonymous', databaseId: DB });
    expect(res.status).toBe(201);
    expect(res.body['ani']).toBe('anonymous');
  });

  it('creates one contact for one key under concurrent calls', async () => {
    const data = unique('race');
    const results = await Promise.all(
      // Different callers (a signature is accepted once, so identical bodies in one second would be replays).
      Array.from({ length: 20 }, (_, i) => post({ data, ani: `+1212555${1000 + i}`, databaseId: DB })),
    );
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body['contactId'])).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('shares database round trips between callers who arrive together, each with their own answer', async () => {
    const batches = async () => {
      const text = await (await fetch(`${gw.url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
      return {
        trips: value('puente_contact_insert_batch_size_count'),
        inserts: value('puente_contact_insert_batch_size_sum'),
      };
    };
    const before = await batches();
    const known = unique('known');
    await post({ data: known, ani: '+12125550199', databaseId: DB });
    const fresh = Array.from({ length: 24 }, (_, i) => unique(`batch${i}`));
    const results = await Promise.all([
      ...fresh.map((data, i) => post({ data, ani: `+1212555${2000 + i}`, databaseId: DB })),
      post({ data: known, ani: '+12125550198', databaseId: DB }),
      post({ data: unique('nodb'), ani: '+12125550197', databaseId: '999999' }),
    ]);
    const after = await batches();
    expect(results.slice(0, 24).map((r) => [r.status, r.body['data']])).toEqual(fresh.map((d) => [201, d]));
    expect(results[24]).toMatchObject({ status: 200, body: { data: known, created: false } });
    expect(results[25]).toMatchObject({ status: 422, body: { code: 'UNKNOWN_DATABASE' } });
    expect(after.inserts - before.inserts).toBe(27);
    // Fewer round trips than callers: some went together.
    expect(after.trips - before.trips).toBeLessThan(27);
    const rows = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contacts WHERE clave_1 = ANY($1)',
      [fresh],
    );
    expect(rows.rows[0].n).toBe(24);
  });

  it('names an unknown database (422 UNKNOWN_DATABASE)', async () => {
    const res = await post({ data: unique('x'), ani: '+12125550100', databaseId: '999999' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_DATABASE', details: { databaseId: '999999' } });
  });

  describe('refuses machines it cannot trust, and writes nothing', () => {
    it.each([
      ['no signature headers', 'SIGNATURE_MISSING', 'none'],
      ['a wrong secret', 'SIGNATURE_INVALID', 'secret'],
      ['an unknown key id', 'SIGNATURE_INVALID', 'key'],
      ['a stale timestamp', 'SIGNATURE_EXPIRED', 'stale'],
      ['a body changed after signing', 'SIGNATURE_INVALID', 'tamper'],
    ])('%s → 401 %s', async (_label, code, how) => {
      const data = unique('refused');
      const body = { data, ani: '+12125550100', databaseId: DB };
      let res: { status: number; body: Record<string, unknown> };
      if (how === 'none') {
        const r = await fetch(`${gw.url}/api/v1/ivr/contacts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        res = { status: r.status, body: (await r.json()) as Record<string, unknown> };
      } else if (how === 'secret') res = await post(body, { secret: 'not-the-secret-at-all' });
      else if (how === 'key') res = await post(body, { keyId: 'ivr-other' });
      else if (how === 'stale') res = await post(body, { now: Date.now() - 301_000 });
      else res = await post({ ...body, data: `${data}x` }, { raw: JSON.stringify(body) });
      expect(res.status).toBe(401);
      expect(res.body['code']).toBe(code);
      expect(await db.findContactByKey(crmId, data)).toBeNull();
      expect(await db.findContactByKey(crmId, `${data}x`)).toBeNull();
    });

    it('refuses a replayed request (401 REQUEST_REPLAYED)', async () => {
      const text = JSON.stringify({ data: unique('replay'), ani: '+12125550100', databaseId: DB });
      const headers = {
        'content-type': 'application/json',
        ...signedHeaders(IVR_HEADERS, TEST_IVR_KEY.id, TEST_IVR_KEY.secret, text),
      };
      const first = await fetch(`${gw.url}/api/v1/ivr/contacts`, { method: 'POST', headers, body: text });
      const second = await fetch(`${gw.url}/api/v1/ivr/contacts`, { method: 'POST', headers, body: text });
      expect(first.status).toBe(201);
      expect(second.status).toBe(401);
      expect(((await second.json()) as { code: string }).code).toBe('REQUEST_REPLAYED');
    });
  });

  it('refuses calls from outside the IP allow-list (403 IP_NOT_ALLOWED)', async () => {
    const guarded = await new GatewayHarness({
      dialerUrl: 'http://127.0.0.1:9',
      env: { IVR_ALLOWED_IPS: '10.0.0.0/8' },
    }).start();
    try {
      const text = JSON.stringify({ data: unique('ip'), ani: '+12125550100', databaseId: DB });
      const res = await fetch(`${guarded.url}/api/v1/ivr/contacts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(IVR_HEADERS, TEST_IVR_KEY.id, TEST_IVR_KEY.secret, text),
        },
        body: text,
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('IP_NOT_ALLOWED');
    } finally {
      await guarded.stop();
    }
  });

  it('answers hostile and random input with a 4xx and a stable code, never a 5xx or a partial row', async () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        "'; DROP TABLE contacts; --",
        "1' OR '1'='1",
        '\u0000\u0007\u001b[2J',
        '\u2028',
        'Ω≈ç√∫˜µ≤',
        '𝕏'.repeat(200),
      ),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    const field = fc.oneof(
      hostile,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const body = fc.oneof(
      fc.record({
        data: hostile,
        ani: hostile,
        databaseId: fc.constantFrom(DB, Number(DB), '0', '-1', '1e3', 'abc'),
      }),
      fc.record({ data: field, ani: field, databaseId: field }, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 10 }), field, { maxKeys: 5 }),
      fc.record({
        data: fc.string({ minLength: 256, maxLength: 5000 }),
        ani: fc.constant('+12125550100'),
        databaseId: fc.constant(DB),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = await contactCount();
        const res = await post(input);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(typeof res.body['code']).toBe('string');
          // Nothing written: the refusal happened before any row was touched.
          expect(await contactCount()).toBe(before);
        } else {
          const data = String((input as { data: string }).data).trim();
          expect(res.body['data']).toBe(data);
          const found = await db.findContactByKey(crmId, data);
          expect(found?.contactId).toBe(res.body['contactId']);
        }
      }),
      { numRuns: 150, seed: 20261123 },
    );
  }, 120_000);

  describe('over HTTP, as the framework routes answered it (IvrHttpEndpoint)', () => {
    /** A signed request with full control of its bytes and headers, over node:http. */
    function raw(options: {
      path?: string;
      method?: string;
      body?: string;
      headers?: Record<string, string>;
      chunked?: boolean;
    }): Promise<{ status: number; headers: IncomingHttpHeaders; body: Record<string, unknown> }> {
      const body =
        options.body ?? JSON.stringify({ data: unique('raw'), ani: '+12125550100', databaseId: DB });
      const url = new URL(options.path ?? '/api/v1/ivr/contacts', gw.url);
      return new Promise((resolve, reject) => {
        const req = request(
          url,
          {
            method: options.method ?? 'POST',
            headers: {
              'content-type': 'application/json',
              ...signedHeaders(IVR_HEADERS, TEST_IVR_KEY.id, TEST_IVR_KEY.secret, body),
              ...(options.chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
              ...options.headers,
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text || '{}') }),
            );
          },
        );
        req.on('error', reject);
        if (options.chunked) for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000));
        else req.write(body);
        req.end();
      });
    }

    it('echoes a sane X-Request-Id and puts it in errors too', async () => {
      const ok = await raw({ headers: { 'x-request-id': 'ivr-trace-1' } });
      expect(ok.status).toBe(201);
      expect(ok.headers['x-request-id']).toBe('ivr-trace-1');
      const refused = await raw({
        headers: { 'x-request-id': 'ivr-trace-2', [IVR_HEADERS.signature]: 'v1=00' },
      });
      expect(refused).toMatchObject({
        status: 401,
        body: { code: 'SIGNATURE_INVALID', requestId: 'ivr-trace-2' },
      });
      const invented = await raw({ headers: { 'x-request-id': 'not a sane id' } });
      expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('serves the path as Express matched it: any case, a trailing slash, a query', async () => {
      for (const path of ['/API/v1/IVR/contacts', '/api/v1/ivr/contacts/', '/api/v1/ivr/contacts?from=ivr-2'])
        expect((await raw({ path })).status).toBe(201);
    });

    it('leaves other methods and every other route to the framework', async () => {
      expect(await raw({ method: 'GET' })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
      expect((await fetch(`${gw.url}/health/live`)).status).toBe(200);
    });

    it('refuses a body that is not JSON with VALIDATION_FAILED', async () => {
      expect(await raw({ body: '{"data": "x", ' })).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' },
      });
    });

    it.each([
      ['a text/plain body', { 'content-type': 'text/plain' }, 'must be JSON'],
      ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 'must be JSON'],
      ['a charset other than UTF-8', { 'content-type': 'application/json; charset=iso-8859-1' }, 'UTF-8'],
      ['a compressed body', { 'content-encoding': 'gzip' }, 'compressed'],
    ])(
      'refuses %s with 415 UNSUPPORTED_MEDIA_TYPE, as the REST API does (issue 14 §4)',
      async (_l, headers, words) => {
        const res = await raw({ headers: { 'x-request-id': 'ivr-media-type-1', ...headers } });
        expect(res).toMatchObject({
          status: 415,
          body: { code: 'UNSUPPORTED_MEDIA_TYPE', requestId: 'ivr-media-type-1' },
        });
        expect(res.body['message']).toContain(words);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      },
    );

    it('refuses a body over 4096 bytes without reading it, declared or chunked (413)', async () => {
      const big = JSON.stringify({ data: 'x'.repeat(5000), ani: '+12125550100', databaseId: DB });
      const declared = await raw({ body: big });
      expect(declared).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(declared.headers['connection']).toBe('close');
      expect(await raw({ body: big, chunked: true })).toMatchObject({
        status: 413,
        body: { code: 'PAYLOAD_TOO_LARGE' },
      });
    });
  });
});
