/* coursec qfillin: the fill-in kind in the page (coursec/quizkinds/fill_in.py): one text box
 * ([data-cs-answer]).
 * In:  a quiz of cs-data (answers, case) with its form; C (forms.js: L.fill, the box's length).
 * Out: the kind members (kinds.js): collect -> the cleaned text or null (answers.fillIn);
 *      apply; grade -> 1 when it is an accepted answer (answers.norm); encode -> the text, cut
 *      to the target's limit (target.fillIn first, when the target has one); mark (the verdict
 *      on the box, in its label) -> null; reveal (the first accepted answer shown under the
 *      box: S.answer_is); also box, shown and marker(grade) for qnumeric.
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
  function marker(judge) { // the verdict of judge (a grade function) on the box
    return function (q, r, C) {
      var b = box(q, C);
      C.badge(C.$('.cs-answer-label', q.form), b, r !== null && judge(q, r) === 1 ? 'correct' : 'incorrect');
      return null;
    };
  }
  function shown(q, text, C) { // the correct answer as a line under the box
    var b = box(q, C), p = C.doc.createElement('p');
    p.className = 'cs-answer-shown';
    p.setAttribute('data-cs-shown', '');
    p.textContent = C.fmt('answer_is', { answer: text });
    b.parentNode.insertBefore(p, b.nextElementSibling);
  }
  return { collect: function (q, C) { return answers.fillIn(box(q, C).value, C.L.fill); },
    apply: function (q, r, C) { box(q, C).value = r; }, shuffle: function () {},
    notes: function () { return []; }, grade: grade, encode: encode,
    number: function () { return null; }, graded: true, mark: marker(grade),
    reveal: function (q, C) { if (q.answers.length) shown(q, q.answers[0], C); }, box: box, shown: shown, marker: marker };
});
