export * from './lib/methods';
export * from './lib/errors';
export * from './lib/model';
export * from './lib/catalogue';
export * from './lib/events';
export * from './lib/sse';
export * from './lib/client';
