import type { INestApplication } from '@nestjs/common';
import { salesforceBodyReader } from './http/body-reader';

/**
 * What the app needs beyond its module: Salesforce's own body reading on
 * /services and /id, registered with `app.use` before Nest adds its body
 * parsers at init, so that bad JSON gets a Salesforce-shaped answer.
 */
export function configureSalesforceEmulator(app: INestApplication): void {
  app.use(salesforceBodyReader());
}
