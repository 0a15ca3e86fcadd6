/* coursec grading: the verdict on a response (its kind's grade, kinds.js), and the score of an
 * assessment attempt.
 * In:  a quiz as cs-data describes it (kind, correct, answers, case, ranges, pairs, choices,
 *      points) and a response as the resume state stores it (coursec/check/limits.py).
 * Out: grade(q, r): 1 correct, 0 incorrect, 2 answered (ungraded: likert); a missing response
 *      is 0. attemptScore(graded), for the drawn quizzes' [quiz, result] pairs: the
 *      percentage of points earned (2 decimals; likert counts for nothing), 0 without points.
 *      passes(pct, threshold): the pass rule of an attempt (no threshold: always passed).
 * Pure. Nothing is reported. An unknown kind is incorrect.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).grading = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var kinds = require('./kinds.js');

  function grade(q, r) {
    if (r === null || r === undefined) return 0;
    var k = kinds[q.kind];
    return k ? k.grade(q, r) : 0;
  }
  function round2(x) { return Math.round(x * 100) / 100; }
  function attemptScore(graded) {
    var earned = 0, total = 0;
    graded.forEach(function (g) {
      var q = g[0], res = g[1];
      if (kinds[q.kind] && kinds[q.kind].graded) { total += q.points; if (res === 1) earned += q.points; }
    });
    return total > 0 ? round2(100 * earned / total) : 0;
  }
  function passes(pct, threshold) { return threshold === null || pct >= threshold - 1e-9; }
  return { grade: grade, attemptScore: attemptScore, passes: passes, round2: round2 };
});
