/* coursec exam: the assessment in the page - start an attempt (the quizzes drawn for it), one
 * question per screen (layout 'one': Previous/Next, "Question 2 of 6" and a bar) or all of them
 * (layout 'all'), keep its answers, submit it (graded, scored, passed against the mastery
 * threshold), then the results screen (review.js: the score and, by the assessment's review
 * mode 'full' | 'correctness' | 'none', each question marked) and a retry while attempts remain.
 * The attempts line tells the truth: before the first attempt how many there are, during one
 * "Attempt k of N", after submitting how many are left.
 * In:  the document and P = {data (cs-data: assessment, quizzes, strings, numbers, lang), forms
 *      (forms.js), fmt, state() -> the player's decoded state (its a and q are updated here),
 *      review() -> bool, threshold() -> % | null, shown(quiz index, ms), record(q, r, result),
 *      sync()}.
 * Out: create(doc, P) -> {render(announce), start(), submit(), move(step) (+1 next, -1
 *      previous), restore() (after a resume), at() (the question shown, an index into the
 *      draw)}; with no assessment (or none in the page) every one does nothing. The question
 *      shown is not stored: a resumed attempt opens on its first unanswered question.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).exam = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var grading = require('./grading.js');
  var rng = require('./rng.js');
  var reviewer = require('./review.js');

  function create(doc, P) {
    var D = P.data, A = D.assessment, Q = D.quizzes, S = D.strings || {}, L = D.limits, F = P.forms, fmt = P.fmt;
    var aSec = A && doc.querySelector('[data-cs-assessment="' + A.id + '"]');
    function none() {}
    if (!A || !aSec) return { render: none, start: none, submit: none, move: none, restore: none, at: function () { return 0; } };
    var one = A.layout !== 'all', mode = A.review || 'full';
    var R = reviewer.create(doc, { forms: F, strings: S, fmt: fmt, lang: D.lang, numbers: D.numbers });
    function $(sel, el) { return (el || doc).querySelector(sel); }
    function slotOf(q) { return q.form.parentNode; }
    var confirmSubmit = false, cur = 0;

    function attemptsText(a, open) {
      if (!A.attempts || (a.p && !open)) return ''; // passed: no retry, so no count either
      if (a.n === 0) return fmt('exam_attempts', { n: A.attempts });
      if (open) return fmt('exam_attempt_of', { n: a.n, total: A.attempts });
      var left = Math.max(0, A.attempts - a.n);
      return left === 0 ? S.no_attempts : fmt('attempts_left', { n: left });
    }
    function render(announce) {
      var a = P.state().a, open = a.n > 0 && a.s === 0, done = a.s === 1 && a.n > 0, locked = P.review();
      var drawn = $('[data-cs-drawn]', aSec), total = a.d.length;
      cur = Math.max(0, Math.min(cur, total - 1));
      A.pool.forEach(function (qi) {
        var slot = slotOf(Q[qi]);
        slot.hidden = true;
        slot.removeAttribute('data-cs-pos');
        R.hide(slot);
      });
      if (open || done) {
        a.d.forEach(function (qi, k) {
          var q = Q[qi];
          if (!q) return;
          var slot = slotOf(q);
          drawn.appendChild(slot);
          slot.setAttribute('data-cs-pos', String(k + 1));
          slot.hidden = done ? mode === 'none' : one && k !== cur;
          $('[data-cs-qnum]', slot).textContent = fmt('question_of', { n: k + 1, total: total });
          F.lock(q, done || locked);
          if (done && mode !== 'none') R.show(q, slot, P.state().q[qi], mode);
        });
      }
      aSec.setAttribute('data-cs-screen', done ? 'results' : open ? 'question' : 'start');
      var bar = $('[data-cs-bar]', aSec), stepping = open && one && total > 0;
      bar.hidden = !stepping;
      if (stepping) { bar.max = total; bar.value = cur + 1; }
      $('[data-cs-attempts]', aSec).textContent = attemptsText(a, open);
      var left = A.attempts ? A.attempts - a.n : 1;
      $('[data-cs-start]', aSec).hidden = locked || a.n > 0;
      $('[data-cs-prev]', aSec).hidden = !stepping || cur === 0;
      $('[data-cs-next]', aSec).hidden = !stepping || cur >= total - 1;
      $('[data-cs-submit]', aSec).hidden = locked || !open || (one && cur < total - 1);
      $('[data-cs-retry]', aSec).hidden = locked || !done || !!a.p || left <= 0;
      var result = $('[data-cs-outcome]', aSec);
      result.hidden = !done;
      $('[data-cs-review-title]', aSec).hidden = !done || mode === 'none';
      if (done) {
        R.summary($('[data-cs-score]', result), a, P.threshold());
        if (announce) result.focus();
      }
    }
    function focusQuestion() {
      var a = P.state().a, q = a.d.length && Q[a.d[one ? cur : 0]];
      var h = q && $('[data-cs-qnum]', slotOf(q));
      if (!h) return;
      h.focus({ preventScroll: true });
      // the screen from its first line (the attempt, the bar) when that or the heading is out of view
      var info = $('[data-cs-attempts]', aSec), top = info.textContent ? info : $('[data-cs-bar]', aSec);
      var win = doc.defaultView, r = win && top.getBoundingClientRect ? top.getBoundingClientRect() : null;
      if (r && (r.top < 0 || h.getBoundingClientRect().bottom > win.innerHeight)) top.scrollIntoView({ block: 'start' });
    }
    function move(step) {
      var a = P.state().a;
      if (!one || a.n === 0 || a.s !== 0) return;
      var to = Math.max(0, Math.min(a.d.length - 1, cur + step));
      if (to === cur) return;
      cur = to;
      confirmSubmit = false;
      $('[data-cs-note]', aSec).textContent = '';
      render(false);
      focusQuestion();
    }
    function start() {
      var a = P.state().a;
      if (P.review() || (a.n > 0 && a.s === 0) || a.p || (A.attempts && a.n >= A.attempts)) return;
      a.n = Math.min(a.n + 1, A.attempts || L.tries);
      a.d = rng.draw(A, P.state().r, a.n);
      a.s = 0;
      confirmSubmit = false;
      cur = 0;
      A.pool.forEach(function (qi) { P.state().q[qi] = null; F.reset(Q[qi]); });
      var now = Date.now();
      a.d.forEach(function (qi) { P.shown(qi, now); });
      render(false);
      focusQuestion();
      P.sync();
    }
    function submit() {
      var a = P.state().a;
      if (P.review() || a.n === 0 || a.s !== 0) return;
      var got = a.d.map(function (qi) { return F.collect(Q[qi]); });
      var missing = got.filter(function (r) { return r === null; }).length;
      if (missing && !confirmSubmit) {
        confirmSubmit = true;
        $('[data-cs-note]', aSec).textContent = fmt('unanswered', { n: missing });
        return;
      }
      var graded = a.d.map(function (qi, k) {
        var q = Q[qi], r = got[k], res = r === null ? 0 : grading.grade(q, r);
        var e = P.state().q[qi] = [1, r, res];
        F.feedback(q, e, false);
        if (r !== null) P.record(q, r, res);
        return [q, res];
      });
      var pct = grading.attemptScore(graded);
      a.s = 1;
      a.l = pct;
      a.b = Math.max(a.b, pct);
      if (grading.passes(pct, P.threshold())) a.p = 1;
      $('[data-cs-note]', aSec).textContent = '';
      render(true);
      P.sync();
    }
    function restore() {
      var st = P.state();
      cur = -1;
      st.a.d.forEach(function (qi, k) {
        var e = st.q[qi];
        if (e && Q[qi]) { F.apply(Q[qi], e[1]); if (st.a.s === 1) F.feedback(Q[qi], e, false); }
        if (!e && cur < 0) cur = k;
      });
      if (cur < 0) cur = st.a.d.length - 1; // every question answered: the last one, with Submit
      render(false);
    }
    return { render: render, start: start, submit: submit, move: move, restore: restore,
      at: function () { return cur; } };
  }
  return { create: create };
});
