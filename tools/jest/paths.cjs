// Turns tsconfig.base.json's path aliases into Jest's moduleNameMapper, so a
// lib is reached in tests exactly as in code: through its public index.
const fs = require('node:fs');
const path = require('node:path');

function pathsToModuleNameMapper(workspaceRoot) {
  const base = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));
  const mapper = {};
  for (const [alias, targets] of Object.entries(base.compilerOptions.paths ?? {})) {
    const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    mapper[`^${escaped}$`] = path.join(workspaceRoot, targets[0]);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
