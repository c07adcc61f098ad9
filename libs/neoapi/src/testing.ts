export * from './testing/fake-neoapi-server';
