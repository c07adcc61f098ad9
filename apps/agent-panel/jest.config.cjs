const { createCjsPreset } = require('jest-preset-angular/presets');
const { pathsToModuleNameMapper } = require('../../tools/jest/paths.cjs');
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset(),
  displayName: 'agent-panel',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: pathsToModuleNameMapper(path.resolve(__dirname, '../..')),
  coverageDirectory: '../../coverage/apps/agent-panel',
};
