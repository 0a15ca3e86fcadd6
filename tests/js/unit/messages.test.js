'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const m = require('./contract.js').runtime('messages');

test('format fills {names}, every occurrence; a missing key is empty', () => {
  const f = m.format({ page_of: 'Page {n} of {total} ({n})' }, null);
  assert.equal(f('page_of', { n: 2, total: 9 }), 'Page 2 of 9 (2)');
  assert.equal(f('nothing', { n: 1 }), '');
});
test('plural forms by CLDR category', () => {
  const strings = { left: { one: '{n} try left', other: '{n} tries left' }, only: { other: '{n} x' } };
  const f = m.format(strings, new Intl.PluralRules('en'));
  assert.equal(f('left', { n: 1 }), '1 try left');
  assert.equal(f('left', { n: 3 }), '3 tries left');
  assert.equal(f('only', { n: 1 }), '1 x', 'falls back to other');
  assert.equal(m.format(strings, null)('left', { n: 1 }), '1 tries left', 'no plural rules: other');
  const ar = m.format({ k: { zero: 'z', one: 'o', two: 't', few: 'f', many: 'm', other: 'x' } }, new Intl.PluralRules('ar'));
  assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => ar('k', { n })), ['z', 'o', 't', 'f', 'm', 'x']);
});
test('number: 2 decimals, the language\'s signs', () => {
  assert.equal(m.number(1234567.891, { decimal: ',', group: '.' }), '1.234.567,89');
  assert.equal(m.number(80, { decimal: ',', group: '\u00a0' }), '80');
  assert.equal(m.number(33.333), '33.33');
  assert.equal(m.number(999.999), '1,000');
});

test('decimal: a number in full with the language\'s decimal sign, never grouped', () => {
  assert.equal(m.decimal(2.125, { decimal: ',', group: '.' }), '2,125');
  assert.equal(m.decimal(1000, { decimal: ',', group: '.' }), '1000');
  assert.equal(m.decimal(-0.5, { decimal: '.', group: ',' }), '-0.5');
  assert.equal(m.decimal(3.5), '3.5');
});
