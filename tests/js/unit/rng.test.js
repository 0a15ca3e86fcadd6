'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rng = require('./contract.js').runtime('rng');

test('hash is FNV-1a 32 bit', () => {
  assert.equal(rng.hash(''), 2166136261);
  assert.equal(rng.hash('a'), 0xe40c292c);
  assert.equal(rng.hash('foobar'), 0xbf9cf968);
});
test('rng is deterministic per seed and in [0, 1)', () => {
  const a = rng.rng(42), b = rng.rng(42), c = rng.rng(43);
  const xs = [a(), a(), a()];
  assert.deepEqual(xs, [b(), b(), b()]);
  assert.notDeepEqual(xs, [c(), c(), c()]);
  const r = rng.rng(-7); // negative seeds (seed ^ hash) are taken as uint32
  for (let i = 0; i < 1000; i++) { const x = r(); assert.ok(x >= 0 && x < 1); }
  assert.equal(rng.rng(-1)(), rng.rng(4294967295)());
});
test('permutation: every index once, same seed same order', () => {
  for (let seed = 0; seed < 50; seed++) {
    const p = rng.permutation(7, seed);
    assert.deepEqual([...p].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(p, rng.permutation(7, seed));
  }
  assert.deepEqual(rng.permutation(0, 1), []);
  assert.deepEqual(rng.permutation(1, 1), [0]);
  const orders = new Set(Array.from({ length: 40 }, (_, s) => rng.permutation(4, s).join()));
  assert.ok(orders.size > 5, 'seeds give different orders');
});
test('isIdentity', () => {
  assert.ok(rng.isIdentity([0, 1, 2]));
  assert.ok(rng.isIdentity([]));
  assert.ok(!rng.isIdentity([1, 0]));
});
test('sequenceStart is never the right order (more than one item)', () => {
  for (let seed = 0; seed < 300; seed++) {
    const o = rng.sequenceStart(3, seed);
    assert.ok(!rng.isIdentity(o), 'seed ' + seed);
    assert.deepEqual([...o].sort(), [0, 1, 2]);
  }
  assert.deepEqual(rng.sequenceStart(1, 5), [0]);
});
test('draw: attempt n of a pool, sorted unless shuffled', () => {
  const a = { id: 'final', pool: [10, 11, 12, 13, 14], draw: 3, shuffle: false };
  for (let n = 1; n < 20; n++) {
    const d = rng.draw(a, 12345, n);
    assert.equal(d.length, 3);
    assert.deepEqual(d, [...d].sort((x, y) => x - y));
    d.forEach((qi) => assert.ok(a.pool.includes(qi)));
    assert.deepEqual(d, rng.draw(a, 12345, n));
  }
  const s = { ...a, shuffle: true };
  const order = rng.permutation(5, (12345 ^ rng.hash('final')) + 2).slice(0, 3).map((k) => s.pool[k]);
  assert.deepEqual(rng.draw(s, 12345, 2), order);
});
test('newSeed: from the random source, else the fallback', () => {
  assert.equal(rng.newSeed(() => 10, () => 0.5, 3), 2);
  assert.equal(rng.newSeed(() => { throw new Error('no crypto'); }, () => 0.5, 100), 50);
});
