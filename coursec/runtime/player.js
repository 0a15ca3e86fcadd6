/* coursec player: navigation, grading, assessment, completion, resume.
 * It talks to exactly one transport, window.coursecTransport, defined by the adapter file
 * loaded before it (scorm12.js | scorm2004.js | local.js). Nothing here knows the standard.
 * State (suspend_data), versioned and compact; see coursec/check/limits.py for the worst case:
 *   {"v":1,"h":hash,"r":seed,"c":page,"p":visitedHex,"q":[[tries,response,result]|null...],
 *    "a":{"n":attempts,"d":[drawn quiz indexes],"s":submitted,"b":best,"l":last,"p":passed},
 *    "s":[scenario entry|null...]}   (scenarios: see scenario.js, which runs them)
 */
(function () {
  'use strict';
  var T = window.coursecTransport;
  var D = JSON.parse(document.getElementById('cs-data').textContent);
  var S = D.strings || {};
  var A = D.assessment;
  var L = D.limits;
  var doc = document;
  doc.documentElement.classList.add('cs-js');

  function $(sel, el) { return (el || doc).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(D.lang) : null;
  function fmt(key, vars) {
    var t = S[key] || '';
    if (typeof t === 'object') {  // plural forms by CLDR category (the theme's catalogs)
      var n = vars && typeof vars.n === 'number' ? vars.n : null;
      t = t[plural && n !== null ? plural.select(n) : 'other'] || t.other || '';
    }
    for (var k in vars) t = t.split('{' + k + '}').join(vars[k]);
    return t;
  }
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
  function clean(text) { // no control characters or lone surrogates: each stored char costs <= 2
    return String(text).replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, '$1');
  }
  function toNumber(text) {
    var t = String(text).trim();
    if (t.indexOf('.') < 0) t = t.replace(',', '.');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return NaN;
    return Number(t);
  }
  function round2(x) { return Math.round(x * 100) / 100; }
  function number(x) { // as the course's language writes it (cs-data numbers: Babel's signs)
    var signs = D.numbers || { decimal: '.', group: ',' }, parts = String(round2(x)).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, signs.group);
    return parts.length > 1 ? whole + signs.decimal + parts[1] : whole;
  }

  /* ---- DOM ---------------------------------------------------------------------------- */
  var pages = $$('[data-cs-page]');
  var prevBtn = $('[data-cs-nav="prev"]');
  var nextBtn = $('[data-cs-nav="next"]');
  var statusEl = $('[data-cs-lms-status]');
  var announcer = $('#cs-announce');
  var Q = D.quizzes;
  var byId = {};
  Q.forEach(function (q, i) { q.i = i; byId[q.id] = q; q.form = $('form[data-cs-quiz="' + q.id + '"]'); });
  var aSec = A && $('[data-cs-assessment="' + A.id + '"]');
  var SC = { any: false, init: function () {}, serialize: function () { return []; },
    graded: function () { return { count: 0, done: 0, passed: 0, failed: 0 }; }, objectives: function () {},
    pageShown: function () {} };
  if (window.coursecScenarios && D.scenarios && D.scenarios.length) {
    SC = window.coursecScenarios({ data: D, fmt: fmt, transport: T, sync: function () { sync(); },
      state: function () { return st; }, review: function () { return review; } });
    SC.any = true;
  }

  /* ---- state -------------------------------------------------------------------------- */
  var st, visited = [], review = false, threshold = null, terminated = false, shownAt = {};
  // one lesson only (a cmi5 AU per lesson): its pages lo..hi; its assessment, if it holds it
  var scope = null, lo = 0, hi = pages.length - 1;
  function inScope(i) { return i >= lo && i <= hi; }
  var started = Date.now();

  function newSeed() {
    try {
      var b = new Uint32Array(1); window.crypto.getRandomValues(b); return b[0] % (L.seed + 1);
    } catch (e) { return Math.floor(Math.random() * L.seed); }
  }
  function fresh() {
    return { r: newSeed(), c: 0, q: [], a: { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 }, s: [] };
  }
  function encodeVisited() {
    var out = '';
    for (var i = 0; i < pages.length; i += 4) {
      var n = 0;
      for (var j = 0; j < 4; j++) if (visited[i + j]) n |= 1 << j;
      out += n.toString(16);
    }
    return out;
  }
  function decodeVisited(hex) {
    for (var i = 0; i < pages.length; i++) {
      var n = parseInt(hex.charAt(i >> 2), 16) || 0;
      visited[i] = !!(n & (1 << (i & 3)));
    }
  }
  function keepDrafts() { // answers of an attempt not yet submitted: [0, response, 0]
    if (!A || review || st.a.n === 0 || st.a.s !== 0) return;
    st.a.d.forEach(function (qi) {
      var q = Q[qi], r = q && q.form ? collect(q) : null;
      st.q[qi] = r === null ? null : [0, r, 0];
    });
  }
  function serialize() {
    keepDrafts();
    var q = st.q.slice();
    while (q.length && !q[q.length - 1]) q.pop();
    for (var i = 0; i < q.length; i++) if (!q[i]) q[i] = null;
    var o = { v: D.v, h: D.hash, r: st.r, c: st.c, p: encodeVisited(), q: q };
    if (A) o.a = { n: st.a.n, d: st.a.d, s: st.a.s, b: st.a.b, l: st.a.l, p: st.a.p };
    if (SC.any) o.s = SC.serialize();
    return JSON.stringify(o);
  }
  function load(text) {
    if (!text) return null;
    var o;
    try { o = JSON.parse(text); } catch (e) { return null; }
    if (!o || o.v !== D.v || o.h !== D.hash || !Array.isArray(o.q)) return null;
    if (typeof o.r !== 'number' || typeof o.c !== 'number' || typeof o.p !== 'string') return null;
    decodeVisited(o.p);
    var a = o.a || {};
    return {
      r: o.r, c: Math.max(0, Math.min(pages.length - 1, o.c)), q: o.q,
      a: { n: a.n || 0, d: Array.isArray(a.d) ? a.d : [], s: a.s || 0,
           b: typeof a.b === 'number' ? a.b : -1, l: typeof a.l === 'number' ? a.l : -1, p: a.p ? 1 : 0 },
      s: Array.isArray(o.s) ? o.s : []
    };
  }

  /* ---- status ------------------------------------------------------------------------- */
  function evaluate() {
    var seen = 0, A = scope === null || (D.assessment && D.assessment.lesson === scope) ? D.assessment : null;
    for (var i = lo; i <= hi; i++) if (visited[i]) seen++;
    var pagesDone = D.completion.pages === 'none' || seen === hi - lo + 1;
    var submitted = !!A && st.a.b >= 0;
    var g = SC.graded(inScope), gradedDone = g.done === g.count; // graded scenarios count with the assessment
    var completed = pagesDone && (!D.completion.assessment || ((!A || submitted) && gradedDone));
    var known = (A ? submitted : g.count > 0) && gradedDone, success = 'unknown', score = null;
    if (known) {
      success = (!A || st.a.p) && !g.failed ? 'passed' : 'failed';
      score = A ? st.a.b : round2(100 * g.passed / g.count);
      // a graded scenario not passed keeps the score below the mastery score (Moodle re-grades 1.2)
      if (g.failed && threshold !== null) score = Math.min(score, Math.max(0, Math.ceil(threshold) - 1));
    }
    var attemptsLeft = (!!A && !st.a.p && (!A.attempts || st.a.n < A.attempts)) || g.failed > 0;
    return {
      completed: completed, success: success, score: score,
      attemptsLeft: attemptsLeft, finished: completed && !(success === 'failed' && attemptsLeft),
      progress: seen / (hi - lo + 1)
    };
  }
  var saveFailed = false, retryTimer = 0;
  function message(text, kind) {
    statusEl.textContent = text || '';
    statusEl.setAttribute('data-cs-kind', kind || 'info');
  }
  function commit() {
    if (terminated) return;
    var ok = T.commit();
    if (!ok && !saveFailed) { saveFailed = true; message(S.save_failed, 'error'); }
    if (ok && saveFailed) { saveFailed = false; message(S.saved_again, 'info'); }
    if (!ok && !retryTimer) retryTimer = setTimeout(function () { retryTimer = 0; commit(); }, 5000);
  }
  function objectives() {
    D.lessons.forEach(function (lesson, li) {
      if (scope !== null && li !== scope) return;
      var any = false, all = true, i;
      for (i = lesson.first; i <= lesson.last; i++) { any = any || visited[i]; all = all && visited[i]; }
      if (!any) return;
      lesson.quizzes.forEach(function (qi) { if (!st.q[qi]) all = false; });
      var success = null;
      if (A && A.lesson === li) {
        if (st.a.b >= 0) success = st.a.p ? 'passed' : 'failed';
        all = all && st.a.b >= 0;
      }
      T.setObjective(lesson.id, { completed: all, success: success });
    });
    SC.objectives(visited);
  }
  function sync() {
    if (review || terminated) return;
    T.saveState(serialize());
    T.report(evaluate());
    objectives();
    commit();
  }
  function record(q, r, res) {
    if (review) return;
    T.recordInteraction({
      q: q, response: r, result: res === 1 ? 'correct' : res === 0 ? 'incorrect' : 'neutral',
      number: q.kind === 'numeric' && r !== null ? toNumber(r) : null,
      latency: Date.now() - (shownAt[q.id] || started), time: new Date()
    });
  }

  /* ---- navigation --------------------------------------------------------------------- */
  function go(i, focus) {
    i = Math.max(lo, Math.min(hi, i));
    st.c = i;
    visited[i] = true;
    pages.forEach(function (p, k) { p.hidden = k !== i; });
    var now = Date.now();
    Q.forEach(function (q) { if (q.page === i && !shownAt[q.id]) shownAt[q.id] = now; });
    SC.pageShown(i, now);
    var seen = 0;
    $$('[data-cs-toc]').forEach(function (a, k) {
      if (k === i) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
      var mark = $('.cs-visited', a);
      if (mark) mark.hidden = !visited[k];
      if (visited[k]) seen++;
    });
    var bar = $('[data-cs-progress]');
    if (bar) bar.value = seen;
    var text = $('[data-cs-progress-text]');
    if (text) text.textContent = fmt('page_of', { n: i + 1, total: pages.length });
    if (prevBtn) prevBtn.disabled = i === lo;
    if (nextBtn) nextBtn.disabled = i === hi;
    if (focus) {
      var h = $('[data-cs-heading]', pages[i]);
      if (h) h.focus();
      window.scrollTo(0, 0);
    }
    if (!review) { T.setLocation(D.pages[i].k); sync(); }
  }
  function pageOf(el) {
    for (var k = 0; k < pages.length; k++) if (pages[k].contains(el)) return k;
    return -1;
  }
  function keyIndex(key) {
    for (var k = 0; k < D.pages.length; k++) if (D.pages[k].k === key) return k;
    for (k = 0; k < D.lessons.length; k++) if (D.lessons[k].id === key) return D.lessons[k].first;
    return -1;
  }

  /* ---- quizzes ------------------------------------------------------------------------ */
  function choiceInputs(q) { return $$('input[name="' + q.id + '"]', q.form); }
  function collect(q) {
    var f = q.form, inputs, out, v;
    switch (q.kind) {
      case 'single': case 'true-false': case 'likert':
        inputs = choiceInputs(q).filter(function (x) { return x.checked; });
        return inputs.length ? q.choices.indexOf(inputs[0].value) : null;
      case 'multiple':
        out = [];
        choiceInputs(q).forEach(function (x) { if (x.checked) out.push(q.choices.indexOf(x.value)); });
        out.sort(function (a, b) { return a - b; });
        return out.length ? out : null;
      case 'fill-in':
        v = clean($('[data-cs-answer]', f).value).trim().slice(0, L.fill);
        return v ? v : null;
      case 'numeric':
        v = $('[data-cs-answer]', f).value.replace(/[^0-9.,+\-eE]/g, '').slice(0, L.num);
        return v ? v : null;
      case 'matching':
        out = q.pairs.map(function (p) {
          var sel = $('select[data-cs-pair="' + p + '"]', f);
          return sel && sel.value ? q.pairs.indexOf(sel.value) : -1;
        });
        return out.some(function (x) { return x >= 0; }) ? out : null;
      case 'sequencing':
        return $$('[data-cs-item]', f).map(function (li) {
          return q.choices.indexOf(li.getAttribute('data-cs-item'));
        });
    }
    return null;
  }
  function norm(text, caseSensitive) {
    var t = String(text).replace(/\s+/g, ' ').trim();
    return caseSensitive ? t : t.toLowerCase();
  }
  function grade(q, r) { // 1 correct, 0 incorrect, 2 answered (ungraded)
    if (r === null || r === undefined) return 0;
    switch (q.kind) {
      case 'likert': return 2;
      case 'single': case 'true-false': return q.correct.indexOf(r) >= 0 ? 1 : 0;
      case 'multiple': return r.length === q.correct.length &&
        r.every(function (x) { return q.correct.indexOf(x) >= 0; }) ? 1 : 0;
      case 'fill-in': return q.answers.some(function (a) {
        return norm(a, q['case']) === norm(r, q['case']);
      }) ? 1 : 0;
      case 'numeric':
        var n = toNumber(r);
        return !isNaN(n) && q.ranges.some(function (g) {
          return n >= g[0] - 1e-9 && n <= g[1] + 1e-9;
        }) ? 1 : 0;
      case 'matching': case 'sequencing':
        return r.length === (q.pairs || q.choices).length && isIdentity(r) ? 1 : 0;
    }
    return 0;
  }
  function orderSequence(q, order) {
    var list = $('[data-cs-seq]', q.form);
    var items = {};
    $$('[data-cs-item]', list).forEach(function (li) { items[li.getAttribute('data-cs-item')] = li; });
    order.forEach(function (i) { if (items[q.choices[i]]) list.appendChild(items[q.choices[i]]); });
    updateMoves(list);
  }
  function updateMoves(list) {
    var items = $$('[data-cs-item]', list);
    items.forEach(function (li, k) {
      $('[data-cs-move="up"]', li).disabled = k === 0 || li.hasAttribute('data-cs-locked');
      $('[data-cs-move="down"]', li).disabled = k === items.length - 1 || li.hasAttribute('data-cs-locked');
    });
  }
  function apply(q, r) { // put a stored response back into the form
    var f = q.form;
    if (r === null || r === undefined) return;
    switch (q.kind) {
      case 'single': case 'true-false': case 'likert': case 'multiple':
        var chosen = Array.isArray(r) ? r : [r];
        choiceInputs(q).forEach(function (x) { x.checked = chosen.indexOf(q.choices.indexOf(x.value)) >= 0; });
        break;
      case 'fill-in': case 'numeric': $('[data-cs-answer]', f).value = r; break;
      case 'matching':
        q.pairs.forEach(function (p, i) {
          var sel = $('select[data-cs-pair="' + p + '"]', f);
          if (sel) sel.value = r[i] >= 0 ? q.pairs[r[i]] : '';
        });
        break;
      case 'sequencing': orderSequence(q, r); break;
    }
  }
  function reset(q) {
    var f = q.form;
    choiceInputs(q).forEach(function (x) { x.checked = false; });
    $$('[data-cs-answer]', f).forEach(function (x) { x.value = ''; });
    $$('select', f).forEach(function (x) { x.value = ''; });
    f.removeAttribute('data-cs-result');
    $('[data-cs-feedback]', f).textContent = '';
    lock(q, false);
  }
  function lock(q, on) {
    var f = q.form;
    $$('input, select, [data-cs-check]', f).forEach(function (x) { x.disabled = on; });
    $$('[data-cs-item]', f).forEach(function (li) {
      if (on) li.setAttribute('data-cs-locked', ''); else li.removeAttribute('data-cs-locked');
    });
    var list = $('[data-cs-seq]', f);
    if (list) updateMoves(list);
  }
  function isDone(q, e) {
    return !!e && (e[2] !== 0 || (q.attempts > 0 && e[0] >= q.attempts));
  }
  function feedback(q, e, withText) {
    var f = q.form, box = $('[data-cs-feedback]', f), res = e[2];
    f.setAttribute('data-cs-result', res === 1 ? 'correct' : res === 0 ? 'incorrect' : 'answered');
    if (!withText) return;
    box.textContent = '';
    function add(key, cls) {
      var src = $('[data-cs-fb="' + key + '"]', f);
      if (!src) return false;
      var div = doc.createElement('div');
      div.className = cls;
      div.innerHTML = src.innerHTML;
      box.appendChild(div);
      return true;
    }
    // the author's correct/incorrect feedback is the verdict; the theme's words otherwise
    if (!add(res === 1 ? 'correct' : res === 0 ? 'incorrect' : 'none', 'cs-verdict cs-fb')) {
      var verdict = doc.createElement('p');
      verdict.className = 'cs-verdict';
      verdict.textContent = res === 1 ? S.correct : res === 0 ? S.incorrect : S.answered;
      box.appendChild(verdict);
    }
    if (q.choices && e[1] !== null && (q.kind !== 'sequencing')) {
      (Array.isArray(e[1]) ? e[1] : [e[1]]).forEach(function (i) { add('c:' + q.choices[i], 'cs-fb'); });
    }
    var tries = $('[data-cs-tries]', f);
    if (tries && q.attempts > 0 && res === 0) {
      tries.textContent = e[0] >= q.attempts ? S.no_tries : fmt('tries_left', { n: q.attempts - e[0] });
    }
  }
  function check(q) {
    if (review || q.inA) return;
    var e = st.q[q.i];
    if (isDone(q, e)) return;
    var r = collect(q);
    if (r === null) { say($('[data-cs-feedback]', q.form), S.choose_first); return; }
    var res = grade(q, r);
    var tries = Math.min((e ? e[0] : 0) + 1, q.attempts || L.tries);
    e = st.q[q.i] = [tries, r, res];
    feedback(q, e, true);
    if (isDone(q, e)) lock(q, true);
    record(q, r, res);
    sync();
  }
  function say(box, text) { box.textContent = ''; var p = doc.createElement('p'); p.textContent = text; box.appendChild(p); }
  function shuffleChoices(q) {
    var box = q.form && $('[data-cs-choices]', q.form);
    if (q.kind === 'sequencing') {
      var order = permutation(q.choices.length, st.r ^ hash(q.id));
      if (isIdentity(order) && order.length > 1) order.push(order.shift());
      orderSequence(q, order);
      return;
    }
    if (!q.shuffle) return;
    if (box) {
      var nodes = {};
      $$('[data-cs-choice]', box).forEach(function (n) { nodes[n.getAttribute('data-cs-choice')] = n; });
      permutation(q.choices.length, st.r ^ hash(q.id)).forEach(function (i) { box.appendChild(nodes[q.choices[i]]); });
    } else if (q.kind === 'matching') {
      var rows = $$('.cs-pair', q.form), parent = rows.length && rows[0].parentNode;
      permutation(rows.length, st.r ^ hash(q.id)).forEach(function (i) { parent.appendChild(rows[i]); });
    }
  }

  /* ---- assessment --------------------------------------------------------------------- */
  function draw(n) {
    var pool = A.pool, order = permutation(pool.length, (st.r ^ hash(A.id)) + n);
    var picked = order.slice(0, A.draw);
    if (!A.shuffle) picked.sort(function (a, b) { return a - b; });
    return picked.map(function (k) { return pool[k]; });
  }
  function slotOf(q) { return q.form.parentNode; }
  var confirmSubmit = false;
  function renderAssessment(announce) {
    if (!A || !aSec) return;
    var a = st.a, inProgress = a.n > 0 && a.s === 0, submitted = a.s === 1;
    var drawn = $('[data-cs-drawn]', aSec);
    A.pool.forEach(function (qi) { slotOf(Q[qi]).hidden = true; });
    if (inProgress || submitted) {
      a.d.forEach(function (qi, k) {
        var q = Q[qi];
        if (!q) return;
        var slot = slotOf(q);
        drawn.appendChild(slot);
        slot.hidden = false;
        $('[data-cs-qnum]', slot).textContent = fmt('question_of', { n: k + 1, total: a.d.length });
        lock(q, submitted || review);
      });
    }
    var left = A.attempts ? Math.max(0, A.attempts - a.n) : -1;
    $('[data-cs-start]', aSec).hidden = review || a.n > 0;
    $('[data-cs-submit]', aSec).hidden = review || !inProgress;
    $('[data-cs-retry]', aSec).hidden = review || !submitted || !!a.p || left === 0;
    var info = $('[data-cs-attempts]', aSec);
    info.textContent = left < 0 ? '' : left === 0 ? S.no_attempts : fmt('attempts_left', { n: left });
    var score = $('[data-cs-score]', aSec);
    score.hidden = !submitted;
    if (submitted) {
      score.textContent = fmt('score', { score: number(a.l >= 0 ? a.l : a.b),
        pass: number(threshold === null ? 0 : threshold) }) +
        ' ' + (a.p ? S.passed : S.failed);
      score.setAttribute('data-cs-passed', a.p ? 'true' : 'false');
      if (announce) { score.tabIndex = -1; score.focus(); }
    }
  }
  function startAttempt() {
    var a = st.a;
    if (review || (a.n > 0 && a.s === 0) || a.p || (A.attempts && a.n >= A.attempts)) return;
    a.n = Math.min(a.n + 1, A.attempts || L.tries);
    a.d = draw(a.n);
    a.s = 0;
    confirmSubmit = false;
    A.pool.forEach(function (qi) { st.q[qi] = null; reset(Q[qi]); });
    var now = Date.now();
    a.d.forEach(function (qi) { shownAt[Q[qi].id] = now; });
    renderAssessment(false);
    var first = a.d.length && $('[data-cs-qnum]', slotOf(Q[a.d[0]]));
    if (first) { first.tabIndex = -1; first.focus(); }
    sync();
  }
  function submitAttempt() {
    var a = st.a;
    if (review || a.n === 0 || a.s !== 0) return;
    var answers = a.d.map(function (qi) { return collect(Q[qi]); });
    var missing = answers.filter(function (r) { return r === null; }).length;
    if (missing && !confirmSubmit) {
      confirmSubmit = true;
      $('[data-cs-note]', aSec).textContent = fmt('unanswered', { n: missing });
      return;
    }
    var earned = 0, total = 0;
    a.d.forEach(function (qi, k) {
      var q = Q[qi], r = answers[k], res = r === null ? 0 : grade(q, r);
      st.q[qi] = [1, r, res];
      if (q.kind !== 'likert') { total += q.points; if (res === 1) earned += q.points; }
      feedback(q, st.q[qi], false);
      if (r !== null) record(q, r, res);
    });
    var pct = total > 0 ? round2(100 * earned / total) : 0;
    a.s = 1;
    a.l = pct;
    a.b = Math.max(a.b, pct);
    if (threshold === null || pct >= threshold - 1e-9) a.p = 1;
    $('[data-cs-note]', aSec).textContent = '';
    renderAssessment(true);
    sync();
  }

  /* ---- events ------------------------------------------------------------------------- */
  doc.addEventListener('click', function (ev) {
    var t = ev.target.closest ? ev.target.closest('button, a[href^="#"]') : null;
    if (!t) return;
    if (t.hasAttribute('data-cs-nav')) { go(st.c + (t.getAttribute('data-cs-nav') === 'next' ? 1 : -1), true); return; }
    if (t.hasAttribute('data-cs-move')) { move(t); return; }
    if (t.hasAttribute('data-cs-hint-toggle')) {
      var hint = doc.getElementById(t.getAttribute('aria-controls'));
      var open = t.getAttribute('aria-expanded') !== 'true';
      hint.hidden = !open;
      t.setAttribute('aria-expanded', open ? 'true' : 'false');
      t.textContent = open ? S.hint_hide : S.hint_show;
      return;
    }
    if (t.hasAttribute('data-cs-start')) { startAttempt(); return; }
    if (t.hasAttribute('data-cs-submit')) { submitAttempt(); return; }
    if (t.hasAttribute('data-cs-retry')) { startAttempt(); return; }
    if (t.tagName === 'A') {
      var id = decodeURIComponent(t.getAttribute('href').slice(1));
      var k = keyIndex(id);
      if (k < 0) { var el = doc.getElementById(id); k = el ? pageOf(el) : -1; }
      if (k >= 0 && k !== st.c) { ev.preventDefault(); go(k, true); }
    }
  });
  doc.addEventListener('submit', function (ev) {
    var f = ev.target, q = byId[f.getAttribute('data-cs-quiz')];
    ev.preventDefault();
    if (q) check(q);
  });
  function move(btn) {
    var li = btn.closest('[data-cs-item]'), list = li.parentNode, up = btn.getAttribute('data-cs-move') === 'up';
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other || li.hasAttribute('data-cs-locked')) return;
    list.insertBefore(li, up ? other : other.nextElementSibling);
    updateMoves(list);
    var items = $$('[data-cs-item]', list);
    if (btn.disabled) btn = $('[data-cs-move="' + (up ? 'down' : 'up') + '"]', li);
    btn.focus();
    announcer.textContent = fmt('moved', {
      item: $('.cs-seq-text', li).textContent, n: items.indexOf(li) + 1, total: items.length
    });
  }
  doc.addEventListener('change', function (ev) { // keep an answer of the running attempt
    var f = ev.target.closest ? ev.target.closest('form[data-cs-quiz]') : null, q = f && byId[f.getAttribute('data-cs-quiz')];
    if (q && q.inA && A && !review && !terminated && st.a.n > 0 && st.a.s === 0) { T.saveState(serialize()); commit(); }
  });
  doc.addEventListener('visibilitychange', function () {
    if (doc.visibilityState === 'hidden' && !review && !terminated) { T.saveState(serialize()); commit(); }
  });
  window.addEventListener('pagehide', function () {
    if (terminated) return;
    if (!review) T.saveState(serialize());
    terminated = true;
    T.terminate(review ? null : evaluate()); // Terminate/LMSFinish directly: no Commit first
  });

  /* ---- start -------------------------------------------------------------------------- */
  function responseIds() { // choice/pair id -> the id the target writes (cs-data rid)
    var m = {};
    function add(ids, rids) { (ids || []).forEach(function (x, k) { if (rids && rids[k]) m[x] = rids[k]; }); }
    D.quizzes.forEach(function (q) { if (q.kind !== 'true-false') { add(q.choices, q.rid.c); add(q.pairs, q.rid.s); } });
    (D.scenarios || []).forEach(function (sc) {
      sc.n.forEach(function (n) { add(n.c.map(function (c) { return c.id; }), n.rid && n.rid.c); });
    });
    return m;
  }
  var info = T.init({
    courseId: D.course.id, version: D.course.version, failedStatus: D.failedStatus,
    pages: pages.length, responseIds: responseIds(),
    notify: function (key) { message(S[key], 'error'); }
  });
  if (typeof info.lesson === 'number' && D.lessons[info.lesson]) {
    scope = info.lesson; lo = D.lessons[scope].first; hi = D.lessons[scope].last;
    $$('.cs-toc-lessons > li').forEach(function (li, k) { li.hidden = k !== scope; });
  }
  review = info.mode === 'review';
  // review: the finished attempt's state, also when the LMS says ab-initio (Moodle, exit normal)
  st = ((review || info.entry !== 'ab-initio') && load(info.resumeState)) || null;
  if (!st) {
    visited = [];
    st = fresh();
    var at = info.location ? keyIndex(info.location) : -1;
    if (at >= 0) st.c = at;
  }
  if (!inScope(st.c)) st.c = lo;
  threshold = info.masteryOverride !== null && info.masteryOverride !== undefined ? info.masteryOverride
    : D.mastery !== null && D.mastery !== undefined ? D.mastery : A ? A.pass : null;
  if (info.notice) message(S[info.notice], info.connected ? 'info' : 'warning');
  if (review) {
    doc.documentElement.classList.add('cs-review');
    message(S.review, 'info');
  }
  Q.forEach(function (q) {
    if (!q.form) return;
    shuffleChoices(q);
    var e = st.q[q.i];
    if (review) lock(q, true);
    if (q.inA) return;
    if (e) {
      apply(q, e[1]);
      feedback(q, e, true);
    }
    if (review || isDone(q, e)) lock(q, true);
  });
  if (A && aSec) {
    st.a.d.forEach(function (qi) {
      var e = st.q[qi];
      if (e && Q[qi]) { apply(Q[qi], e[1]); if (st.a.s === 1) feedback(Q[qi], e, false); }
    });
    renderAssessment(false);
  }
  SC.init();
  go(st.c, false);

  window.coursec = {
    state: function () { return JSON.parse(serialize()); },
    status: function () {
      var ev = evaluate();
      return { completion: ev.completed ? 'completed' : 'incomplete', success: ev.success, score: ev.score };
    }
  };
})();
