/* coursec exam: the assessment in the page - start an attempt (the quizzes drawn for it), keep
 * its answers, submit it (graded, scored, passed against the mastery threshold), show the score
 * and the attempts left; review shows the submitted attempt locked.
 * In:  the document and P = {data (cs-data: assessment, quizzes, strings, numbers), forms
 *      (forms.js), fmt, state() -> the player's decoded state (its a and q are updated here),
 *      review() -> bool, threshold() -> % | null, shown(quiz index, ms), record(q, r, result),
 *      sync()}.
 * Out: create(doc, P) -> {render(announce), start(), submit(), restore() (after a resume)}; with
 *      no assessment (or none in the page) every one does nothing.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).exam = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var grading = require('./grading.js');
  var rng = require('./rng.js');
  var messages = require('./messages.js');

  function create(doc, P) {
    var D = P.data, A = D.assessment, Q = D.quizzes, S = D.strings || {}, L = D.limits, F = P.forms, fmt = P.fmt;
    var aSec = A && doc.querySelector('[data-cs-assessment="' + A.id + '"]');
    function $(sel, el) { return (el || doc).querySelector(sel); }
    function slotOf(q) { return q.form.parentNode; }
    var confirmSubmit = false;
    function render(announce) {
      if (!A || !aSec) return;
      var a = P.state().a, inProgress = a.n > 0 && a.s === 0, submitted = a.s === 1;
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
          F.lock(q, submitted || P.review());
        });
      }
      var left = A.attempts ? Math.max(0, A.attempts - a.n) : -1;
      $('[data-cs-start]', aSec).hidden = P.review() || a.n > 0;
      $('[data-cs-submit]', aSec).hidden = P.review() || !inProgress;
      $('[data-cs-retry]', aSec).hidden = P.review() || !submitted || !!a.p || left === 0;
      var info = $('[data-cs-attempts]', aSec);
      info.textContent = left < 0 ? '' : left === 0 ? S.no_attempts : fmt('attempts_left', { n: left });
      var score = $('[data-cs-score]', aSec);
      score.hidden = !submitted;
      if (submitted) {
        score.textContent = fmt('score', { score: messages.number(a.l >= 0 ? a.l : a.b, D.numbers),
          pass: messages.number(P.threshold() === null ? 0 : P.threshold(), D.numbers) }) +
          ' ' + (a.p ? S.passed : S.failed);
        score.setAttribute('data-cs-passed', a.p ? 'true' : 'false');
        if (announce) { score.tabIndex = -1; score.focus(); }
      }
    }
    function start() {
      var a = P.state().a;
      if (P.review() || (a.n > 0 && a.s === 0) || a.p || (A.attempts && a.n >= A.attempts)) return;
      a.n = Math.min(a.n + 1, A.attempts || L.tries);
      a.d = rng.draw(A, P.state().r, a.n);
      a.s = 0;
      confirmSubmit = false;
      A.pool.forEach(function (qi) { P.state().q[qi] = null; F.reset(Q[qi]); });
      var now = Date.now();
      a.d.forEach(function (qi) { P.shown(qi, now); });
      render(false);
      var first = a.d.length && $('[data-cs-qnum]', slotOf(Q[a.d[0]]));
      if (first) { first.tabIndex = -1; first.focus(); }
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
      if (!A || !aSec) return;
      var st = P.state();
      st.a.d.forEach(function (qi) {
        var e = st.q[qi];
        if (e && Q[qi]) { F.apply(Q[qi], e[1]); if (st.a.s === 1) F.feedback(Q[qi], e, false); }
      });
      render(false);
    }
    function none() {}
    if (!A || !aSec) return { render: none, start: none, submit: none, restore: none };
    return { render: render, start: start, submit: submit, restore: restore };
  }
  return { create: create };
});
