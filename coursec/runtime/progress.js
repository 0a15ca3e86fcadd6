/* coursec progress: what the learner's state means for the LMS - completion, success, score,
 * and one objective per lesson.
 * In:  cs-data (completion rule, assessment, lessons), the decoded state (codec.js), the scope
 *      {lesson: null | index (a cmi5 AU of one lesson), lo, hi (its pages)}, the mastery
 *      threshold in % (null: none) and the graded scenarios' summary (machine.graded).
 * Out: evaluate(...) -> {completed, success: 'passed'|'failed'|'unknown', score: % | null,
 *      attemptsLeft, finished, progress: share of the scope's pages seen};
 *      lessons(...) -> [[lesson id, {completed, success: 'passed'|'failed'|null}]] for the
 *      lessons in scope with a page seen; seen(st, scope) -> pages of the scope seen;
 *      remaining(data, st, scope, entries (the scenarios' machine entries)) -> what the
 *      completion screen lists as still to do, in page order: [{page, why: 'visit' (not seen)
 *      | 'assessment' (not submitted) | 'scenario' (graded, no ending reached)}];
 *      status(ev) -> {completion, success, score} (window.coursec.status()).
 * A graded scenario not passed keeps the score below the mastery score (Moodle re-grades 1.2).
 * Pure. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).progress = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var grading = require('./grading.js');

  function assessmentIn(data, scope) {
    return scope.lesson === null || (data.assessment && data.assessment.lesson === scope.lesson) ? data.assessment : null;
  }
  function seen(st, scope) {
    var n = 0;
    for (var i = scope.lo; i <= scope.hi; i++) if (st.p[i]) n++;
    return n;
  }
  function remaining(data, st, scope, entries) {
    var out = [], A = assessmentIn(data, scope);
    for (var i = scope.lo; i <= scope.hi; i++) {
      if (!st.p[i]) out.push({ page: i, why: 'visit' });
      else if (A && st.a.b < 0 && data.quizzes[A.pool[0]] && data.quizzes[A.pool[0]].page === i) out.push({ page: i, why: 'assessment' });
      else (data.scenarios || []).forEach(function (sc, k) {
        if (sc.graded && sc.page === i && !(entries[k] && entries[k].result)) out.push({ page: i, why: 'scenario' });
      });
    }
    return out;
  }
  function evaluate(data, st, scope, threshold, g) {
    var A = assessmentIn(data, scope), n = seen(st, scope);
    var pagesDone = data.completion.pages === 'none' || n === scope.hi - scope.lo + 1;
    var submitted = !!A && st.a.b >= 0, gradedDone = g.done === g.count;
    var completed = pagesDone && (!data.completion.assessment || ((!A || submitted) && gradedDone));
    var known = (A ? submitted : g.count > 0) && gradedDone, success = 'unknown', score = null;
    if (known) {
      success = (!A || st.a.p) && !g.failed ? 'passed' : 'failed';
      score = A ? st.a.b : grading.round2(100 * g.passed / g.count);
      if (g.failed && threshold !== null) score = Math.min(score, Math.max(0, Math.ceil(threshold) - 1));
    }
    var attemptsLeft = (!!A && !st.a.p && (!A.attempts || st.a.n < A.attempts)) || g.failed > 0;
    return {
      completed: completed, success: success, score: score,
      attemptsLeft: attemptsLeft, finished: completed && !(success === 'failed' && attemptsLeft),
      progress: n / (scope.hi - scope.lo + 1)
    };
  }
  function lessons(data, st, scope) {
    var A = data.assessment, out = [];
    data.lessons.forEach(function (lesson, li) {
      if (scope.lesson !== null && li !== scope.lesson) return;
      var any = false, all = true, i;
      for (i = lesson.first; i <= lesson.last; i++) { any = any || !!st.p[i]; all = all && !!st.p[i]; }
      if (!any) return;
      lesson.quizzes.forEach(function (qi) { if (!st.q[qi]) all = false; });
      var success = null;
      if (A && A.lesson === li) {
        if (st.a.b >= 0) success = st.a.p ? 'passed' : 'failed';
        all = all && st.a.b >= 0;
      }
      out.push([lesson.id, { completed: all, success: success }]);
    });
    return out;
  }
  /* what window.coursec.status() tells: {completion, success, score} of an evaluate() */
  function status(ev) {
    return { completion: ev.completed ? 'completed' : 'incomplete', success: ev.success, score: ev.score };
  }
  return { evaluate: evaluate, lessons: lessons, seen: seen, remaining: remaining, status: status };
});
