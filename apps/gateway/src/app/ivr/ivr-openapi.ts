import {
  IVR_HEADERS,
  IvrContactRequestSchema,
  IvrContactResponseSchema,
  type ErrorCode,
} from '@puente/contracts';
import { openApiSchema } from '../http/valid-body.decorator';
import { IVR_CONTACTS_PATH } from './ivr-http-endpoint';

const error = (description: string, codes: ErrorCode[]) => ({
  description: `${description} (${codes.join(', ')})`,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/**
 * The IVR endpoint in the OpenAPI description. It is served outside Nest's
 * router (IvrHttpEndpoint), so it is described here, from the same shared
 * schemas that validate it.
 */
export function ivrOpenApi(): {
  path: string;
  item: Record<string, unknown>;
  errorSchema: Record<string, unknown>;
} {
  const header = (name: string, description: string) => ({
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string' },
  });
  return {
    path: IVR_CONTACTS_PATH,
    errorSchema: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object' },
        requestId: { type: 'string' },
      },
    },
    item: {
      post: {
        tags: ['ivr'],
        operationId: 'ivrInsertContact',
        summary:
          "CONTACTO_INSERT_SALESFORCE: the contact for the caller's key, created when new; 201 when created, 200 when found.",
        description:
          'For IVRs, not agents: no bearer token but an HMAC-SHA256 signature over "timestamp.body" (docs/inbound.md). ' +
          'A signature is accepted once; the body is at most 4096 bytes.',
        security: [],
        parameters: [
          header(IVR_HEADERS.keyId, 'The IVR key id'),
          header(IVR_HEADERS.timestamp, 'Unix seconds; at most 5 minutes off'),
          header(IVR_HEADERS.signature, 'v1=hex(HMAC-SHA256(secret, timestamp + "." + body))'),
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: openApiSchema(IvrContactRequestSchema, 'input') } },
        },
        responses: {
          '201': {
            description: 'A contact was created',
            content: { 'application/json': { schema: openApiSchema(IvrContactResponseSchema, 'output') } },
          },
          '200': {
            description: 'The key found its contact',
            content: { 'application/json': { schema: openApiSchema(IvrContactResponseSchema, 'output') } },
          },
          '400': error('Not JSON, or a field breaks its rule', ['VALIDATION_FAILED']),
          '401': error('Not signed, or not signed right', [
            'SIGNATURE_MISSING',
            'SIGNATURE_INVALID',
            'SIGNATURE_EXPIRED',
            'REQUEST_REPLAYED',
          ]),
          '403': error('The caller is outside IVR_ALLOWED_IPS', ['IP_NOT_ALLOWED']),
          '413': error('The body is over 4096 bytes', ['PAYLOAD_TOO_LARGE']),
          '415': error('The body is not JSON in UTF-8, or is compressed', ['UNSUPPORTED_MEDIA_TYPE']),
          '422': error('No such contact database', ['UNKNOWN_DATABASE']),
          '503': error('The contact-center database, or in cluster mode Redis, is not answering', [
            'DATABASE_UNAVAILABLE',
            'REDIS_UNAVAILABLE',
          ]),
        },
      },
    },
  };
}
