export * from './idempotent-runs';
export * from './memory-idempotency-records';
