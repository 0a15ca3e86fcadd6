/* coursec qfillin: the fill-in kind in the page (coursec/quizkinds/fill_in.py): one text box
 * ([data-cs-answer]).
 * In:  a quiz of cs-data (answers, case) with its form; C (forms.js: L.fill, the box's length).
 * Out: the kind members (kinds.js): collect -> the cleaned text or null (answers.fillIn);
 *      apply; grade -> 1 when it is an accepted answer (answers.norm); encode -> the text, cut
 *      to the target's limit (target.fillIn first, when the target has one).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qfillin = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var answers = require('./answers.js');
  function box(q, C) { return C.$('[data-cs-answer]', q.form); }
  function grade(q, r) {
    return q.answers.some(function (a) { return answers.norm(a, q['case']) === answers.norm(r, q['case']); }) ? 1 : 0;
  }
  function encode(q, r, number, target) {
    var t = target.fillIn ? target.fillIn(String(r)) : String(r), max = target.text;
    return max === null || max === undefined ? t : t.slice(0, max);
  }
  return { collect: function (q, C) { return answers.fillIn(box(q, C).value, C.L.fill); },
    apply: function (q, r, C) { box(q, C).value = r; }, shuffle: function () {},
    notes: function () { return []; }, grade: grade, encode: encode, graded: true, box: box };
});
