/* coursec rng: the seeded shuffles and draws of an attempt (same seed, same order: resume and
 * review show what the learner saw).
 * In:  the attempt's seed (cs-data limits.seed bounds it), an id (hashed into the seed), sizes.
 * Out: hash(str) (FNV-1a, 32 bit), rng(seed) (a mulberry32 generator of floats in [0, 1)),
 *      permutation(n, seed), isIdentity(order), sequenceStart(n, seed) (a sequencing quiz's first
 *      order: never the right one when it has more than one item), draw(assessment, seed, n)
 *      (the quiz indexes of attempt n), newSeed(random, fallback, max) (a seed in [0, max] from
 *      `random`, a function giving a uint32 or throwing, else from `fallback`, giving [0, 1)).
 * Pure: randomness only through the arguments.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).rng = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function hash(str) {
    var h = 2166136261;
    for (var i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function permutation(n, seed) {
    var out = [], r = rng(seed), i, j, x;
    for (i = 0; i < n; i++) out.push(i);
    for (i = n - 1; i > 0; i--) { j = Math.floor(r() * (i + 1)); x = out[i]; out[i] = out[j]; out[j] = x; }
    return out;
  }
  function isIdentity(order) {
    for (var i = 0; i < order.length; i++) if (order[i] !== i) return false;
    return true;
  }
  function sequenceStart(n, seed) {
    var order = permutation(n, seed);
    if (isIdentity(order) && order.length > 1) order.push(order.shift());
    return order;
  }
  function draw(a, seed, n) {
    var order = permutation(a.pool.length, (seed ^ hash(a.id)) + n);
    var picked = order.slice(0, a.draw);
    if (!a.shuffle) picked.sort(function (x, y) { return x - y; });
    return picked.map(function (k) { return a.pool[k]; });
  }
  function newSeed(random, fallback, max) {
    try { return random() % (max + 1); } catch (e) { return Math.floor(fallback() * max); }
  }
  return { hash: hash, rng: rng, permutation: permutation, isIdentity: isIdentity,
    sequenceStart: sequenceStart, draw: draw, newSeed: newSeed };
});
