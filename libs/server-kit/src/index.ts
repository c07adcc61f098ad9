export * from './lib/env';
export * from './lib/logger';
export * from './lib/run-service';
export * from './lib/create-app';
export * from './lib/service-health.module';
export * from './lib/request-signature';
export * from './lib/http-hardening';
export * from './lib/refused-body';
