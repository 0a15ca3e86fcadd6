/* migrate.js: a resume state saved under an earlier release, mapped onto the current layout.
 * In:  migrate(oldLayout, newLayout, state): the layouts as `coursec release` records them
 *      (releases/<version>.json) and a decoded state (keys as in coursec/check/limits.py).
 * Out: { state: the migrated state (h = the new layout's hash) or null (start fresh),
 *        actions: [{do: 'page-dropped' | 'bookmark-moved' | 'question-dropped' |
 *        'question-reset' | 'assessment-reset' | 'scenario-dropped' | 'scenario-restarted' |
 *        'fresh', ...}] } in that order. Pure: no DOM, no clock, no randomness. The rules are
 *      coursec/release/impact.py's (the same function; tests/release/ checks they agree) and
 *      docs/releases.md's. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).migrate = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var FRESH_A = { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 };
  var A_KEYS = ['n', 'd', 's', 'b', 'l', 'p'];

  function isInt(v) { return typeof v === 'number' && isFinite(v) && v % 1 === 0; }
  function positive(v) { return typeof v === 'number' && v > 0; }
  function isObj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function bits(hex, count) {
    var text = typeof hex === 'string' ? hex : '', out = [];
    for (var i = 0; i < count; i++) {
      var ch = (i >> 2) < text.length ? text.charAt(i >> 2) : '0';
      var n = /^[0-9a-fA-F]$/.test(ch) ? parseInt(ch, 16) : 0;
      out.push(!!(n & (1 << (i & 3))));
    }
    return out;
  }
  function hex(flags) {
    var out = '';
    for (var i = 0; i < flags.length; i += 4) {
      var n = 0;
      for (var j = 0; j < 4; j++) if (i + j < flags.length && flags[i + j]) n |= 1 << j;
      out += n.toString(16);
    }
    return out;
  }
  function nearest(pages, at, survives) {
    for (var d = 1; d < pages.length; d++) {
      var both = [at + d, at - d];
      for (var k = 0; k < 2; k++) {
        var i = both[k];
        if (i >= 0 && i < pages.length && has(survives, pages[i])) return pages[i];
      }
    }
    return null;
  }
  function set(list) { var o = {}; list.forEach(function (x) { o[x] = true; }); return o; }
  function byId(list) { var o = {}; list.forEach(function (x, i) { o[x.id] = { i: i, x: x }; }); return o; }

  function quizChange(q0, q1) { // why a saved answer to q0 cannot stand for q1, or null
    if (q0.kind !== q1.kind) return 'kind changed';
    if (q0.inA !== q1.inA) return q1.inA ? 'moved into the assessment' : 'moved out of the assessment';
    if (q0.key !== q1.key || !same(q0.choices, q1.choices) || !same(q0.pairs, q1.pairs)) {
      return 'answer key changed';
    }
    return null;
  }
  function poolChange(oldL, newL) { // why the assessment's attempts and scores cannot stand
    var a0 = oldL.assessment, a1 = newL.assessment, i;
    if (!a0) return null;
    if (!a1) return 'assessment removed';
    if (a0.id !== a1.id) return "assessment id changed to '" + a1.id + "'";
    if (a0.draw !== a1.draw) return 'draw changed from ' + a0.draw + ' to ' + a1.draw;
    var k0 = {}, k1 = {};
    oldL.quizzes.forEach(function (q) { k0[q.id] = q.key; });
    newL.quizzes.forEach(function (q) { k1[q.id] = q.key; });
    for (i = 0; i < a0.pool.length; i++) {
      var id = a0.pool[i];
      if (a1.pool.indexOf(id) < 0) return "question '" + id + "' left the pool";
      if (k0[id] !== k1[id]) return "answer key of '" + id + "' changed";
    }
    return null;
  }
  function clamp(v, r) { return Math.max(r[0], Math.min(r[1], v)); }

  function restart(s0, s1, e) { // the restarted entry of a changed scenario
    var attempts = e.length === 7 ? e[5] : 0, result = e.length === 7 ? e[6] : null;
    var kept = null, what = 'none';
    if (Array.isArray(result) && result.length === 3) {
      var ids = s0.nodes.concat(s0.endings), idx = result[0];
      var ending = isInt(idx) && idx >= 0 && idx < ids.length ? ids[idx] : null;
      if (ending !== null && s1.endings.indexOf(ending) >= 0 && same(s0.comps, s1.comps)) {
        kept = [s1.nodes.length + s1.endings.indexOf(ending), result[1], result[2]];
        what = 'kept';
      } else what = 'dropped';
    }
    if (!positive(attempts)) return { e: null, what: what };
    var start = s1.nodes.indexOf(s1.start);
    if (start < 0) start = 0;
    var zeros = s1.comps.map(function () { return clamp(0, s1.range); });
    var noFlags = s1.flags.map(function () { return false; });
    return { e: [start, zeros, hex(noFlags), [start], 0, attempts, kept], what: what };
  }

  function scenarios(oldL, newL, state, out, actions) {
    var saved = Array.isArray(state.s) ? state.s : [];
    var s0 = byId(oldL.scenarios), ids1 = set(newL.scenarios.map(function (s) { return s.id; }));
    oldL.scenarios.forEach(function (s, i) {
      if (!has(ids1, s.id) && i < saved.length && Array.isArray(saved[i])) {
        actions.push({ do: 'scenario-dropped', scenario: s.id });
      }
    });
    if (!newL.scenarios.length) return;
    out.s = newL.scenarios.map(function (s) {
      var found = has(s0, s.id) ? s0[s.id] : null;
      var e = found && found.i < saved.length ? saved[found.i] : null;
      if (!Array.isArray(e)) e = null;
      if (e !== null && found.x.graph !== s.graph) {
        var r = restart(found.x, s, e);
        actions.push({ do: 'scenario-restarted', scenario: s.id, result: r.what });
        e = r.e;
      }
      return e;
    });
  }

  function migrate(oldL, newL, state) {
    if (!isObj(state) || state.h !== oldL.hash) {
      return { state: null, actions: [{ do: 'fresh', why: 'state of another release' }] };
    }
    if (!Array.isArray(state.q) || !isInt(state.c)) {
      return { state: null, actions: [{ do: 'fresh', why: 'damaged state' }] };
    }
    var actions = [], pages0 = oldL.pages, pages1 = newL.pages, survives = set(pages1);
    var seen = bits(state.p, pages0.length), visited = {};
    pages0.forEach(function (key, i) { visited[key] = seen[i]; });
    pages0.forEach(function (key) {
      if (!has(survives, key) && visited[key]) actions.push({ do: 'page-dropped', page: key });
    });
    var c = Math.max(0, Math.min(pages0.length - 1, state.c));
    var at = pages0.length ? pages0[c] : null;
    var atSurvives = at !== null && has(survives, at);
    var to = atSurvives ? at : nearest(pages0, c, survives);
    if (to === null && pages1.length) to = pages1[0];
    if (!atSurvives) actions.push({ do: 'bookmark-moved', from: at, to: to });

    var q0 = byId(oldL.quizzes), ids1 = set(newL.quizzes.map(function (q) { return q.id; }));
    var saved = state.q;
    function entry(i) { return i < saved.length && Array.isArray(saved[i]) ? saved[i] : null; }
    oldL.quizzes.forEach(function (q, i) {
      if (!has(ids1, q.id) && entry(i) !== null) actions.push({ do: 'question-dropped', question: q.id });
    });
    var poolWhy = poolChange(oldL, newL);
    var aSaved = isObj(state.a) ? state.a : null;
    var aReset = poolWhy !== null && aSaved !== null && positive(aSaved.n);
    var entries = newL.quizzes.map(function (q) {
      var found = has(q0, q.id) ? q0[q.id] : null, e = found ? entry(found.i) : null;
      if (e !== null && q.inA && found.x.inA && aReset) {
        e = null;
      } else if (e !== null) {
        var why = quizChange(found.x, q);
        if (why !== null) {
          actions.push({ do: 'question-reset', question: q.id, why: why });
          e = null;
        }
      }
      return e;
    });
    while (entries.length && entries[entries.length - 1] === null) entries.pop();
    var out = {
      v: has(state, 'v') ? state.v : null, h: newL.hash, r: has(state, 'r') ? state.r : null,
      c: to !== null && has(survives, to) ? pages1.indexOf(to) : 0,
      p: hex(pages1.map(function (key) { return has(visited, key) ? visited[key] : false; })),
      q: entries
    };
    if (newL.assessment) {
      var a = aSaved === null ? copy(FRESH_A) : copy(aSaved);
      if (aReset) {
        actions.push({ do: 'assessment-reset', assessment: oldL.assessment.id, why: poolWhy });
        a = copy(FRESH_A);
      } else if (poolWhy !== null) {
        a = copy(FRESH_A);
      } else {
        var index1 = {}, ids0 = oldL.quizzes.map(function (q) { return q.id; });
        newL.quizzes.forEach(function (q, j) { index1[q.id] = j; });
        var drawn = Array.isArray(a.d) ? a.d : [];
        a.d = drawn.filter(function (i) {
          return isInt(i) && i >= 0 && i < ids0.length && has(index1, ids0[i]);
        }).map(function (i) { return index1[ids0[i]]; });
      }
      out.a = {};
      A_KEYS.forEach(function (k) { out.a[k] = has(a, k) ? a[k] : copy(FRESH_A)[k]; });
    } else if (aReset) {
      actions.push({ do: 'assessment-reset', assessment: oldL.assessment.id, why: poolWhy });
    }
    scenarios(oldL, newL, state, out, actions);
    return { state: out, actions: actions };
  }
  function copy(o) { var r = {}; for (var k in o) if (has(o, k)) r[k] = Array.isArray(o[k]) ? o[k].slice() : o[k]; return r; }

  return { migrate: migrate, quizChange: quizChange, poolChange: poolChange };
});
