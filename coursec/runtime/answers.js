/* coursec answers: what a learner typed, normalised the way grading and storage need it.
 * In:  raw text from an answer box; the quiz's limits (cs-data limits.fill / limits.num).
 * Out: clean(text) (no control characters or lone surrogates: each stored character costs at
 *      most 2 in the JSON state), fillIn(text, max) / numericText(text, max) (the text stored in
 *      the state, or null when empty), norm(text, caseSensitive) (what fill-in answers compare),
 *      toNumber(text) (a decimal written with '.' or ',' as the sign, else NaN).
 * Pure: no DOM. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).answers = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function clean(text) {
    return String(text).replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, '$1');
  }
  function fillIn(text, max) {
    var v = clean(text).trim().slice(0, max);
    return v ? v : null;
  }
  function numericText(text, max) {
    var v = String(text).replace(/[^0-9.,+\-eE]/g, '').slice(0, max);
    return v ? v : null;
  }
  function norm(text, caseSensitive) {
    var t = String(text).replace(/\s+/g, ' ').trim();
    return caseSensitive ? t : t.toLowerCase();
  }
  function toNumber(text) {
    var t = String(text).trim();
    if (t.indexOf('.') < 0) t = t.replace(',', '.');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return NaN;
    return Number(t);
  }
  return { clean: clean, fillIn: fillIn, numericText: numericText, norm: norm, toNumber: toNumber };
});
