// Helpers for the unit tests: the runtime modules and the contract fixtures (written by Python:
// python3 -m coursec.contract.fixtures tests/fixtures/contract). Not a test file itself.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '../../fixtures/contract');
// COURSEC_RUNTIME: another directory of the modules (tests/test_runtime_shipped.py: the stripped ones)
const RUNTIME = process.env.COURSEC_RUNTIME || path.join(__dirname, '../../../coursec/runtime');

function runtime(name) { return require(path.join(RUNTIME, name + '.js')); }
const cache = {};
function fixture(name) {
  if (!cache[name]) cache[name] = JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));
  return JSON.parse(JSON.stringify(cache[name]));
}
module.exports = { runtime, fixture, RUNTIME };
