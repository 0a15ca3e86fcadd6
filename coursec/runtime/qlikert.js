/* coursec qlikert: the likert (survey) kind in the page (coursec/quizkinds/likert.py): radio
 * options, never right or wrong.
 * Out: the kind members (kinds.js): those of qsingle, but grade -> 2 (answered) and graded
 *      false (no points in a score); mark and reveal show nothing (no answer is right).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qlikert = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var one = require('./qsingle.js');
  return { collect: one.collect, apply: one.apply, shuffle: one.shuffle, notes: one.notes,
    grade: function () { return 2; }, encode: one.encode, number: one.number, graded: false,
    mark: function () { return null; }, reveal: function () {} };
});
