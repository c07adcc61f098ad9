module.exports = require('../../tools/jest/node-project.cjs')(__dirname, 'contact-center-db');
