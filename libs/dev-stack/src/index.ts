export * from './lib/stack-config';
export * from './lib/ports';
export * from './lib/wait';
export * from './lib/managed-process';
export * from './lib/panel-server';
export * from './lib/panel-csp';
export * from './lib/embedded-stack';
export * from './lib/supervisor';
