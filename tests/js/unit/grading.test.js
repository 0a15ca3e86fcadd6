'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const grading = runtime('grading');

const single = { kind: 'single', correct: [1], points: 1 };
test('choice kinds', () => {
  assert.equal(grading.grade(single, 1), 1);
  assert.equal(grading.grade(single, 0), 0);
  assert.equal(grading.grade({ kind: 'true-false', correct: [0] }, 0), 1);
  const multiple = { kind: 'multiple', correct: [0, 2] };
  assert.equal(grading.grade(multiple, [0, 2]), 1);
  assert.equal(grading.grade(multiple, [0]), 0);
  assert.equal(grading.grade(multiple, [0, 1, 2]), 0);
  assert.equal(grading.grade({ kind: 'likert', correct: [] }, 3), 2);
});
test('no response is incorrect', () => {
  assert.equal(grading.grade(single, null), 0);
  assert.equal(grading.grade(single, undefined), 0);
  assert.equal(grading.grade({ kind: 'likert' }, null), 0);
});
test('fill-in: normalised, case only when it counts', () => {
  const q = { kind: 'fill-in', answers: ['warm transfer'], case: false };
  assert.equal(grading.grade(q, '  Warm   TRANSFER '), 1);
  assert.equal(grading.grade(q, 'cold transfer'), 0);
  assert.equal(grading.grade({ ...q, case: true }, 'Warm transfer'), 0);
  assert.equal(grading.grade({ ...q, answers: ['Warm transfer'], case: true }, 'Warm  transfer'), 1);
});
test('numeric: in a range (both ends, 1e-9 slack), comma decimals', () => {
  const q = { kind: 'numeric', ranges: [[8, 10], [20, 20]] };
  assert.equal(grading.grade(q, '8'), 1);
  assert.equal(grading.grade(q, '10,0'), 1);
  assert.equal(grading.grade(q, '20'), 1);
  assert.equal(grading.grade(q, '10.1'), 0);
  assert.equal(grading.grade(q, '1e1'), 1);
  assert.equal(grading.grade(q, 'ten'), 0);
  assert.equal(grading.grade({ kind: 'numeric', ranges: [[0.3, 0.3]] }, String(0.1 + 0.2)), 1);
});
test('matching and sequencing: the identity order, complete', () => {
  const m = { kind: 'matching', pairs: ['a', 'b', 'c'] };
  assert.equal(grading.grade(m, [0, 1, 2]), 1);
  assert.equal(grading.grade(m, [0, 2, 1]), 0);
  assert.equal(grading.grade(m, [0, 1, -1]), 0);
  const s = { kind: 'sequencing', choices: ['x', 'y'] };
  assert.equal(grading.grade(s, [0, 1]), 1);
  assert.equal(grading.grade(s, [1, 0]), 0);
  assert.equal(grading.grade(s, [0]), 0);
});
test('unknown kind is incorrect', () => { assert.equal(grading.grade({ kind: 'essay' }, 'x'), 0); });
test('attemptScore: points earned in %, likert counts for nothing', () => {
  const a = { kind: 'single', points: 2 }, b = { kind: 'single', points: 1 }, l = { kind: 'likert', points: 5 };
  assert.equal(grading.attemptScore([[a, 1], [b, 0], [l, 2]]), 66.67);
  assert.equal(grading.attemptScore([[a, 1], [b, 1]]), 100);
  assert.equal(grading.attemptScore([[l, 2]]), 0);
  assert.equal(grading.attemptScore([]), 0);
});
test('passes: at the threshold (1e-9 slack), always without one', () => {
  assert.ok(grading.passes(80, 80));
  assert.ok(grading.passes(79.9999999999, 80));
  assert.ok(!grading.passes(79.99, 80));
  assert.ok(grading.passes(0, null));
});
test('agrees with the Python answer key (grading.json)', () => {
  const cases = fixture('grading.json');
  const kinds = new Set();
  assert.ok(cases.length > 0);
  for (const c of cases) {
    const q = fixture(c.fixture).quizzes[c.quiz];
    kinds.add(q.kind);
    assert.equal(grading.grade(q, c.response), c.result, JSON.stringify(c));
  }
  for (const k of ['single', 'multiple', 'true-false', 'fill-in', 'numeric', 'matching', 'sequencing', 'likert']) {
    assert.ok(kinds.has(k), 'grading.json has a ' + k + ' quiz');
  }
});
