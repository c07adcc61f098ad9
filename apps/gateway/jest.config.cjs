module.exports = require('../../tools/jest/node-project.cjs')(__dirname, 'gateway', {
  globalSetup: '<rootDir>/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/jest-global-teardown.ts',
});
