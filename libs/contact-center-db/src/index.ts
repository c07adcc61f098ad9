export * from './lib/clave-sf';
export * from './lib/port/contact-db';
