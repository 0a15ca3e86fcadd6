/* coursec codec: the resume state (suspend_data), encoded and decoded. The format is today's,
 * documented key by key in coursec/check/limits.py:
 *   {"v":version,"h":hash,"r":seed,"c":page,"p":visitedHex,"q":[[tries,response,result]|null...],
 *    "a":{"n","d","s","b","l","p"} (when the course has an assessment),
 *    "s":[[node,[scores],flagsHex,[windowStart,choice...],steps,attempts,result]|null...]
 *    (when it has scenarios; result null or [endingNode, passed 0/1, [scores]])}
 * In:  the text stored by the LMS / LRS / localStorage and the page's cs-data (v, hash, pages,
 *      scenarios); or a decoded state.
 * Out: decode(text, data, pageCount) -> resume(...).state: the decoded state {v, h, r, c, p: [visited bool per
 *      page], q, a: {n, d, s, b, l, p}, s: [scenario entry (machine.js's form) | null]} or null
 *      when the text is not a state of this course's version (the learner starts again); a
 *      scenario entry that does not fit its scenario's graph decodes as null.
 *      resume(text, data, pageCount) -> {state: the decoded state or null, actions: what
 *      happened to it}: a state of the current layout is decoded as it is (actions []); one
 *      saved under an earlier release (its "k", else its "h", names one of data.releases, the
 *      compact layouts the build embeds when the course has releases/, the current one first)
 *      is migrated onto the current layout with migrate.js first (its actions: question-reset,
 *      assessment-reset, scenario-restarted, ...); anything else starts fresh: state null and
 *      actions [{do: 'fresh', why}] (no text at all is a first launch: actions []).
 *      encode(state, data, pageCount) -> the exact text (the inverse, byte for byte), with "k"
 *      (data.releases[0].k) after "h" when the course has releases; plain(...) -> the object it
 *      is JSON.stringify of (what JSON.parse of the text gives).
 *      hex(bools) / unhex(text, n): the hex bitset (char k holds items 4k..4k+3, bit j = 4k+j).
 * Pure. Nothing is reported: resume's actions say why (the player shows and reports them).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).codec = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var migrate = require('./migrate.js');
  function hex(bits) {
    var out = '';
    for (var i = 0; i < bits.length; i += 4) {
      var n = 0;
      for (var j = 0; j < 4; j++) if (bits[i + j]) n |= 1 << j;
      out += n.toString(16);
    }
    return out;
  }
  function unhex(text, count) {
    var out = [];
    for (var i = 0; i < count; i++) out.push(!!((parseInt(text.charAt(i >> 2), 16) || 0) & (1 << (i & 3))));
    return out;
  }

  /* ---- scenario entries -------------------------------------------------------------- */
  function isNode(sc, v) { return typeof v === 'number' && v >= 0 && v < sc.n.length && v % 1 === 0; }
  function isScores(sc, v) {
    return Array.isArray(v) && v.length === sc.comps.length &&
      v.every(function (s) { return typeof s === 'number' && s >= sc.lo && s <= sc.hi; });
  }
  function walk(sc, p) { // the node a kept path leads to, or -1 when it does not fit the graph
    if (!Array.isArray(p) || !isNode(sc, p[0])) return -1;
    var at = p[0];
    for (var i = 1; i < p.length; i++) {
      var c = sc.n[at].c[p[i]];
      if (!c) return -1;
      at = c.to;
    }
    return at;
  }
  function decodeEntry(sc, e) {
    if (!Array.isArray(e) || e.length !== 7) return null;
    var r = e[6];
    if (!isNode(sc, e[0]) || !isScores(sc, e[1]) || typeof e[2] !== 'string') return null;
    if (walk(sc, e[3]) !== e[0] || typeof e[4] !== 'number' || typeof e[5] !== 'number') return null;
    if (r !== null && !(Array.isArray(r) && r.length === 3 && isNode(sc, r[0]) && sc.n[r[0]].e &&
        isScores(sc, r[2]))) return null;
    return { node: e[0], scores: e[1].slice(), flags: unhex(e[2], sc.flags.length), path: e[3].slice(),
      steps: e[4], attempts: e[5], result: r === null ? null : { node: r[0], passed: !!r[1], scores: r[2] } };
  }
  function encodeEntry(x) {
    if (!x || (x.steps === 0 && x.attempts === 0)) return null;
    var r = x.result;
    return [x.node, x.scores, hex(x.flags), x.path, x.steps, x.attempts,
      r ? [r.node, r.passed ? 1 : 0, r.scores] : null];
  }

  /* ---- the whole state ---------------------------------------------------------------- */
  function count(data, pageCount) { return typeof pageCount === 'number' ? pageCount : data.pages.length; }
  function current(data) { return data.releases && data.releases.length ? data.releases[0] : null; }
  function read(o, data, n) { // the parsed text of a current state, decoded; null when damaged
    var list = data.scenarios || [];
    if (!Array.isArray(o.q) || typeof o.r !== 'number' || typeof o.c !== 'number' || typeof o.p !== 'string') return null;
    var a = o.a && typeof o.a === 'object' ? o.a : {}, s = Array.isArray(o.s) ? o.s : [];
    return {
      v: o.v, h: o.h, r: o.r, c: Math.max(0, Math.min(n - 1, o.c)), p: unhex(o.p, n), q: o.q,
      a: { n: a.n || 0, d: Array.isArray(a.d) ? a.d : [], s: a.s || 0,
           b: typeof a.b === 'number' ? a.b : -1, l: typeof a.l === 'number' ? a.l : -1, p: a.p ? 1 : 0 },
      s: list.map(function (sc, i) { return s[i] ? decodeEntry(sc, s[i]) : null; })
    };
  }
  function earlier(list, o) { // the embedded layout the state was saved under, or null
    for (var i = 1; i < list.length; i++) {
      if (typeof o.k === 'string' ? list[i].k === o.k : list[i].hash === o.h) return list[i];
    }
    return null;
  }
  function fresh(why) { return { state: null, actions: [{ do: 'fresh', why: why }] }; }
  function resume(text, data, pageCount) {
    if (!text) return { state: null, actions: [] };
    var o, n = count(data, pageCount), cur = current(data), actions = [];
    try { o = JSON.parse(text); } catch (e) { return fresh('damaged state'); }
    if (!o || typeof o !== 'object' || Array.isArray(o)) return fresh('damaged state');
    if (o.v !== data.v) return fresh('state of another state version');
    if (!(o.h === data.hash && (!cur || o.k === undefined || o.k === cur.k))) {
      var from = cur ? earlier(data.releases, o) : null;
      if (!from) return fresh('state of a release this package does not know');
      var m;
      try { m = migrate.migrate(from, cur, o); } catch (e) { return fresh('damaged state'); }
      if (!m.state) return m;
      o = m.state;
      actions = m.actions;
    }
    var st = read(o, data, n);
    return st ? { state: st, actions: actions } : fresh('damaged state');
  }
  function decode(text, data, pageCount) { return resume(text, data, pageCount).state; }
  function plain(st, data, pageCount) {
    var q = st.q.slice(), n = count(data, pageCount), i;
    while (q.length && !q[q.length - 1]) q.pop();
    for (i = 0; i < q.length; i++) if (!q[i]) q[i] = null;
    var visited = [];
    for (i = 0; i < n; i++) visited.push(!!st.p[i]);
    var o = { v: data.v, h: data.hash }, cur = current(data);
    if (cur) o.k = cur.k;
    o.r = st.r; o.c = st.c; o.p = hex(visited); o.q = q;
    if (data.assessment) o.a = { n: st.a.n, d: st.a.d, s: st.a.s, b: st.a.b, l: st.a.l, p: st.a.p };
    if (data.scenarios && data.scenarios.length) o.s = data.scenarios.map(function (sc, k) { return encodeEntry(st.s[k]); });
    return o;
  }
  function encode(st, data, pageCount) { return JSON.stringify(plain(st, data, pageCount)); }
  return { decode: decode, resume: resume, encode: encode, plain: plain, hex: hex, unhex: unhex, decodeEntry: decodeEntry,
    encodeEntry: encodeEntry };
});
