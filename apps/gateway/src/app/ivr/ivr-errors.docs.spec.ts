import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiErrorBodySchema } from '@puente/contracts';
import { GatewayHarness } from '../../testing/gateway-harness';

const DOC = join(__dirname, '../../../../../docs/inbound.md');

/** The JSON examples of a section of docs/inbound.md (```json blocks up to the next heading). */
function jsonExamples(markdown: string, heading: string): unknown[] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/inbound.md has no "${heading}" section`);
  const rest = markdown.slice(start + heading.length + 2);
  const section = rest.slice(0, rest.search(/\n#{2,3} /) >>> 0);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);
}

/** Issue 14 §12: the error bodies docs/inbound.md shows are the ones the IVR gets. */
describe('docs/inbound.md error bodies', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await new GatewayHarness({ dialerUrl: 'http://127.0.0.1:9' }).start();
  });
  afterAll(() => gw.stop());

  it('shows the shape the gateway answers an IVR error with: {code, message, details?, requestId}', async () => {
    const res = await fetch(`${gw.url}/api/v1/ivr/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'doc-check-0001' },
      body: JSON.stringify({ data: '1', ani: '2', databaseId: '31' }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(401);
    expect(ApiErrorBodySchema.strict().parse(body)).toMatchObject({
      code: 'SIGNATURE_MISSING',
      requestId: 'doc-check-0001',
    });

    const markdown = readFileSync(DOC, 'utf8');
    const [example] = jsonExamples(markdown, '### Errors');
    expect(example).toBeDefined();
    const documented = ApiErrorBodySchema.strict().parse(example);
    expect(Object.keys(documented).sort()).toEqual(Object.keys(body).sort());
    expect(documented.code).toBe(body['code']);
    expect(markdown).not.toMatch(/\{\s*error:\s*\{/);
  });
});
