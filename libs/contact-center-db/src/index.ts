export * from './lib/clave-sf';
