'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const progress = require('./contract.js').runtime('progress');

const NONE = { count: 0, done: 0, passed: 0, failed: 0 };
function course(extra) {
  return Object.assign({
    completion: { pages: 'all', assessment: true },
    assessment: { id: 'final', lesson: 1, attempts: 2, pass: 80 },
    lessons: [{ id: 'one', first: 0, last: 1, quizzes: [0] }, { id: 'two', first: 2, last: 3, quizzes: [] }]
  }, extra || {});
}
function state(p, a, q) { return { p: p, q: q || [], a: Object.assign({ n: 0, d: [], s: 0, b: -1, l: -1, p: 0 }, a || {}) }; }
const ALL = { lesson: null, lo: 0, hi: 3 };

test('nothing known before the assessment is submitted', () => {
  const ev = progress.evaluate(course(), state([true, true, true, true]), ALL, 80, NONE);
  assert.deepEqual(ev, { completed: false, success: 'unknown', score: null, attemptsLeft: true, finished: false, progress: 1 });
});
test('passed and completed', () => {
  const ev = progress.evaluate(course(), state([true, true, true, true], { n: 1, s: 1, b: 90, l: 90, p: 1 }), ALL, 80, NONE);
  assert.deepEqual(ev, { completed: true, success: 'passed', score: 90, attemptsLeft: false, finished: true, progress: 1 });
});
test('failed with an attempt left is not finished; without, it is', () => {
  const a = { n: 1, s: 1, b: 50, l: 50, p: 0 };
  let ev = progress.evaluate(course(), state([true, true, true, true], a), ALL, 80, NONE);
  assert.equal(ev.success, 'failed');
  assert.equal(ev.attemptsLeft, true);
  assert.equal(ev.finished, false);
  ev = progress.evaluate(course(), state([true, true, true, true], { ...a, n: 2 }), ALL, 80, NONE);
  assert.equal(ev.finished, true);
});
test('pages: progress share, completion needs every page unless pages: none', () => {
  const ev = progress.evaluate(course({ completion: { pages: 'all', assessment: false } }), state([true, false, true]), ALL, 80, NONE);
  assert.equal(ev.progress, 0.5);
  assert.equal(ev.completed, false);
  const none = progress.evaluate(course({ completion: { pages: 'none', assessment: false } }), state([]), ALL, 80, NONE);
  assert.equal(none.completed, true);
});
test('graded scenarios: their share is the score without an assessment, a failure caps it below mastery', () => {
  const c = course({ assessment: null, completion: { pages: 'none', assessment: true } });
  let ev = progress.evaluate(c, state([]), ALL, 80, { count: 2, done: 1, passed: 1, failed: 0 });
  assert.equal(ev.completed, false);
  ev = progress.evaluate(c, state([]), ALL, 80, { count: 2, done: 2, passed: 2, failed: 0 });
  assert.deepEqual([ev.success, ev.score], ['passed', 100]);
  ev = progress.evaluate(c, state([]), ALL, 80, { count: 3, done: 3, passed: 2, failed: 1 });
  assert.deepEqual([ev.success, ev.score, ev.attemptsLeft], ['failed', 66.67, true]);
  ev = progress.evaluate(c, state([]), ALL, 60.5, { count: 3, done: 3, passed: 2, failed: 1 });
  assert.equal(ev.score, 60);
  const withA = progress.evaluate(course(), state([true, true, true, true], { n: 1, s: 1, b: 100, l: 100, p: 1 }), ALL, 80,
    { count: 1, done: 1, passed: 0, failed: 1 });
  assert.deepEqual([withA.success, withA.score], ['failed', 79]);
});
test('a cmi5 AU of one lesson: its pages, its assessment only if it holds it', () => {
  const ev = progress.evaluate(course(), state([true, true, false, false]), { lesson: 0, lo: 0, hi: 1 }, 80, NONE);
  assert.deepEqual([ev.completed, ev.progress, ev.attemptsLeft], [true, 1, false]);
});
test('lesson objectives: seen lessons only; quizzes answered and the assessment submitted', () => {
  const c = course();
  assert.deepEqual(progress.lessons(c, state([true, false]), ALL), [['one', { completed: false, success: null }]]);
  assert.deepEqual(progress.lessons(c, state([true, true], {}, [[1, 0, 1]]), ALL), [['one', { completed: true, success: null }]]);
  assert.deepEqual(progress.lessons(c, state([false, false, true, true], { b: 50, p: 0 }), ALL),
    [['two', { completed: true, success: 'failed' }]]);
  assert.deepEqual(progress.lessons(c, state([true, true, true, true], { b: 90, p: 1 }, [[1, 0, 1]]), { lesson: 1, lo: 2, hi: 3 }),
    [['two', { completed: true, success: 'passed' }]]);
  assert.deepEqual(progress.lessons(c, state([false, false, true, false]), ALL), [['two', { completed: false, success: null }]]);
});
