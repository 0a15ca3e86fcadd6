/* coursec qnumeric: the numeric kind in the page (coursec/quizkinds/numeric.py): one text box.
 * In:  a quiz of cs-data (ranges: [low, high]) with its form; C (forms.js: L.num).
 * Out: the kind members (kinds.js): collect -> the typed text, numeric characters only, or
 *      null; apply; grade -> 1 when the number is in a range (1e-9 slack); encode -> the number
 *      as the target writes it (target.number(number, text)); number -> the typed number; mark as qfillin; reveal (the
 *      first range shown under the box: its number, or low-high, in the language's way: C.num).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qnumeric = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var answers = require('./answers.js');
  var fill = require('./qfillin.js');
  function grade(q, r) {
    var n = answers.toNumber(r);
    return !isNaN(n) && q.ranges.some(function (g) { return n >= g[0] - 1e-9 && n <= g[1] + 1e-9; }) ? 1 : 0;
  }
  return { collect: function (q, C) { return answers.numericText(fill.box(q, C).value, C.L.num); },
    apply: fill.apply, shuffle: fill.shuffle, notes: fill.notes, grade: grade,
    encode: function (q, r, number, target) { return target.number(number, r); },
    number: function (q, r) { return answers.toNumber(r); }, graded: true,
    mark: fill.marker(grade), reveal: function (q, C) {
      var g = q.ranges[0];
      if (g) fill.shown(q, g[0] === g[1] ? C.num(g[0]) : C.num(g[0]) + '\u2013' + C.num(g[1]), C);
    } };
});
