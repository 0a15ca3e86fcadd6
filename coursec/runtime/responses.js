/* coursec responses: a learner's response as the target writes it (SCORM 1.2 student_response,
 * SCORM 2004 learner_response, xAPI result.response).
 * In:  a quiz of cs-data (kind; rid: the ids the target writes, {c} for choice k, {s, t} for a
 *      matching pair's source and target), the response as the state stores it, its number
 *      (numeric), and the target's writing {format: cs-data format (list and pair delimiters),
 *      text: the longest text (cs-data limits.text, null: no limit), number(x, raw) -> the text
 *      of a numeric response, fillIn(text) -> a fill-in text before it is cut (optional)}.
 * Out: response(q, r, number, target) -> the string its kind encodes (kinds.js); a decision (a
 *      scenario step) writes rid.c[r], as every choice kind does (true-false included: rid.c
 *      holds the target's words). weighted(q) -> whether the target writes a weighting and a
 *      score for it (its kind is graded: not likert, not a scenario step). number(q, r) -> the
 *      number of a response (its kind's number: numeric), else null.
 * Pure. Nothing is reported (the build reports what a target cannot record: cs-data skip).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).responses = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var kinds = require('./kinds.js');
  function response(q, r, number, target) {
    if (q.kind === 'decision') return q.rid.c[r]; // a scenario step: not a quiz kind
    return kinds[q.kind] ? kinds[q.kind].encode(q, r, number, target) : String(r);
  }
  function weighted(q) { return !!(kinds[q.kind] && kinds[q.kind].graded); }
  function number(q, r) { return r !== null && r !== undefined && kinds[q.kind] ? kinds[q.kind].number(q, r) : null; }
  return { response: response, weighted: weighted, number: number };
});
