/* coursec grading: one verdict per quiz kind, and the score of an assessment attempt.
 * In:  a quiz as cs-data describes it (kind, correct, answers, case, ranges, pairs, choices,
 *      points) and a response as the resume state stores it (coursec/check/limits.py).
 * Out: grade(q, r): 1 correct, 0 incorrect, 2 answered (ungraded: likert); a missing response
 *      is 0. attemptScore(graded), for the drawn quizzes' [quiz, result] pairs: the
 *      percentage of points earned (2 decimals; likert counts for nothing), 0 without points.
 *      passes(pct, threshold): the pass rule of an attempt (no threshold: always passed).
 * Pure. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).grading = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var answers = require('./answers.js');
  var rng = require('./rng.js');

  var GRADERS = {
    likert: function () { return 2; },
    single: function (q, r) { return q.correct.indexOf(r) >= 0 ? 1 : 0; },
    'true-false': function (q, r) { return q.correct.indexOf(r) >= 0 ? 1 : 0; },
    multiple: function (q, r) {
      return r.length === q.correct.length && r.every(function (x) { return q.correct.indexOf(x) >= 0; }) ? 1 : 0;
    },
    'fill-in': function (q, r) {
      return q.answers.some(function (a) { return answers.norm(a, q['case']) === answers.norm(r, q['case']); }) ? 1 : 0;
    },
    numeric: function (q, r) {
      var n = answers.toNumber(r);
      return !isNaN(n) && q.ranges.some(function (g) { return n >= g[0] - 1e-9 && n <= g[1] + 1e-9; }) ? 1 : 0;
    },
    matching: function (q, r) { return r.length === q.pairs.length && rng.isIdentity(r) ? 1 : 0; },
    sequencing: function (q, r) { return r.length === q.choices.length && rng.isIdentity(r) ? 1 : 0; }
  };
  function grade(q, r) {
    if (r === null || r === undefined) return 0;
    var g = GRADERS[q.kind];
    return g ? g(q, r) : 0;
  }
  function round2(x) { return Math.round(x * 100) / 100; }
  function attemptScore(graded) {
    var earned = 0, total = 0;
    graded.forEach(function (g) {
      var q = g[0], res = g[1];
      if (q.kind !== 'likert') { total += q.points; if (res === 1) earned += q.points; }
    });
    return total > 0 ? round2(100 * earned / total) : 0;
  }
  function passes(pct, threshold) { return threshold === null || pct >= threshold - 1e-9; }
  return { grade: grade, attemptScore: attemptScore, passes: passes, round2: round2 };
});
