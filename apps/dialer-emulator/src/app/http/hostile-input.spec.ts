import { NeoErrorBodySchema } from '@puente/neoapi';
import { type HostileTarget, hostileRequests, rawHttp, tryHostile } from '@puente/server-kit/testing';
import { startTestDialer, type TestDialer } from '../../testing/test-dialer';

/**
 * Issue 14 §3, §4, §7: the dialer emulator answers malformed input with a
 * 4xx in the NeoApi envelope, with nosniff, and keeps serving.
 */
describe('the dialer emulator under hostile input', () => {
  let dialer: TestDialer;
  const PATHS = { healthPath: '/health', jsonPath: '/neoapi/v1/Login', bodyLimitBytes: 100 * 1024 };
  const target = (): HostileTarget => ({ ...PATHS, url: dialer.url });

  beforeAll(async () => {
    dialer = await startTestDialer();
  });
  afterAll(() => dialer.close());

  it.each(hostileRequests({ ...PATHS, url: '' }))('$name', async (hostile) => {
    expect(await tryHostile(target(), hostile)).toBeUndefined();
  });

  it.each([
    ['a body over the limit', ['Content-Type: application/json'], `{"a":"${'x'.repeat(110_000)}"}`, 413],
    [
      'gzip declared on a plain body',
      ['Content-Type: application/json', 'Content-Encoding: gzip'],
      '{"a":1}',
      400,
    ],
    [
      'an unknown Content-Encoding',
      ['Content-Type: application/json', 'Content-Encoding: bogus'],
      '{"a":1}',
      415,
    ],
    [
      'a charset JSON is never written in',
      ['Content-Type: application/json; charset=latin1'],
      '{"a":1}',
      415,
    ],
  ])('answers %s in the NeoApi envelope, not as an INTERNAL error', async (_label, headers, body, status) => {
    const answer = await rawHttp(
      dialer.url,
      [
        'POST /neoapi/v1/Login HTTP/1.1',
        'Host: dialer',
        'Connection: close',
        ...headers,
        `Content-Length: ${body.length}`,
        '',
        body,
      ].join('\r\n'),
    );
    expect(answer?.status).toBe(status);
    const envelope = NeoErrorBodySchema.parse(JSON.parse(answer?.body ?? '{}'));
    expect(envelope.error.code).toBe('VALIDATION_FAILED');
  });
});
