export * from './lib/template';
