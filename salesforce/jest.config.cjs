// The package's offline checks (issue 17 §1): no org needed.
module.exports = require('../tools/jest/node-project.cjs')(__dirname, 'salesforce', {
  testMatch: ['<rootDir>/checks/**/*.spec.ts'],
});
