import { ivrOpenApi } from './ivr-openapi';

describe('ivrOpenApi', () => {
  it('describes the IVR endpoint from the shared schemas, with every answer it gives', () => {
    const { path, item } = ivrOpenApi();
    expect(path).toBe('/api/v1/ivr/contacts');
    const post = item['post'] as {
      requestBody: unknown;
      responses: Record<string, unknown>;
      parameters: unknown[];
    };
    expect(post.requestBody).toMatchObject({
      content: { 'application/json': { schema: { required: ['data', 'ani', 'databaseId'] } } },
    });
    expect(Object.keys(post.responses).sort()).toEqual([
      '200',
      '201',
      '400',
      '401',
      '403',
      '413',
      '415',
      '422',
      '503',
    ]);
    expect(post.parameters).toHaveLength(3);
  });
});
