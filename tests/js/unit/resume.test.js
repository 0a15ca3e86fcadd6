'use strict';
// codec.resume: a saved state read by the current package, migrated from an earlier release
// (data.releases, the compact layouts the build embeds) or started fresh with the reason.
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const codec = runtime('codec');

function layout(k, hash, change) {
  const l = { k: k, hash: hash, pages: ['l--p1', 'l--p2', 'l--p3'],
    quizzes: [{ id: 'q1', kind: 'single', key: 'k1', inA: false }, { id: 'q2', kind: 'single', key: 'k2', inA: false }],
    assessment: null, scenarios: [] };
  if (change) change(l);
  return l;
}
const R1 = layout('r1r1r1', 'aaaaaa');
// release 2: page p0 added in front, q2's answer key changed (same structure hash would be 'bbbbbb')
const R2 = layout('r2r2r2', 'bbbbbb', (l) => { l.pages.unshift('l--p0'); l.quizzes[1].key = 'k2b'; });
function data(releases) {
  return { v: 2, hash: releases ? releases[0].hash : 'bbbbbb', pages: [{}, {}, {}, {}], assessment: null,
    scenarios: [], releases: releases };
}
const OLD_TEXT = JSON.stringify({ v: 2, h: 'aaaaaa', k: 'r1r1r1', r: 5, c: 1, p: '3', q: [[1, 0, 1], [1, 1, 1]] });

test('a state of an earlier release is migrated: same page, kept answers, the changed one reset', () => {
  const out = codec.resume(OLD_TEXT, data([R2, R1]));
  assert.deepEqual(out.actions, [{ do: 'question-reset', question: 'q2', why: 'answer key changed' }]);
  assert.equal(out.state.c, 2, 'the bookmark follows its page (p2 is now the third page)');
  assert.deepEqual(out.state.p, [false, true, true, false]);
  assert.deepEqual(out.state.q, [[1, 0, 1]]);
  assert.equal(out.state.r, 5);
  // written again, it is a state of release 2
  const text = codec.encode(out.state, data([R2, R1]));
  assert.deepEqual(JSON.parse(text), { v: 2, h: 'bbbbbb', k: 'r2r2r2', r: 5, c: 2, p: '6', q: [[1, 0, 1]] });
  assert.deepEqual(codec.resume(text, data([R2, R1])).actions, [], 'read back: nothing to migrate');
});

test('an answer-key-only release: same h, told apart by k', () => {
  const R3 = layout('r3r3r3', 'aaaaaa', (l) => { l.quizzes[0].key = 'k1b'; });
  const out = codec.resume(OLD_TEXT, data([R3, R1]));
  assert.deepEqual(out.actions, [{ do: 'question-reset', question: 'q1', why: 'answer key changed' }]);
  assert.deepEqual(out.state.q, [null, [1, 1, 1]]);
});

test('a state without k (a package built before releases/) is matched by its hash', () => {
  const text = JSON.stringify({ v: 2, h: 'aaaaaa', r: 5, c: 0, p: '1', q: [[1, 0, 1]] });
  const out = codec.resume(text, data([R2, R1]));
  assert.deepEqual(out.actions, []);
  assert.equal(out.state.c, 1);
  const same = codec.resume(JSON.stringify({ v: 2, h: 'bbbbbb', r: 5, c: 0, p: '1', q: [] }), data([R2, R1]));
  assert.deepEqual(same.actions, [], 'the current hash and no k: read as the current layout');
  assert.equal(same.state.c, 0);
});

test('no embedded layout for the state, another version, damaged text: fresh, with the reason', () => {
  const unknown = JSON.stringify({ v: 2, h: 'cccccc', k: 'zzzzzz', r: 5, c: 0, p: '1', q: [] });
  assert.deepEqual(codec.resume(unknown, data([R2, R1])),
    { state: null, actions: [{ do: 'fresh', why: 'state of a release this package does not know' }] });
  assert.deepEqual(codec.resume(OLD_TEXT, data(undefined)).actions[0].do, 'fresh', 'no releases embedded');
  assert.deepEqual(codec.resume('{"v":1,"h":"aaaaaa"}', data([R2, R1])).actions,
    [{ do: 'fresh', why: 'state of another state version' }]);
  for (const bad of ['{', '[]', 'null', '"text"', '{"v":2,"h":"aaaaaa","k":"r1r1r1","q":7}',
    '{"v":2,"h":"bbbbbb","k":"r2r2r2","r":1,"c":0,"p":3,"q":[]}']) {
    const out = codec.resume(bad, data([R2, R1]));
    assert.equal(out.state, null, bad);
    assert.equal(out.actions.length, 1, bad);
    assert.equal(out.actions[0].do, 'fresh', bad);
  }
  assert.deepEqual(codec.resume('', data([R2, R1])), { state: null, actions: [] }, 'a first launch says nothing');
  assert.equal(codec.decode(OLD_TEXT, data([R2, R1])).c, 2, 'decode is resume(...).state');
});
