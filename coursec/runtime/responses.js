/* coursec responses: a learner's response as the target writes it (SCORM 1.2 student_response,
 * SCORM 2004 learner_response, xAPI result.response).
 * In:  a quiz of cs-data (kind; rid: the ids the target writes, {c} for choice k, {s, t} for a
 *      matching pair's source and target), the response as the state stores it, its number
 *      (numeric), and the target's writing {format: cs-data format (list and pair delimiters),
 *      text: the longest text (cs-data limits.text, null: no limit), number(x, raw) -> the text
 *      of a numeric response, fillIn(text) -> a fill-in text before it is cut (optional)}.
 * Out: response(q, r, number, target) -> the string; a decision (a scenario step) and every
 *      choice kind (true-false included: rid.c holds the target's words) write rid.c[r].
 * Pure. Nothing is reported (the build reports what a target cannot record: cs-data skip).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).responses = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function cut(text, max) { return max === null || max === undefined ? text : text.slice(0, max); }
  function response(q, r, number, target) {
    var f = target.format, rid = q.rid;
    var c = function (i) { return rid.c[i]; };
    switch (q.kind) {
      case 'decision': case 'single': case 'likert': case 'true-false': return c(r);
      case 'multiple': case 'sequencing': return r.map(c).join(f.list);
      case 'fill-in': return cut(target.fillIn ? target.fillIn(String(r)) : String(r), target.text);
      case 'numeric': return target.number(number, r);
      case 'matching':
        return r.map(function (m, i) { return m < 0 ? '' : rid.s[i] + f.pair + rid.t[m]; })
          .filter(Boolean).join(f.list);
    }
    return String(r);
  }
  return { response: response };
});
