module.exports = require('../jest/node-project.cjs')(__dirname, 'launcher', {
  testMatch: ['<rootDir>/**/*.spec.ts'],
});
