/* coursec qmultiple: the multiple-response kind in the page (coursec/quizkinds/multiple.py).
 * In:  a quiz of cs-data (choices, correct, rid.c) with its form (checkboxes); C (forms.js).
 * Out: the kind members (kinds.js): collect -> the sorted chosen indexes or null; grade -> 1
 *      when they are exactly the correct ones; encode -> rid.c of each, joined by the target's
 *      list delimiter; mark -> marks on the chosen choices (correct, incorrect) and on the
 *      correct ones not chosen (missed), and their counts {wrong, missed}; apply, shuffle,
 *      notes, reveal as qsingle.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qmultiple = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var one = require('./qsingle.js');
  function collect(q, C) {
    var out = [];
    one.inputs(q, C).forEach(function (x) { if (x.checked) out.push(q.choices.indexOf(x.value)); });
    out.sort(function (a, b) { return a - b; });
    return out.length ? out : null;
  }
  function grade(q, r) {
    return r.length === q.correct.length && r.every(function (x) { return q.correct.indexOf(x) >= 0; }) ? 1 : 0;
  }
  function encode(q, r, number, target) { return r.map(function (i) { return q.rid.c[i]; }).join(target.format.list); }
  return { collect: collect, apply: one.apply, shuffle: one.shuffle, notes: one.notes, grade: grade, encode: encode,
    number: one.number, graded: true, mark: function (q, r, C) { return one.marks(q, r, C, true); }, reveal: one.reveal };
});
