'use strict';
// migrate.js: a saved state mapped from one release's layout onto the next.
const test = require('node:test');
const assert = require('node:assert/strict');
const { migrate } = require('../../../coursec/runtime/migrate.js');

function quiz(id, key, extra) {
  return Object.assign({ id: id, lesson: 'l', kind: 'single', key: key, inA: false,
    choices: ['a', 'b'], pairs: [] }, extra || {});
}
function scenario(graph) {
  return { id: 'sc', lesson: 'l', start: 'n1', nodes: ['n1', 'n2'], endings: ['win', 'lose'],
    outcomes: ['pass', 'fail'], choices: [['x'], ['y']], flags: ['met'], comps: ['skill'],
    range: [1, 5], graph: graph };
}
const OLD = {
  format: 1, course: 'c', hash: 'aaaaaa', activity: 'urn:c',
  lessons: [{ id: 'l', pages: ['p1', 'p2', 'p3', 'p4'] }],
  pages: ['l--p1', 'l--p2', 'l--p3', 'l--p4'],
  quizzes: [quiz('q1', 'k1'), quiz('q2', 'k2'), quiz('a1', 'ka', { inA: true })],
  assessment: { id: 'final', pool: ['a1'], pass: 80, draw: 1, attempts: 0 },
  scenarios: [scenario('g1')]
};
function edited(change) { const l = JSON.parse(JSON.stringify(OLD)); l.hash = 'bbbbbb'; change(l); return l; }
function saved() {
  return { v: 2, h: 'aaaaaa', r: 42, c: 2, p: 'f', q: [[1, 0, 1], [2, 1, 0], [0, 1, 1]],
    a: { n: 1, d: [2], s: 1, b: 100, l: 100, p: 1 },
    s: [[1, [3], '1', [0, 0], 1, 2, [2, 1, [3]]]] };
}

test('an unchanged layout keeps the whole state, with the new hash', () => {
  const out = migrate(OLD, edited(() => {}), saved());
  assert.deepEqual(out.actions, []);
  assert.deepEqual(out.state, Object.assign(saved(), { h: 'bbbbbb' }));
});

test('a changed answer key resets that question only', () => {
  const out = migrate(OLD, edited((l) => { l.quizzes[1].key = 'k2b'; }), saved());
  assert.deepEqual(out.actions, [{ do: 'question-reset', question: 'q2', why: 'answer key changed' }]);
  assert.deepEqual(out.state.q, [[1, 0, 1], null, [0, 1, 1]]);
  assert.deepEqual(out.state.a, saved().a);
});

test('a removed page: its mark goes, the bookmark moves to the next surviving page', () => {
  const out = migrate(OLD, edited((l) => { l.pages.splice(2, 1); l.lessons[0].pages.splice(2, 1); }), saved());
  assert.deepEqual(out.actions, [{ do: 'page-dropped', page: 'l--p3' },
    { do: 'bookmark-moved', from: 'l--p3', to: 'l--p4' }]);
  assert.equal(out.state.c, 2);
  assert.equal(out.state.p, '7');
});

test('reordered pages: the bookmark and the marks follow their page', () => {
  const s = saved(); s.p = '4'; // only p3 seen
  const out = migrate(OLD, edited((l) => { l.pages = ['l--p3', 'l--p1', 'l--p2', 'l--p4']; }), s);
  assert.deepEqual(out.actions, []);
  assert.equal(out.state.c, 0);
  assert.equal(out.state.p, '1');
});

test('a pool question whose key changed resets the assessment, its answer with it', () => {
  const out = migrate(OLD, edited((l) => { l.quizzes[2].key = 'kb'; }), saved());
  assert.deepEqual(out.actions, [{ do: 'assessment-reset', assessment: 'final',
    why: "answer key of 'a1' changed" }]);
  assert.deepEqual(out.state.a, { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 });
  assert.deepEqual(out.state.q, [[1, 0, 1], [2, 1, 0]]);
});

test('a changed scenario graph restarts the play and keeps attempts and the result', () => {
  const out = migrate(OLD, edited((l) => { l.scenarios[0].graph = 'g2'; }), saved());
  assert.deepEqual(out.actions, [{ do: 'scenario-restarted', scenario: 'sc', result: 'kept' }]);
  assert.deepEqual(out.state.s, [[0, [1], '0', [0], 0, 2, [2, 1, [3]]]]);
});

test('a removed ending drops the counted result', () => {
  const out = migrate(OLD, edited((l) => {
    l.scenarios[0].graph = 'g2'; l.scenarios[0].endings = ['lose']; l.scenarios[0].outcomes = ['fail'];
  }), saved());
  assert.deepEqual(out.actions, [{ do: 'scenario-restarted', scenario: 'sc', result: 'dropped' }]);
  assert.deepEqual(out.state.s[0][6], null);
});

test('a state of another release, or a damaged one, starts fresh', () => {
  for (const s of [null, 'text', { h: 'cccccc' }, { h: 'aaaaaa', q: {}, c: 0 }]) {
    const out = migrate(OLD, OLD, s);
    assert.equal(out.state, null);
    assert.equal(out.actions[0].do, 'fresh');
  }
});
test('a shown answer (entry [tries, response, result, 1]) survives a release that keeps its quiz', () => {
  const st = saved();
  st.q[1] = [5, 1, 0, 1];
  const out = migrate(OLD, edited((l) => { l.pages.push('l--p5'); l.lessons[0].pages.push('p5'); }), st);
  assert.deepEqual(out.state.q[1], [5, 1, 0, 1]);
  const reset = migrate(OLD, edited((l) => { l.quizzes[1].key = 'changed'; }), st);
  assert.equal(reset.state.q[1], null, 'a changed key resets it, the shown mark with it');
});
