module.exports = require('../../tools/jest/node-project.cjs')(__dirname, 'salesforce-emulator');
