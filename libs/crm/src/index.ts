export * from './lib/neotel-data';
export * from './lib/call-center/settings';
export * from './lib/call-center/field-mapping';
export * from './lib/call-center/call-center-xml';
export * from './lib/call-center/call-center-metadata';
export * from './lib/matching/pop-decision';
export * from './lib/journal/template';
export * from './lib/journal/call-task';
