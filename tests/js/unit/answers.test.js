'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const answers = require('./contract.js').runtime('answers');

test('clean: control characters become spaces, lone surrogates go, pairs stay', () => {
  assert.equal(answers.clean('a\tb\u0000c\u007f'), 'a b c ');
  assert.equal(answers.clean('x\ud800y'), 'xy');
  assert.equal(answers.clean('x\udc00y'), 'xy');
  assert.equal(answers.clean('\ud83d\ude00'), '\ud83d\ude00');
});
test('fillIn: trimmed, cut to the box length, null when empty', () => {
  assert.equal(answers.fillIn('  warm  transfer \n', 50), 'warm  transfer');
  assert.equal(answers.fillIn('abcdef', 3), 'abc');
  assert.equal(answers.fillIn('   ', 50), null);
});
test('numericText keeps only number characters', () => {
  assert.equal(answers.numericText(' 1 234,5 kg', 20), '1234,5');
  assert.equal(answers.numericText('-1e+3x', 20), '-1e+3');
  assert.equal(answers.numericText('abc', 20), null);
  assert.equal(answers.numericText('123456', 4), '1234');
});
test('norm collapses whitespace and folds case unless case counts', () => {
  assert.equal(answers.norm('  Warm   Transfer ', false), 'warm transfer');
  assert.equal(answers.norm('  Warm   Transfer ', true), 'Warm Transfer');
});
test('toNumber: dot or comma decimal sign, exponent, junk is NaN', () => {
  assert.equal(answers.toNumber('8'), 8);
  assert.equal(answers.toNumber(' 8.5 '), 8.5);
  assert.equal(answers.toNumber('8,5'), 8.5);
  assert.equal(answers.toNumber('.5'), 0.5);
  assert.equal(answers.toNumber('-1e3'), -1000);
  assert.equal(answers.toNumber('+2.'), 2);
  assert.ok(Number.isNaN(answers.toNumber('1,000.5')));
  assert.ok(Number.isNaN(answers.toNumber('1.2.3')));
  assert.ok(Number.isNaN(answers.toNumber('')));
  assert.ok(Number.isNaN(answers.toNumber('e5')));
});
