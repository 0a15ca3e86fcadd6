/* coursec player: navigation, quizzes, assessment, completion, resume - the page's DOM, driving
 * the pure modules (codec, grading, rng, progress, messages), the forms (forms.js), the
 * assessment (exam.js), the layout around them (layout.js: menu, progress, focus on a page turn)
 * and the completion screen (completion.js), reporting to exactly one transport,
 * window.coursecTransport, defined by the adapter file loaded before it (scorm12.js |
 * scorm2004.js | local.js | xapi.js | cmi5.js). Nothing here knows the standard.
 * Events to the transport, with decoded records (never the encoded state):
 *   init(info) -> the launch (info.note: a string key the completion screen shows);
 *   saveState(text) (the opaque resume text, codec.js); setLocation(page key) (a page viewed);
 *   recordInteraction(rec) (answered: {q, response, result, number, latency, time}, a scenario
 *   step adds {scenario, node, scores}); report(status) (completed / passed / failed:
 *   progress.evaluate plus attemptOpen); setObjective(id, {completed, success, ending?});
 *   commit(); terminate(status | null) (suspend: the page goes away); exit(status | null, done)
 *   (optional: the learner's Exit on the completion screen ends the session, then done());
 *   restored({kept, actions}) (optional: once at launch when the saved state was migrated from
 *   an earlier release or could not be used: codec.resume's actions, e.g. {do: 'fresh', why}).
 * A question reset by the migration, the assessment or a scenario reset, and a fresh start
 * each get one line in the status area (the theme's resume_* strings).
 * Public: window.coursec.state() (the state as stored, parsed), .status() (completion, success,
 * score) and .evaluate() (the status event report() gets). */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).player = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var codec = require('./codec.js');
  var grading = require('./grading.js');
  var rng = require('./rng.js');
  var responses = require('./responses.js');
  var progress = require('./progress.js');
  var messages = require('./messages.js');
  var forms = require('./forms.js');
  var exam = require('./exam.js');
  var layout = require('./layout.js');
  var completion = require('./completion.js');

  function start(win) {
    var doc = win.document, T = win.coursecTransport;
    var D = JSON.parse(doc.getElementById('cs-data').textContent);
    var S = D.strings || {}, A = D.assessment, L = D.limits, Q = D.quizzes;
    doc.documentElement.classList.add('cs-js');
    function $(sel, el) { return (el || doc).querySelector(sel); }
    function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
    var fmt = messages.format(S, win.Intl && win.Intl.PluralRules ? new win.Intl.PluralRules(D.lang) : null);
    var F = forms.create(doc, L, S, fmt, D.numbers);

    var pages = $$('[data-cs-page]');
    var prevBtn = $('[data-cs-nav="prev"]');
    var statusEl = $('[data-cs-lms-status]'), announcer = $('#cs-announce');
    var shell = layout.create(doc, win, D, fmt);
    var byId = {};
    Q.forEach(function (q, i) { q.i = i; byId[q.id] = q; q.form = $('form[data-cs-quiz="' + q.id + '"]'); });
    var SC = { init: function () {}, entries: function () { return []; },
      graded: function () { return { count: 0, done: 0, passed: 0, failed: 0 }; }, objectives: function () {},
      pageShown: function () {} };
    if (win.coursecScenarios && D.scenarios && D.scenarios.length) {
      SC = win.coursecScenarios({ data: D, fmt: fmt, transport: T, sync: function () { sync(); },
        entries: function () { return st.s; }, review: function () { return review; } });
    }

    /* ---- state -------------------------------------------------------------------------- */
    var st, review = false, threshold = null, terminated = false, shownAt = {};
    // one lesson only (a cmi5 AU per lesson): its pages lo..hi; its assessment, if it holds it
    var scope = { lesson: null, lo: 0, hi: pages.length - 1 };
    function inScope(i) { return i >= scope.lo && i <= scope.hi; }
    var started = Date.now();
    function fresh() {
      var seed = rng.newSeed(function () { var b = new Uint32Array(1); win.crypto.getRandomValues(b); return b[0]; },
        Math.random, L.seed);
      return { r: seed, c: 0, p: [], q: [], a: { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 }, s: [] };
    }
    function keepDrafts() { // answers of an attempt not yet submitted: [0, response, 0]
      if (!A || review || st.a.n === 0 || st.a.s !== 0) return;
      st.a.d.forEach(function (qi) {
        var q = Q[qi], r = q && q.form ? F.collect(q) : null;
        st.q[qi] = r === null ? null : [0, r, 0];
      });
    }
    function serialize() {
      keepDrafts();
      st.s = SC.entries();
      return codec.encode(st, D, pages.length);
    }

    /* ---- status ------------------------------------------------------------------------- */
    function evaluate() {
      var ev = progress.evaluate(D, st, scope, threshold, SC.graded(inScope));
      ev.attemptOpen = !!A && st.a.n > 0 && st.a.s === 0;
      return ev;
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
    function sync() {
      if (review || terminated) return;
      T.saveState(serialize());
      T.report(evaluate());
      progress.lessons(D, st, scope).forEach(function (o) { T.setObjective(o[0], o[1]); });
      SC.objectives(st.p);
      commit();
    }
    function record(q, r, res) {
      if (review) return;
      T.recordInteraction({
        q: q, response: r, result: res === 1 ? 'correct' : res === 0 ? 'incorrect' : 'neutral',
        number: responses.number(q, r),
        latency: Date.now() - (shownAt[q.id] || started), time: new Date()
      });
    }

    /* ---- a saved state of an earlier release ------------------------------------------ */
    function titleOf(k) { var h = pages[k] ? $('[data-cs-heading]', pages[k]) : null; return h ? h.textContent.trim() : ''; }
    function note(a) { // the line an action of codec.resume shows, or null
      if (a.do === 'question-reset' && byId[a.question]) return fmt('resume_question_reset', { page: titleOf(byId[a.question].page) });
      if (a.do === 'assessment-reset') return S.resume_assessment_reset;
      if (a.do === 'scenario-restarted') {
        var sc = (D.scenarios || []).filter(function (x) { return x.id === a.scenario; })[0];
        return fmt('resume_scenario_restarted', { page: sc ? titleOf(sc.page) : '' });
      }
      return a.do === 'fresh' ? S.resume_fresh : null;
    }
    function restored(r) {
      if (!r.actions.length) return;
      var lines = r.actions.map(note).filter(function (t) { return !!t; });
      if (lines.length) { statusEl.textContent = ''; statusEl.setAttribute('data-cs-kind', 'warning'); }
      lines.forEach(function (t) {
        var p = statusEl.appendChild(doc.createElement('p'));
        p.className = 'cs-resume-note';
        p.textContent = t;
      });
      if (typeof T.restored === 'function') {
        try { T.restored({ kept: r.state !== null, actions: r.actions }); } catch (e) { /* a log only */ }
      }
    }

    /* ---- navigation --------------------------------------------------------------------- */
    function go(i, focus) {
      i = Math.max(scope.lo, Math.min(scope.hi, i));
      C.hide();
      st.c = i;
      st.p[i] = true;
      pages.forEach(function (p, k) { p.hidden = k !== i; });
      var now = Date.now();
      Q.forEach(function (q) { if (q.page === i && !shownAt[q.id]) shownAt[q.id] = now; });
      SC.pageShown(i, now);
      shell.progress(st.p, i, scope);
      if (prevBtn) prevBtn.disabled = i === scope.lo;
      shell.turn(pages[i], $('[data-cs-heading]', pages[i]), focus);
      if (!review) { T.setLocation(D.pages[i].k); sync(); }
    }
    /* the completion screen (completion.js) after the last page; its Exit ends the session */
    function finish() { sync(); var v = C.show(); shell.progress(st.p, -1, scope); shell.turn(v.section, v.heading, true); }
    function exit(done) {
      if (terminated) { done(); return; }
      sync(); terminated = true;
      if (typeof T.exit === 'function') T.exit(review ? null : evaluate(), done); else { T.terminate(review ? null : evaluate()); done(); }
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
    function check(q) {
      if (review || q.inA) return;
      var e = st.q[q.i];
      if (F.isDone(q, e)) return;
      var r = F.collect(q);
      if (r === null) { F.say($('[data-cs-feedback]', q.form), S.choose_first); return; }
      var res = grading.grade(q, r);
      var tries = Math.min((e ? e[0] : 0) + 1, q.attempts || L.tries);
      e = st.q[q.i] = [tries, r, res];
      F.feedback(q, e, true);
      if (F.isDone(q, e)) F.lock(q, true);
      F.focus(q); // never on <body> when the Check button is disabled
      record(q, r, res);
      sync();
    }

    /* ---- assessment --------------------------------------------------------------------- */
    var X = exam.create(doc, { data: D, forms: F, fmt: fmt, state: function () { return st; },
      review: function () { return review; }, threshold: function () { return threshold; },
      shown: function (qi, now) { shownAt[Q[qi].id] = now; }, record: record, sync: function () { sync(); } });

    var C = completion.create(doc, { data: D, fmt: fmt, evaluate: evaluate, state: function () { return st; },
      scope: function () { return scope; }, entries: function () { return SC.entries(); }, title: titleOf,
      threshold: function () { return threshold; }, note: function () { return info.note || ''; }, exit: exit });

    /* ---- events ------------------------------------------------------------------------- */
    doc.addEventListener('click', function (ev) {
      var t = ev.target.closest ? ev.target.closest('button, a[href^="#"]') : null;
      if (!t) return;
      if (t.hasAttribute('data-cs-nav')) { // Next on the last page: the completion screen; Back from it: that page
        var fwd = t.getAttribute('data-cs-nav') === 'next';
        if (C.shown()) { if (!fwd) go(st.c, true); } else if (fwd && st.c === scope.hi) finish(); else go(st.c + (fwd ? 1 : -1), true);
        return;
      }
      if (t.hasAttribute('data-cs-move')) { var said = F.move(t); if (said !== null) announcer.textContent = said; return; }
      if (t.hasAttribute('data-cs-hint-toggle')) {
        var hint = doc.getElementById(t.getAttribute('aria-controls'));
        var open = t.getAttribute('aria-expanded') !== 'true';
        hint.hidden = !open;
        t.setAttribute('aria-expanded', open ? 'true' : 'false');
        t.textContent = open ? S.hint_hide : S.hint_show;
        return;
      }
      if (t.hasAttribute('data-cs-reveal')) { var rq = byId[t.closest('form').getAttribute('data-cs-quiz')]; if (F.showAnswer(rq, st.q[rq.i])) sync(); return; }
      if (t.hasAttribute('data-cs-start') || t.hasAttribute('data-cs-retry')) { X.start(); return; }
      if (t.hasAttribute('data-cs-submit')) { X.submit(); return; }
      if (t.hasAttribute('data-cs-prev') || t.hasAttribute('data-cs-next')) { X.move(t.hasAttribute('data-cs-next') ? 1 : -1); return; }
      if (t.hasAttribute('data-cs-finish')) { ev.preventDefault(); finish(); return; } // the menu's last entry
      if (t.tagName === 'A') {
        var id = decodeURIComponent(t.getAttribute('href').slice(1));
        var k = keyIndex(id);
        if (k < 0) { var el = doc.getElementById(id); k = el ? pageOf(el) : -1; }
        // a menu entry turns to its page even when it is the current one (the drawer closes)
        if (k >= 0 && (k !== st.c || t.hasAttribute('data-cs-toc'))) { ev.preventDefault(); go(k, true); }
      }
    });
    doc.addEventListener('submit', function (ev) {
      var q = byId[ev.target.getAttribute('data-cs-quiz')];
      ev.preventDefault();
      if (q) check(q);
    });
    ['input', 'change'].forEach(function (type) { doc.addEventListener(type, function (ev) { // an answer changed
      var f = ev.target.closest ? ev.target.closest('form[data-cs-quiz]') : null, q = f && byId[f.getAttribute('data-cs-quiz')];
      if (q) F.changed(f); // the last Check's marks go (a locked quiz, so any in review, keeps them)
      if (type === 'change' && q && q.inA && A && !review && !terminated && st.a.n > 0 && st.a.s === 0) { T.saveState(serialize()); commit(); }
    }); }); // and an answer of the running attempt is kept
    doc.addEventListener('visibilitychange', function () {
      if (doc.visibilityState === 'hidden' && !review && !terminated) { T.saveState(serialize()); commit(); }
    });
    win.addEventListener('pagehide', function () {
      if (terminated) return;
      if (!review) T.saveState(serialize());
      terminated = true;
      T.terminate(review ? null : evaluate()); // Terminate/LMSFinish directly: no Commit first
    });

    /* ---- start -------------------------------------------------------------------------- */
    var info = T.init({
      courseId: D.course.id, version: D.course.version, failedStatus: D.failedStatus,
      pages: pages.length, data: D,
      notify: function (key) { message(S[key], 'error'); }
    });
    if (typeof info.lesson === 'number' && D.lessons[info.lesson]) {
      scope = { lesson: info.lesson, lo: D.lessons[info.lesson].first, hi: D.lessons[info.lesson].last };
      $$('.cs-toc-lessons > li').forEach(function (li, k) { li.hidden = k !== scope.lesson; });
    }
    review = info.mode === 'review';
    // review: the finished attempt's state, also when the LMS says ab-initio (Moodle, exit normal)
    var resumed = review || info.entry !== 'ab-initio' ? codec.resume(info.resumeState, D, pages.length)
      : { state: null, actions: [] };
    st = resumed.state;
    if (!st) {
      st = fresh();
      var at = info.location ? keyIndex(info.location) : -1;
      if (at >= 0) st.c = at;
    }
    if (!inScope(st.c)) st.c = scope.lo;
    threshold = info.masteryOverride !== null && info.masteryOverride !== undefined ? info.masteryOverride
      : D.mastery !== null && D.mastery !== undefined ? D.mastery : A ? A.pass : null;
    if (info.notice) message(S[info.notice], info.connected ? 'info' : 'warning');
    if (review) { doc.documentElement.classList.add('cs-review'); message(S.review, 'info'); }
    restored(resumed);
    Q.forEach(function (q) {
      if (!q.form) return;
      F.shuffle(q, st.r);
      var e = st.q[q.i];
      if (review) F.lock(q, true);
      if (q.inA) return;
      if (e) { F.apply(q, e[1]); F.feedback(q, e, true); }
      if (review || F.isDone(q, e)) F.lock(q, true);
    });
    X.restore();
    SC.init();
    go(st.c, false);
    return { state: function () { return JSON.parse(serialize()); }, evaluate: evaluate,
      status: function () { return progress.status(evaluate()); } };
  }
  return { start: start };
});
/* in the page (not in Node): start once every module above is defined */
if (typeof window === 'object' && window.document && window.coursec && window.coursec.player) {
  (function (c) { var api = c.player.start(window); c.state = api.state; c.status = api.status; c.evaluate = api.evaluate; })(window.coursec);
}
