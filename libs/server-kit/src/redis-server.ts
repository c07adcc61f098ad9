// A real redis-server on a free loopback port, without Jest: for the tests
// (through ./testing) and for `npm run bench`, which is no test (issue 18 §3).
export * from './testing/redis-server';
