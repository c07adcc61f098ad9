import { importCycles } from '@puente/server-kit/testing';

// Issue 18 §1: modules that import each other, even for types, cannot be read or replaced apart.
describe('import cycles', () => {
  it('has none among the app sources', () => {
    expect(importCycles(__dirname)).toEqual([]);
  });
});
