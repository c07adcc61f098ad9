// Jest settings shared by every Node-side project (libs, gateway, emulators).
// SWC instead of ts-jest: an order of magnitude faster, and it emits the
// decorator metadata NestJS's dependency injection reads. Type checking is the
// `typecheck` target's job, not the test runner's.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('./paths.cjs');

/**
 * @param {string} projectDir absolute directory of the project (pass __dirname)
 * @param {string} displayName the Nx project name
 * @param {import('jest').Config} [overrides]
 * @returns {import('jest').Config}
 */
module.exports = function nodeProject(projectDir, displayName, overrides = {}) {
  const workspaceRoot = path.resolve(__dirname, '../..');
  const swc = [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ];
  return {
    displayName,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts'],
    transform: {
      '^.+\\.[tj]s$': swc,
      // PGlite's CommonJS build loads node:fs, zlib… with dynamic import(), which
      // Jest's module runner refuses without --experimental-vm-modules. Passing
      // those files through SWC turns each import() into a require(); the wasm
      // and data files are still found next to the module.
      '^.+/@electric-sql/.+\\.c?js$': swc,
      // jose is published as ES modules only; Jest's CommonJS runner needs them compiled.
      '^.+/node_modules/jose/.+\\.js$': swc,
    },
    transformIgnorePatterns: ['/node_modules/(?!@electric-sql/|jose/)'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(workspaceRoot),
    coverageDirectory: path.join(workspaceRoot, 'coverage', path.relative(workspaceRoot, projectDir)),
    ...overrides,
  };
};
