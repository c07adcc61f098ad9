export * from './lib/defaults';
export * from './lib/errors';
export * from './lib/health';
export * from './lib/agent-state';
export * from './lib/agent-events';
export * from './lib/agent-reducer';
export * from './lib/socket';
