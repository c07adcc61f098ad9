import { gzipSync } from 'node:zlib';
import { type HostileTarget, hostileRequests, rawHttp, tryHostile } from '@puente/server-kit/testing';
import { startTestEmulator, type TestEmulator } from '../testing/emulator-app';
import { API_VERSION, clientCredentialsConnection } from '../testing/jsforce-clients';
import { BODY_LIMIT_BYTES } from './body-reader';

/**
 * Issue 14 §3, §4, §7: the Salesforce emulator answers malformed input with
 * a 4xx (in Salesforce's own shape on the Salesforce API), with nosniff,
 * and keeps serving.
 */
describe('the Salesforce emulator under hostile input', () => {
  let emulator: TestEmulator;
  const OPERATOR = {
    healthPath: '/health',
    jsonPath: '/__emulator/faults',
    jsonMethod: 'PATCH',
    bodyLimitBytes: 100 * 1024,
  } as const;
  const SALESFORCE = {
    healthPath: '/health',
    jsonPath: `/services/data/v${API_VERSION}/sobjects/Contact`,
    bodyLimitBytes: BODY_LIMIT_BYTES,
  } as const;
  const at = (paths: Omit<HostileTarget, 'url'>): HostileTarget => ({ ...paths, url: emulator.url });

  beforeAll(async () => {
    emulator = await startTestEmulator({ SALESFORCE_EMULATOR_SEED_RECORDS: 20 });
  });
  afterAll(() => emulator.close());

  describe('its operator API (Nest body parsers)', () => {
    it.each(hostileRequests({ ...OPERATOR, url: '' }))('$name', async (hostile) => {
      expect(await tryHostile(at(OPERATOR), hostile)).toBeUndefined();
    });
  });

  describe('the Salesforce API (its own body reader)', () => {
    it.each(hostileRequests({ ...SALESFORCE, url: '' }))('$name', async (hostile) => {
      expect(await tryHostile(at(SALESFORCE), hostile)).toBeUndefined();
    });
  });

  describe('request bodies as Salesforce reads them', () => {
    let token: string;
    beforeAll(async () => {
      token = (await clientCredentialsConnection(emulator.url)).accessToken as string;
    });

    async function create(body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string>) {
      const res = await fetch(`${emulator.url}${SALESFORCE.jsonPath}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
        body,
      });
      return { status: res.status, body: (await res.json()) as unknown };
    }

    it('decompresses a gzip request body, as Salesforce does', async () => {
      const res = await create(new Uint8Array(gzipSync(JSON.stringify({ LastName: 'Gzipped' }))), {
        'Content-Encoding': 'gzip',
      });
      expect(res).toMatchObject({ status: 201, body: { success: true } });
    });

    it('refuses a body that does not decompress (400) or an encoding it does not know (415), in its shape', async () => {
      expect(await create('{"LastName": "Plain"}', { 'Content-Encoding': 'gzip' })).toEqual({
        status: 400,
        body: [{ errorCode: 'JSON_PARSER_ERROR', message: expect.stringContaining('gzip') }],
      });
      expect(await create('{"LastName": "Plain"}', { 'Content-Encoding': 'br' })).toEqual({
        status: 415,
        body: [{ errorCode: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('br') }],
      });
    });

    it('refuses a body that decompresses past its limit (413) without inflating all of it', async () => {
      const bomb = new Uint8Array(gzipSync(Buffer.alloc(BODY_LIMIT_BYTES + 1024, 0x20)));
      expect(bomb.length).toBeLessThan(100_000);
      expect(await create(bomb, { 'Content-Encoding': 'gzip' })).toMatchObject({
        status: 413,
        body: [{ errorCode: 'REQUEST_ENTITY_TOO_LARGE' }],
      });
    });

    it('answers a body refused on its own routes with a 4xx and nosniff', async () => {
      const answer = await rawHttp(
        emulator.url,
        'PATCH /__emulator/faults HTTP/1.1\r\nHost: sf\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 7\r\n\r\n{"a":1}',
      );
      expect(answer?.status).toBe(400);
      expect(answer?.headers['x-content-type-options']).toBe('nosniff');
    });
  });
});
