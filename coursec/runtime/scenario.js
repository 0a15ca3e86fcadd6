/* coursec scenarios: the branching scenarios in the page (the rules are machine.js's).
 * Defines window.coursecScenarios(P), called once by player.js with
 *   P = {data, fmt, entries() -> the decoded scenario entries of the state (codec.js), sync(),
 *        review() -> bool, transport}.
 * Each decision is recorded through the transport as an interaction of kind 'decision'
 * (id '<scenario>--<node>', response = the choice's index in its node; it, rid and skip of the
 * node as cs-data ships them, no correct pattern) with the decoded step
 * {scenario: index, node: index it was taken at, scores: after it}; each scenario reports one
 * objective (id = the scenario id) with, once an ending was reached, the attempt that counts:
 * ending {scenario, attempts, node, passed, scores, path: [node ids of the kept path]}.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).scenario = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var machine = require('./machine.js');

  function create(doc, P) {
    var D = P.data, S = D.strings || {}, L = D.limits;
    var list = D.scenarios || [];
    var secs = [], mem = [], shownAt = [];
    function $(sel, el) { return (el || doc).querySelector(sel); }
    function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }

    /* ---- display ---------------------------------------------------------------------- */
    function nodeEl(i, n) { return $('[data-cs-node-index="' + n + '"]', secs[i]); }
    function show(i, focus) {
      var sc = list[i], x = mem[i], sec = secs[i], review = P.review();
      if (!sec) return;
      $$('[data-cs-node-index]', sec).forEach(function (el) {
        el.hidden = el.getAttribute('data-cs-node-index') !== String(x.node);
      });
      var el = nodeEl(i, x.node), node = sc.n[x.node], h = $('[data-cs-sc-heading]', el);
      shownAt[i] = Date.now();
      if (node.e) debrief(i, el);
      else {
        h.textContent = P.fmt('sc_step', { n: Math.min(x.steps, L.steps - 1) + 1 });
        $$('[data-cs-sc-choice]', el).forEach(function (b) {
          var c = node.c[+b.getAttribute('data-cs-sc-choice')];
          b.parentNode.hidden = !machine.offered(sc, x, c);
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
      var sc = list[i], x = mem[i], node = sc.n[x.node], box = $('[data-cs-sc-debrief]', el);
      box.textContent = '';
      if (node.e !== 'neutral' && sc.graded) { // a practice scenario never says pass or fail
        var ok = machine.passes(sc, x);
        box.appendChild(para(ok ? S.sc_passed : S.sc_failed, 'cs-verdict'));
        box.setAttribute('data-cs-passed', ok ? 'true' : 'false');
      }
      if (node.sc && sc.comps.length) box.appendChild(scores(sc, x));
      if (node.sc && sc.comps.length && sc.graded && !sc.need) box.appendChild(para(S.sc_rule_combined));
      if (node.pa) {
        box.appendChild(para(S.sc_path, 'cs-sc-label'));
        var earlier = x.steps - (x.path.length - 1);
        if (earlier > 0) box.appendChild(para(P.fmt('sc_earlier', { n: earlier })));
        var ol = doc.createElement('ol'), at = x.path[0];
        ol.className = 'cs-sc-path';
        for (var k = 1; k < x.path.length; k++) {
          var c = sc.n[at].c[x.path[k]], li = doc.createElement('li');
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
    /* the scores table: display name, the learner's score, the bound the pass rule needs
     * (cs-data need / ntot, from the rule in Python); numbers isolated left-to-right (RTL) */
    function add(parent, tag) { return parent.appendChild(doc.createElement(tag)); }
    function cell(row, tag, text, num, scope) {
      var c = add(row, tag);
      if (scope) c.setAttribute('scope', scope);
      if (num) { var b = c.appendChild(doc.createElement('bdi')); b.setAttribute('dir', 'ltr'); b.textContent = text; }
      else c.textContent = text;
      return c;
    }
    function bound(b) { return b ? P.fmt('sc_need_' + b[0], { n: '\u2066' + b[1] + '\u2069' }) : ''; }
    function scores(sc, x) {
      var t = doc.createElement('table');
      add(t, 'caption').textContent = S.sc_scores;
      var head = add(add(t, 'thead'), 'tr');
      var body = add(t, 'tbody'), need = sc.need || [];
      var shown = !!sc.ntot || need.some(function (b) { return !!b; });
      t.className = 'cs-sc-scores';
      cell(head, 'th', S.sc_col_competency, false, 'col');
      cell(head, 'th', S.sc_col_score, false, 'col');
      if (shown) cell(head, 'th', sc.graded ? S.sc_col_needed : S.sc_col_target, false, 'col');
      function row(id, name, score, b) {
        var tr = add(body, 'tr');
        tr.setAttribute('data-cs-sc-score', id);
        cell(tr, 'th', name, false, 'row');
        cell(tr, 'td', String(score), true);
        if (shown) cell(tr, 'td', bound(b));
      }
      sc.comps.forEach(function (id, k) { row(id, (sc.names || sc.comps)[k], x.scores[k], need[k]); });
      if (sc.ntot) row('total', S.sc_total, x.scores.reduce(function (a, v) { return a + v; }, 0), sc.ntot);
      return t;
    }
    function announce(i, n, k) {
      var live = $('[data-cs-sc-feedback]', secs[i]), src = $('[data-cs-sc-fb="' + k + '"]', nodeEl(i, n));
      live.innerHTML = src ? src.innerHTML : '';
    }

    /* ---- moves ------------------------------------------------------------------------ */
    function choose(i, k) {
      var sc = list[i], x = mem[i], node = sc.n[x.node];
      if (P.review()) return;
      var y = machine.choose(sc, x, k, L);
      if (!y) return;
      mem[i] = y;
      P.transport.recordInteraction({
        q: { id: sc.id + '--' + node.id, kind: 'decision', it: node.it,
             rid: node.rid, skip: node.skip, rp: [], points: 0, text: node.text },
        response: k, result: 'neutral', number: null,
        latency: Date.now() - (shownAt[i] || Date.now()), time: new Date(),
        scenario: i, node: x.node, scores: y.scores.slice()
      });
      announce(i, x.node, k);
      show(i, true);
      P.sync();
    }
    function replay(i) {
      if (P.review()) return;
      mem[i] = machine.fresh(list[i], mem[i]);
      announce(i, -1, -1);
      show(i, true);
      P.sync();
    }
    function objective(i) {
      var sc = list[i], x = mem[i], o = machine.objective(sc, x), r = x.result;
      if (r) {
        o.ending = { scenario: i, attempts: x.attempts, node: r.node, passed: r.passed, scores: r.scores.slice(),
          path: machine.pathIds(sc, x.path) };
      }
      return o;
    }

    return {
      pageShown: function (page, now) { // a node is shown when its page is: latency counts from then
        list.forEach(function (sc, i) { if (sc.page === page) shownAt[i] = now; });
      },
      init: function () {
        var saved = P.entries() || [];
        list.forEach(function (sc, i) {
          secs[i] = $('[data-cs-scenario="' + sc.id + '"]');
          mem[i] = saved[i] || machine.fresh(sc);
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
      entries: function () { return mem.slice(); },
      graded: function (onPage) { return machine.graded(list, mem, onPage); },
      objectives: function (visited) {
        list.forEach(function (sc, i) { if (visited[sc.page]) P.transport.setObjective(sc.id, objective(i)); });
      }
    };
  }
  return { create: create };
});
if (typeof window === 'object' && window.document) {
  window.coursecScenarios = function (P) { return window.coursec.scenario.create(window.document, P); };
}
