import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER, PUENTE_VERSION } from '@puente/contracts';
import type { GatewayConfig } from './config/gateway.config';
import { servesApiDocs } from './config/production';
import { ivrOpenApi } from './ivr/ivr-openapi';

/**
 * OpenAPI description of the REST API, served at /api/docs (JSON at
 * /api/docs-json) where the configuration allows it: not in production
 * unless API_DOCS_ENABLED says so (issue 14 §10).
 */
export function setupOpenApi(app: INestApplication, gateway: GatewayConfig): void {
  if (!servesApiDocs(gateway)) return;
  const config = new DocumentBuilder()
    .setTitle('Puente gateway')
    .setDescription(
      'Commands of the Puente CTI gateway. Every POST command needs a fresh ' +
        `\`${IDEMPOTENCY_HEADER}\` header; a retry with the same key never acts twice. ` +
        'Errors are `{code, message, details?, requestId}` with stable codes. Live events are on socket.io ' +
        '(namespace `/agents`, handshake `auth: {token}`; emit `resume {lastSeq}` after each connect).',
    )
    .setVersion(PUENTE_VERSION)
    .addBearerAuth()
    .addGlobalParameters({
      name: IDEMPOTENCY_HEADER,
      in: 'header',
      required: false,
      description:
        'Required on POST commands: a new random value per action, reused only to retry that action.',
      schema: { type: 'string' },
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const ivr = ivrOpenApi();
  document.paths[ivr.path] = ivr.item;
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ApiError: ivr.errorSchema },
  };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
