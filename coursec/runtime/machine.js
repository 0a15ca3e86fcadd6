/* coursec machine: the branching-scenario state machine, by the rules of
 * coursec/check/scenario_states.py: scores start at 0 clamped to [lo, hi]; a choice is offered
 * only when its condition holds; taking it adds its deltas, clamps every score to [lo, hi], sets
 * then unsets its flags and moves to its target. An ending passes when its outcome is 'pass' and
 * the scenario's pass rule holds there. The attempt that counts is the best one (passed first,
 * then the higher total), or the last one with ':retry: last'.
 * In:  a scenario as cs-data ships it (start, lo, hi, comps, flags, pass, retry, graded, n: nodes
 *      with e (outcome) and c: choices {id, to, d, s, u, w, t}); an entry (decoded, as codec.js
 *      gives it): {node, scores, flags: [bool], path: [window start node, choice...], steps,
 *      attempts, result: null | {node, passed, scores}}; limits {path, steps, tries} (cs-data).
 * Out: fresh, offered, offeredChoices, passes, choose (a new entry, never the one given),
 *      objective, graded, pathIds, isEnding.
 * Pure. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).machine = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var expr = require('./expr.js');

  function clamp(sc, v) { return Math.min(sc.hi, Math.max(sc.lo, v)); }
  function fresh(sc, keep) {
    var x = { node: sc.start, scores: [], flags: [], path: [sc.start], steps: 0, attempts: 0, result: null };
    sc.comps.forEach(function () { x.scores.push(clamp(sc, 0)); });
    sc.flags.forEach(function () { x.flags.push(false); });
    if (keep) { x.attempts = keep.attempts; x.result = keep.result; }
    return x;
  }
  function env(sc, x) { return { comps: sc.comps, flags: sc.flags, scores: x.scores, on: x.flags }; }
  function test(sc, e, x) { return expr.evaluate(e, env(sc, x)); }
  function offered(sc, x, c) { return !c.w || test(sc, c.w, x); }
  function offeredChoices(sc, x) {
    var out = [];
    sc.n[x.node].c.forEach(function (c, k) { if (offered(sc, x, c)) out.push(k); });
    return out;
  }
  function isEnding(sc, node) { return !!sc.n[node].e; }
  function passes(sc, x) { return sc.n[x.node].e === 'pass' && (!sc.pass || test(sc, sc.pass, x)); }
  function better(a, b) {
    return (a.passed && !b.passed) || (a.passed === b.passed && expr.sum(a.scores) > expr.sum(b.scores));
  }
  function copy(x) {
    return { node: x.node, scores: x.scores.slice(), flags: x.flags.slice(), path: x.path.slice(),
      steps: x.steps, attempts: x.attempts, result: x.result };
  }
  /* the entry after choice k of the current node, or null when it is not offered */
  function choose(sc, x, k, limits) {
    var c = sc.n[x.node].c[k];
    if (!c || !offered(sc, x, c)) return null;
    var y = copy(x);
    for (var j = 0; j < y.scores.length; j++) y.scores[j] = clamp(sc, y.scores[j] + (c.d[j] || 0));
    c.s.forEach(function (f) { y.flags[f] = true; });
    c.u.forEach(function (f) { y.flags[f] = false; });
    y.path.push(k);
    if (y.path.length - 1 > limits.path) { y.path[0] = sc.n[y.path[0]].c[y.path[1]].to; y.path.splice(1, 1); }
    y.steps = Math.min(y.steps + 1, limits.steps);
    y.node = c.to;
    if (isEnding(sc, y.node)) {
      var res = { node: y.node, passed: passes(sc, y), scores: y.scores.slice() };
      y.attempts = Math.min(y.attempts + 1, limits.tries);
      if (!y.result || sc.retry === 'last' || better(res, y.result)) y.result = res;
    }
    return y;
  }
  /* the scenario's objective: completed once an ending was reached; passed/failed/null */
  function objective(sc, x) {
    var r = x.result, success = null;
    if (r) success = r.passed ? 'passed' : sc.n[r.node].e === 'neutral' && !sc.graded ? null : 'failed';
    return { completed: x.attempts > 0, success: success };
  }
  /* {count, done, passed, failed} over the graded scenarios whose page onPage accepts */
  function graded(list, entries, onPage) {
    var g = { count: 0, done: 0, passed: 0, failed: 0 };
    list.forEach(function (sc, i) {
      if (!sc.graded || (onPage && !onPage(sc.page))) return;
      g.count++;
      var r = entries[i] && entries[i].result;
      if (!r) return;
      g.done++;
      if (r.passed) g.passed++; else g.failed++;
    });
    return g;
  }
  /* the node ids a kept path goes through (the xAPI 'path' extension) */
  function pathIds(sc, kept) {
    if (!kept || !kept.length) return [];
    var node = kept[0], ids = [sc.n[node].id];
    for (var j = 1; j < kept.length; j++) {
      var c = sc.n[node] && sc.n[node].c[kept[j]];
      if (!c) break;
      node = c.to; ids.push(sc.n[node].id);
    }
    return ids;
  }
  return { fresh: fresh, offered: offered, offeredChoices: offeredChoices, passes: passes,
    choose: choose, objective: objective, graded: graded, pathIds: pathIds, isEnding: isEnding,
    better: better };
});
