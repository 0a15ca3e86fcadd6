/* coursec scenarios: the branching-scenario state machine, loaded before player.js.
 * Defines window.coursecScenarios(P), called once by player.js with
 *   P = {data, fmt, state() -> the player's state, sync(), review() -> bool, transport}.
 * The rules are those of coursec/check/scenario_states.py, exactly: scores start at 0 clamped to
 * [lo, hi]; a choice is offered only when its condition holds; taking it adds its deltas, clamps
 * every score to [lo, hi], sets then unsets its flags and moves to its target. An ending passes
 * when its outcome is 'pass' and the scenario's pass rule holds there.
 * Resume state, one entry per scenario in player state "s" (see coursec/check/limits.py):
 *   null (never played) or [node, [scores], flagsHex, [windowStartNode, choice...], steps,
 *   attempts, result], result = null or [endingNode, passed 0/1, [scores]] (the attempt that
 *   counts: the best one, or the last one with ':retry: last').
 * Each decision is recorded through the transport as an interaction of kind 'decision'
 * (id '<scenario>--<node>', response = the choice's index in its node), and each scenario
 * reports one objective (id = the scenario id).
 */
(function () {
  'use strict';
  window.coursecScenarios = function (P) {
    var D = P.data, S = D.strings || {}, L = D.limits, doc = document;
    var list = D.scenarios || [];
    var secs = [], mem = [], shownAt = [];

    function $(sel, el) { return (el || doc).querySelector(sel); }
    function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
    function sum(a) { var t = 0; for (var i = 0; i < a.length; i++) t += a[i]; return t; }
    function clamp(sc, v) { return Math.min(sc.hi, Math.max(sc.lo, v)); }
    function zero(sc) { return clamp(sc, 0); }

    /* ---- the expression language (coursec/parse/expr.py, Expr.to_json) ------------------- */
    var OPS = {
      '>=': function (a, b) { return a >= b; }, '<=': function (a, b) { return a <= b; },
      '>': function (a, b) { return a > b; }, '<': function (a, b) { return a < b; },
      '==': function (a, b) { return a === b; }, '!=': function (a, b) { return a !== b; }
    };
    function test(sc, e, x) {
      var i;
      switch (e[0]) {
        case 'cmp':
          i = sc.comps.indexOf(e[1]);
          return OPS[e[2]](e[1] === 'total' ? sum(x.sc) : i >= 0 ? x.sc[i] : 0, e[3]);
        case 'flag': i = sc.flags.indexOf(e[1]); return i >= 0 && !!x.f[i];
        case 'not': return !test(sc, e[1], x);
        case 'and': for (i = 1; i < e.length; i++) if (!test(sc, e[i], x)) return false; return true;
        case 'or': for (i = 1; i < e.length; i++) if (test(sc, e[i], x)) return true; return false;
      }
      return false;
    }
    function offered(sc, x, c) { return !c.w || test(sc, c.w, x); }
    function passes(sc, x) {
      return sc.n[x.n].e === 'pass' && (!sc.pass || test(sc, sc.pass, x));
    }

    /* ---- state ----------------------------------------------------------------------- */
    function fresh(sc, keep) {
      var x = { n: sc.start, sc: [], f: [], p: [sc.start], k: 0, a: 0, r: null };
      sc.comps.forEach(function () { x.sc.push(zero(sc)); });
      sc.flags.forEach(function () { x.f.push(false); });
      if (keep) { x.a = keep.a; x.r = keep.r; }
      return x;
    }
    function hex(flags) {
      var out = '';
      for (var i = 0; i < flags.length; i += 4) {
        var n = 0;
        for (var j = 0; j < 4; j++) if (flags[i + j]) n |= 1 << j;
        out += n.toString(16);
      }
      return out;
    }
    function unhex(sc, s) {
      return sc.flags.map(function (_, i) {
        return !!((parseInt(s.charAt(i >> 2), 16) || 0) & (1 << (i & 3)));
      });
    }
    function isNode(sc, v) { return typeof v === 'number' && v >= 0 && v < sc.n.length && v % 1 === 0; }
    function scores(sc, v) {
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
    function decode(sc, e) { // a stored entry, or null when it does not fit this scenario
      if (!Array.isArray(e) || e.length !== 7) return null;
      var r = e[6];
      if (!isNode(sc, e[0]) || !scores(sc, e[1]) || typeof e[2] !== 'string') return null;
      if (walk(sc, e[3]) !== e[0] || typeof e[4] !== 'number' || typeof e[5] !== 'number') return null;
      if (r !== null && !(Array.isArray(r) && r.length === 3 && isNode(sc, r[0]) && sc.n[r[0]].e &&
          scores(sc, r[2]))) return null;
      return { n: e[0], sc: e[1].slice(), f: unhex(sc, e[2]), p: e[3].slice(), k: e[4], a: e[5], r: r };
    }
    function encode(x) {
      if (!x || (x.k === 0 && x.a === 0)) return null;
      return [x.n, x.sc, hex(x.f), x.p, x.k, x.a, x.r];
    }

    /* ---- display ---------------------------------------------------------------------- */
    function nodeEl(i, n) { return $('[data-cs-node-index="' + n + '"]', secs[i]); }
    function show(i, focus) {
      var sc = list[i], x = mem[i], sec = secs[i], review = P.review();
      if (!sec) return;
      $$('[data-cs-node-index]', sec).forEach(function (el) {
        el.hidden = el.getAttribute('data-cs-node-index') !== String(x.n);
      });
      var el = nodeEl(i, x.n), node = sc.n[x.n], h = $('[data-cs-sc-heading]', el);
      shownAt[i] = Date.now();
      if (node.e) debrief(i, el);
      else {
        h.textContent = P.fmt('sc_step', { n: Math.min(x.k, L.steps - 1) + 1 });
        $$('[data-cs-sc-choice]', el).forEach(function (b) {
          var c = node.c[+b.getAttribute('data-cs-sc-choice')];
          b.parentNode.hidden = !offered(sc, x, c);
          b.disabled = review;
        });
      }
      if (focus && h) h.focus();
    }
    function para(text, cls) {
      var p = doc.createElement('p');
      p.textContent = text;
      if (cls) p.className = cls;
      return p;
    }
    function debrief(i, el) {
      var sc = list[i], x = mem[i], node = sc.n[x.n], box = $('[data-cs-sc-debrief]', el);
      box.textContent = '';
      if (node.e !== 'neutral') {
        var ok = passes(sc, x);
        box.appendChild(para(ok ? S.sc_passed : S.sc_failed, 'cs-verdict'));
        box.setAttribute('data-cs-passed', ok ? 'true' : 'false');
      }
      if (node.sc && sc.comps.length) {
        box.appendChild(para(S.sc_scores, 'cs-sc-label'));
        var dl = doc.createElement('ul');
        dl.className = 'cs-sc-scores';
        sc.comps.forEach(function (name, k) {
          var li = doc.createElement('li');
          li.textContent = name + ': ' + x.sc[k];
          li.setAttribute('data-cs-sc-score', name);
          dl.appendChild(li);
        });
        box.appendChild(dl);
      }
      if (node.pa) {
        box.appendChild(para(S.sc_path, 'cs-sc-label'));
        var earlier = x.k - (x.p.length - 1);
        if (earlier > 0) box.appendChild(para(P.fmt('sc_earlier', { n: earlier })));
        var ol = doc.createElement('ol'), at = x.p[0];
        ol.className = 'cs-sc-path';
        for (var k = 1; k < x.p.length; k++) {
          var c = sc.n[at].c[x.p[k]], li = doc.createElement('li');
          li.textContent = c.t;
          ol.appendChild(li);
          at = c.to;
        }
        box.appendChild(ol);
      }
      if (sc.graded) box.appendChild(para(sc.retry === 'last' ? S.sc_counts_last : S.sc_counts_best));
      var replay = $('[data-cs-sc-replay]', el);
      if (replay) { replay.hidden = P.review(); replay.disabled = P.review(); }
    }
    function announce(i, n, k) {
      var live = $('[data-cs-sc-feedback]', secs[i]), src = $('[data-cs-sc-fb="' + k + '"]', nodeEl(i, n));
      live.innerHTML = src ? src.innerHTML : '';
    }

    /* ---- moves ------------------------------------------------------------------------ */
    function better(a, b) { return a[1] > b[1] || (a[1] === b[1] && sum(a[2]) > sum(b[2])); }
    function choose(i, k) {
      var sc = list[i], x = mem[i], node = sc.n[x.n], c = node.c[k];
      if (P.review() || !c || !offered(sc, x, c)) return;
      var from = x.n;
      for (var j = 0; j < x.sc.length; j++) x.sc[j] = clamp(sc, x.sc[j] + (c.d[j] || 0));
      c.s.forEach(function (f) { x.f[f] = true; });
      c.u.forEach(function (f) { x.f[f] = false; });
      x.p.push(k);
      if (x.p.length - 1 > L.path) { x.p[0] = sc.n[x.p[0]].c[x.p[1]].to; x.p.splice(1, 1); }
      x.k = Math.min(x.k + 1, L.steps);
      x.n = c.to;
      P.transport.recordInteraction({
        q: { id: sc.id + '--' + node.id, kind: 'decision', choices: node.c.map(function (o) { return o.id; }),
             text: node.text, points: 0 },
        response: k, result: 'neutral', number: null,
        latency: Date.now() - (shownAt[i] || Date.now()), time: new Date()
      });
      if (sc.n[x.n].e) {
        var res = [x.n, passes(sc, x) ? 1 : 0, x.sc.slice()];
        x.a = Math.min(x.a + 1, L.tries);
        if (!x.r || sc.retry === 'last' || better(res, x.r)) x.r = res;
      }
      announce(i, from, k);
      show(i, true);
      P.sync();
    }
    function replay(i) {
      if (P.review()) return;
      mem[i] = fresh(list[i], mem[i]);
      announce(i, -1, -1);
      show(i, true);
      P.sync();
    }

    /* ---- what the player asks ---------------------------------------------------------- */
    function status(i) { // the scenario's objective
      var sc = list[i], r = mem[i].r, success = null;
      if (r) success = r[1] ? 'passed' : sc.n[r[0]].e === 'neutral' && !sc.graded ? null : 'failed';
      return { completed: mem[i].a > 0, success: success };
    }

    return {
      pageShown: function (page, now) { // a node is shown when its page is: latency counts from then
        list.forEach(function (sc, i) { if (sc.page === page) shownAt[i] = now; });
      },
      init: function () {
        var saved = P.state().s || [];
        list.forEach(function (sc, i) {
          secs[i] = $('[data-cs-scenario="' + sc.id + '"]');
          mem[i] = (saved[i] && decode(sc, saved[i])) || fresh(sc);
          if (!secs[i]) return;
          $$('[data-cs-sc-item]', secs[i]).forEach(function (li) {
            var a = $('a.cs-sc-link', li), b = doc.createElement('button');
            b.type = 'button';
            b.className = 'cs-button cs-sc-choice';
            b.setAttribute('data-cs-sc-choice', li.getAttribute('data-cs-sc-item'));
            b.innerHTML = a ? a.innerHTML : li.innerHTML;
            li.textContent = '';
            li.appendChild(b);
          });
          secs[i].addEventListener('click', function (ev) {
            var t = ev.target.closest ? ev.target.closest('button') : null;
            if (!t || !secs[i].contains(t)) return;
            if (t.hasAttribute('data-cs-sc-choice')) choose(i, +t.getAttribute('data-cs-sc-choice'));
            else if (t.hasAttribute('data-cs-sc-replay')) replay(i);
          });
          show(i, false);
        });
      },
      serialize: function () { return list.map(function (sc, i) { return encode(mem[i]); }); },
      graded: function (onPage) { // {count, done, passed, failed} over the graded scenarios (on pages onPage(i) accepts)
        var g = { count: 0, done: 0, passed: 0, failed: 0 };
        list.forEach(function (sc, i) {
          if (!sc.graded || (onPage && !onPage(sc.page))) return;
          g.count++;
          if (!mem[i].r) return;
          g.done++;
          if (mem[i].r[1]) g.passed++; else g.failed++;
        });
        return g;
      },
      objectives: function (visited) {
        list.forEach(function (sc, i) { if (visited[sc.page]) P.transport.setObjective(sc.id, status(i)); });
      }
    };
  };
})();
