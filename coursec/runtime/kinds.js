/* coursec kinds: the table of quiz kinds, cs-data kind -> its module. The runtime half of
 * coursec/quizkinds (the same names as coursec.quizkinds.KINDS: a test holds them together).
 * Out: {name: module}; every module has the members collect, apply, shuffle, notes, grade,
 *      encode, number, graded, mark, reveal (what each does: qsingle.js). forms.js, grading.js and responses.js reach
 *      a kind only through here.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).kinds = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  return {
    single: require('./qsingle.js'),
    multiple: require('./qmultiple.js'),
    'true-false': require('./qtruefalse.js'),
    'fill-in': require('./qfillin.js'),
    numeric: require('./qnumeric.js'),
    matching: require('./qmatching.js'),
    sequencing: require('./qsequencing.js'),
    likert: require('./qlikert.js')
  };
});
