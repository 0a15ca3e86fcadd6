/* coursec messages: the theme's UI strings filled in, and numbers written the course's way.
 * In:  cs-data strings (a string, or plural forms by CLDR category), a plural rule (an
 *      Intl.PluralRules or anything with select(n); null: 'other'), cs-data numbers (the
 *      language's decimal and group signs and the numbering system, from Babel).
 * Out: format(strings, plural)(key, vars) -> the string with each {name} replaced (the form
 *      chosen by vars.n); number(x, signs) -> x rounded to 2 decimals, grouped by thousands;
 *      percent(x, lang, signs) -> x % as the language writes a percentage (Intl.NumberFormat,
 *      at most 2 decimals, in the digits of signs.digits as Babel writes the course's other
 *      numbers: de "66,67 %", ar-SA "66.67%"), number(x) + '%' without Intl;
 *      decimal(x, signs) -> x in full with the language's decimal sign (de 2.5 -> "2,5").
 * Pure. A missing key is ''.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).messages = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function format(strings, plural) {
    return function (key, vars) {
      var t = strings[key] || '';
      if (typeof t === 'object') {
        var n = vars && typeof vars.n === 'number' ? vars.n : null;
        t = t[plural && n !== null ? plural.select(n) : 'other'] || t.other || '';
      }
      for (var k in vars) t = t.split('{' + k + '}').join(vars[k]);
      return t;
    };
  }
  function number(x, signs) {
    signs = signs || { decimal: '.', group: ',' };
    var parts = String(Math.round(x * 100) / 100).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, signs.group);
    return parts.length > 1 ? whole + signs.decimal + parts[1] : whole;
  }
  function percent(x, lang, signs) {
    try {
      return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2,
        numberingSystem: (signs || {}).digits || 'latn' }).format(x / 100);
    } catch (e) { return number(x, signs) + '%'; } // no Intl, or a tag it does not know
  }
  // x in full (String(x): no rounding, no grouping, so it reads back as typed) with the
  // language's decimal sign: a correct numeric answer shown
  function decimal(x, signs) { return String(x).replace('.', (signs || {}).decimal || '.'); }
  return { format: format, number: number, percent: percent, decimal: decimal };
});
