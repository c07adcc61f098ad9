export * from './testing/raw-http';
export * from './testing/hostile-requests';
export * from './testing/import-cycles';
export * from './testing/idempotency-records.contract';
export * from './testing/redis-server';
export * from './testing/describe-with-redis';
