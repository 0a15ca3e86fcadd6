/* coursec qmatching: the matching kind in the page (coursec/quizkinds/matching.py): one select
 * per term ([data-cs-pair] = the pair id, in .cs-pair rows), its options the pair ids; the
 * chosen text written out in full below it (C.echo: a phone's closed select cuts it).
 * In:  a quiz of cs-data (pairs: ids; rid.s, rid.t) with its form; C (forms.js).
 * Out: the kind members (kinds.js): collect -> per term the index of the pair picked (-1:
 *      none), null when none is; apply; shuffle (the rows, with :shuffle:); grade -> 1 when
 *      every term has its own; encode -> source.target per answered term, listed; mark (on
 *      each term: correct or incorrect, unanswered included) -> {wrong, missed: 0}; reveal
 *      (every term set to its own match, marked as the answer).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qmatching = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var rng = require('./rng.js');
  function sel(q, p, C) { return C.$('select[data-cs-pair="' + p + '"]', q.form); }
  function collect(q, C) {
    var out = q.pairs.map(function (p) { var s = sel(q, p, C); return s && s.value ? q.pairs.indexOf(s.value) : -1; });
    return out.some(function (x) { return x >= 0; }) ? out : null;
  }
  function apply(q, r, C) {
    q.pairs.forEach(function (p, i) { var s = sel(q, p, C); if (s) { s.value = r[i] >= 0 ? q.pairs[r[i]] : ''; C.echo(s); } });
  }
  function shuffle(q, seed, C) {
    var rows = C.$$('.cs-pair', q.form), parent = rows.length && rows[0].parentNode;
    if (q.shuffle && parent) rng.permutation(rows.length, seed).forEach(function (i) { parent.appendChild(rows[i]); });
  }
  function grade(q, r) { return r.length === q.pairs.length && rng.isIdentity(r) ? 1 : 0; }
  function encode(q, r, number, target) {
    var f = target.format;
    return r.map(function (m, i) { return m < 0 ? '' : q.rid.s[i] + f.pair + q.rid.t[m]; }).filter(Boolean).join(f.list);
  }
  function rows(q, C, each) {
    q.pairs.forEach(function (p, i) { var s = sel(q, p, C), row = s && s.closest('.cs-pair'); if (row) each(row, i); });
  }
  function mark(q, r, C) {
    var n = { wrong: 0, missed: 0 };
    rows(q, C, function (row, i) {
      var ok = r && r[i] === i;
      if (!ok) n.wrong++;
      C.badge(C.$('label', row), row, ok ? 'correct' : 'incorrect');
    });
    return n;
  }
  function reveal(q, C) {
    apply(q, q.pairs.map(function (p, i) { return i; }), C);
    rows(q, C, function (row) { C.badge(C.$('label', row), row, 'answer'); });
  }
  return { collect: collect, apply: apply, shuffle: shuffle, notes: function () { return []; }, grade: grade,
    encode: encode, number: function () { return null; }, graded: true, mark: mark, reveal: reveal };
});
