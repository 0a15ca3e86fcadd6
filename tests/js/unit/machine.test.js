'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const machine = runtime('machine');
const codec = runtime('codec');

const L = { path: 24, steps: 9999, tries: 99 };
// start -> (a: +2 empathy, sets 'kind') -> mid ; mid -> (b, only when kind) -> good ; mid -> (c) -> bad
function sample(extra) {
  return Object.assign({
    id: 'call', page: 0, graded: true, retry: 'best', start: 0, lo: -3, hi: 3,
    comps: ['empathy', 'policy'], flags: ['kind'], pass: ['cmp', 'empathy', '>=', 2],
    n: [
      { id: 'start', e: null, c: [{ id: 'a', to: 1, d: [2, 0], s: [0], u: [], w: null },
                                 { id: 'z', to: 1, d: [-5, 9], s: [], u: [], w: null }] },
      { id: 'mid', e: null, c: [{ id: 'b', to: 2, d: [1], s: [], u: [0], w: ['flag', 'kind'] },
                               { id: 'c', to: 3, d: [0, -1], s: [], u: [], w: null },
                               { id: 'back', to: 0, d: [0, 0], s: [], u: [], w: null }] },
      { id: 'good', e: 'pass', c: [] },
      { id: 'bad', e: 'fail', c: [] },
      { id: 'meh', e: 'neutral', c: [] }
    ]
  }, extra || {});
}
test('fresh: start node, scores 0 clamped into [lo, hi], no flags', () => {
  const x = machine.fresh(sample());
  assert.deepEqual(x, { node: 0, scores: [0, 0], flags: [false], path: [0], steps: 0, attempts: 0, result: null });
  assert.deepEqual(machine.fresh(sample({ lo: 1, hi: 5 })).scores, [1, 1]);
  const kept = machine.fresh(sample(), { attempts: 2, result: { node: 2, passed: true, scores: [3, 0] } });
  assert.equal(kept.attempts, 2);
  assert.equal(kept.result.node, 2);
});
test('choose: deltas clamped, flags set then unset, conditions hide choices', () => {
  const sc = sample();
  let x = machine.fresh(sc);
  assert.deepEqual(machine.offeredChoices(sc, x), [0, 1]);
  const z = machine.choose(sc, x, 1, L);
  assert.deepEqual(z.scores, [-3, 3]);
  assert.deepEqual(machine.offeredChoices(sc, z), [1, 2], 'b needs the flag');
  assert.equal(machine.choose(sc, z, 0, L), null, 'a hidden choice cannot be taken');
  assert.equal(machine.choose(sc, z, 7, L), null);
  x = machine.choose(sc, x, 0, L);
  assert.deepEqual([x.node, x.scores, x.flags, x.path, x.steps], [1, [2, 0], [true], [0, 0], 1]);
  assert.deepEqual(machine.offeredChoices(sc, x), [0, 1, 2]);
  const before = JSON.stringify(x);
  const y = machine.choose(sc, x, 0, L);
  assert.equal(JSON.stringify(x), before, 'the entry given is not changed');
  assert.deepEqual([y.node, y.scores, y.flags, y.steps, y.attempts], [2, [3, 0], [false], 2, 1]);
  assert.deepEqual(y.result, { node: 2, passed: true, scores: [3, 0] });
  assert.ok(machine.isEnding(sc, 2));
  assert.deepEqual(machine.offeredChoices(sc, y), []);
});
test('the pass rule decides a pass ending', () => {
  const sc = sample({ pass: ['cmp', 'empathy', '>=', 9] });
  let x = machine.fresh(sc);
  x = machine.choose(sc, machine.choose(sc, x, 0, L), 0, L);
  assert.equal(x.result.passed, false);
  assert.ok(machine.passes(sample(), x));
});
test('best attempt counts, or the last one with retry last', () => {
  const sc = sample();
  const play = (x, ks) => ks.reduce((y, k) => machine.choose(sc, y, k, L), x);
  let x = play(machine.fresh(sc), [0, 0]); // pass
  x = play(machine.fresh(sc, x), [0, 1]); // fail
  assert.equal(x.attempts, 2);
  assert.deepEqual(x.result, { node: 2, passed: true, scores: [3, 0] });
  const last = sample({ retry: 'last' });
  let y = [0, 0].reduce((e, k) => machine.choose(last, e, k, L), machine.fresh(last));
  y = [0, 1].reduce((e, k) => machine.choose(last, e, k, L), machine.fresh(last, y));
  assert.equal(y.result.node, 3);
  assert.ok(machine.better({ passed: false, scores: [3] }, { passed: false, scores: [2] }));
  assert.ok(!machine.better({ passed: false, scores: [9] }, { passed: true, scores: [0] }));
});
test('the kept path is a window of the last choices', () => {
  const sc = sample();
  let x = machine.fresh(sc);
  const l = { path: 3, steps: 5, tries: 99 };
  for (let i = 0; i < 4; i++) { x = machine.choose(sc, x, 0, l); x = machine.choose(sc, x, 2, l); }
  assert.equal(x.steps, 5, 'capped');
  assert.equal(x.path.length, 4);
  assert.deepEqual(x.path, [1, 2, 0, 2]);
  assert.deepEqual(machine.pathIds(sc, x.path), ['mid', 'start', 'mid', 'start']);
  assert.deepEqual(machine.pathIds(sc, []), []);
  assert.deepEqual(machine.pathIds(sc, [0, 9]), ['start']);
});
test('objective and the graded summary', () => {
  const sc = sample();
  const x = machine.fresh(sc);
  assert.deepEqual(machine.objective(sc, x), { completed: false, success: null });
  const done = { ...x, attempts: 1, result: { node: 3, passed: false, scores: [0, 0] } };
  assert.deepEqual(machine.objective(sc, done), { completed: true, success: 'failed' });
  const neutral = { ...x, attempts: 1, result: { node: 4, passed: false, scores: [0, 0] } };
  assert.equal(machine.objective(sample({ graded: false }), neutral).success, null);
  assert.equal(machine.objective(sc, neutral).success, 'failed');
  const list = [sc, sample({ id: 'two', page: 3 }), sample({ id: 'free', graded: false })];
  const passed = { ...x, result: { node: 2, passed: true, scores: [2, 0] } };
  assert.deepEqual(machine.graded(list, [passed, done, done]), { count: 2, done: 2, passed: 1, failed: 1 });
  assert.deepEqual(machine.graded(list, [null, x, x]), { count: 2, done: 0, passed: 0, failed: 0 });
  assert.deepEqual(machine.graded(list, [passed, done], (p) => p === 0), { count: 1, done: 1, passed: 1, failed: 0 });
});
test('agrees with check/scenario_states.py step by step (scenarios.json)', () => {
  const walks = fixture('scenarios.json');
  assert.ok(walks.length > 0);
  const endings = new Set(), hidden = { seen: false };
  for (const w of walks) {
    const data = fixture(w.fixture), sc = data.scenarios[w.scenario], L2 = data.limits;
    let x = machine.fresh(sc);
    assert.equal(w.steps.length, w.walk.length + 1);
    w.steps.forEach((step, i) => {
      const where = 'scenario ' + w.scenario + ' walk ' + w.walk.join(',') + ' step ' + i;
      if (i > 0) x = machine.choose(sc, x, w.walk[i - 1], L2);
      assert.ok(x, where + ': the choice is offered');
      assert.equal(x.node, step.node, where);
      assert.deepEqual(x.scores, step.scores, where);
      assert.equal(codec.hex(x.flags), step.flags, where);
      assert.deepEqual(machine.offeredChoices(sc, x), step.offered, where);
      if (step.offered.length < sc.n[x.node].c.length) hidden.seen = true;
      const ending = machine.isEnding(sc, x.node) ? { node: x.node, passed: machine.passes(sc, x) } : null;
      assert.deepEqual(ending, step.ending, where);
      if (ending) endings.add(w.scenario + ':' + ending.node);
    });
  }
  assert.ok(endings.size > 1);
  assert.ok(hidden.seen, 'a condition hides a choice somewhere');
});
