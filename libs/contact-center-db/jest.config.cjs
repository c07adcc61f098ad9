const nodeProject = require('../../tools/jest/node-project.cjs');

// Real databases (PGlite boots in wasm, PostgreSQL per-run databases) need more than 5 s.
module.exports = nodeProject(__dirname, 'contact-center-db', { testTimeout: 60_000 });
