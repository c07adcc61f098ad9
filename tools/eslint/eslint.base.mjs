import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/** Packages that only make sense on a server: the panel and the universal libs must never pull them in. */
const serverOnlyPackages = [
  '@nestjs/*',
  'express',
  'socket.io',
  'mssql',
  'pg',
  '@electric-sql/*',
  'jsforce',
  'pino',
  'ioredis',
];
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/.angular',
      '**/coverage',
      '**/tmp',
      '**/.data',
      '**/test-results',
      '**/playwright-report',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            // Type axis: apps sit on top; utils depend on nothing but utils.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util'],
            },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            // Scope axis: each side sees its own scope and the shared one only.
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:panel', onlyDependOnLibsWithTags: ['scope:panel', 'scope:shared'] },
            { sourceTag: 'scope:emulator', onlyDependOnLibsWithTags: ['scope:emulator', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Browser tests drive the built apps through the dev stack; they import no app.
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            // tools/ (launcher, benchmarks, CLIs) may use any lib, never an app.
            {
              sourceTag: 'scope:tools',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway', 'scope:emulator'],
            },
            // Runtime axis: the panel (and what it may load) never touches server code.
            {
              sourceTag: 'scope:panel',
              notDependOnLibsWithTags: ['runtime:node'],
              bannedExternalImports: [...serverOnlyPackages, ...nodeBuiltins],
            },
            {
              sourceTag: 'runtime:universal',
              notDependOnLibsWithTags: ['runtime:node'],
              bannedExternalImports: [...serverOnlyPackages, ...nodeBuiltins],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tool configuration files load shared presets by path; they are not product code.
    files: ['**/jest.config.cjs', '**/webpack.config.js', '**/playwright.config.ts', '**/eslint.config.mjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
];
