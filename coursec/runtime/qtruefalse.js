/* coursec qtruefalse: the true/false kind in the page (coursec/quizkinds/true_false.py): two
 * radio choices; rid.c holds the target's words for them (t/f, true/false).
 * Out: the kind members (kinds.js), those of qsingle.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qtruefalse = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var one = require('./qsingle.js');
  return { collect: one.collect, apply: one.apply, shuffle: one.shuffle, notes: one.notes, grade: one.grade,
    encode: one.encode, number: one.number, graded: true, mark: one.mark, reveal: one.reveal };
});
