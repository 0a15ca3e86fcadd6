'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const expr = runtime('expr');

const env = { comps: ['empathy', 'policy'], flags: ['apologized', 'escalated'], scores: [3, -1], on: [true, false] };
test('comparisons, total, unknown names', () => {
  assert.equal(expr.evaluate(['cmp', 'empathy', '>=', 3], env), true);
  assert.equal(expr.evaluate(['cmp', 'empathy', '>', 3], env), false);
  assert.equal(expr.evaluate(['cmp', 'policy', '<', 0], env), true);
  assert.equal(expr.evaluate(['cmp', 'policy', '<=', -2], env), false);
  assert.equal(expr.evaluate(['cmp', 'empathy', '==', 3], env), true);
  assert.equal(expr.evaluate(['cmp', 'empathy', '!=', 3], env), false);
  assert.equal(expr.evaluate(['cmp', 'total', '==', 2], env), true);
  assert.equal(expr.evaluate(['cmp', 'nobody', '==', 0], env), true);
  assert.equal(expr.evaluate(['cmp', 'empathy', '=~', 3], env), false);
});
test('flags and the connectives', () => {
  assert.equal(expr.evaluate(['flag', 'apologized'], env), true);
  assert.equal(expr.evaluate(['flag', 'escalated'], env), false);
  assert.equal(expr.evaluate(['flag', 'unknown'], env), false);
  assert.equal(expr.evaluate(['not', ['flag', 'escalated']], env), true);
  assert.equal(expr.evaluate(['and', ['flag', 'apologized'], ['cmp', 'empathy', '>=', 3]], env), true);
  assert.equal(expr.evaluate(['and', ['flag', 'apologized'], ['flag', 'escalated']], env), false);
  assert.equal(expr.evaluate(['or', ['flag', 'escalated'], ['cmp', 'policy', '<', 0]], env), true);
  assert.equal(expr.evaluate(['or', ['flag', 'escalated']], env), false);
  assert.equal(expr.evaluate(['and'], env), true);
  assert.equal(expr.evaluate(['xor', ['flag', 'apologized']], env), false);
});
test('sum', () => { assert.equal(expr.sum([1, 2, -4]), -1); assert.equal(expr.sum([]), 0); });
test('agrees with parse/expr.py (expr.json)', () => {
  const cases = fixture('expr.json');
  assert.ok(cases.length > 0);
  let trues = 0;
  for (const c of cases) {
    const e = { comps: c.comps, flags: c.flags, scores: c.scores, on: c.flags.map((f) => c.set.includes(f)) };
    assert.equal(expr.evaluate(c.expr, e), c.value, JSON.stringify(c));
    if (c.value) trues++;
  }
  assert.ok(trues > 0 && trues < cases.length, 'both outcomes are exercised');
});
