export * from './lib/methods';
