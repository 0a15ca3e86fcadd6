/* coursec qsequencing: the sequencing kind in the page (coursec/quizkinds/sequencing.py): an
 * ordered list of items ([data-cs-item] = the choice id) the learner moves up and down.
 * In:  a quiz of cs-data (choices: ids in the right order; rid.c) with its form; C (forms.js:
 *      moves(list) sets which move buttons are enabled).
 * Out: the kind members (kinds.js): collect -> the order the items are in (choice indexes);
 *      apply (puts them in that order); shuffle (always: a seeded start that is never the
 *      right order, rng.sequenceStart); grade -> 1 in the right order; encode -> rid.c of each,
 *      listed; mark (on each item: in its right place or not) -> {wrong, missed: 0}; reveal
 *      (the items put in the right order, each marked as the answer).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qsequencing = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var rng = require('./rng.js');
  function order(q, r, C) {
    var list = C.$('[data-cs-seq]', q.form), items = {};
    C.$$('[data-cs-item]', list).forEach(function (li) { items[li.getAttribute('data-cs-item')] = li; });
    r.forEach(function (i) { if (items[q.choices[i]]) list.appendChild(items[q.choices[i]]); });
    C.moves(list);
  }
  function collect(q, C) {
    return C.$$('[data-cs-item]', q.form).map(function (li) { return q.choices.indexOf(li.getAttribute('data-cs-item')); });
  }
  function grade(q, r) { return r.length === q.choices.length && rng.isIdentity(r) ? 1 : 0; }
  function encode(q, r, number, target) { return r.map(function (i) { return q.rid.c[i]; }).join(target.format.list); }
  function each(q, C, f) {
    C.$$('[data-cs-item]', q.form).forEach(function (li, k) { f(li, k, q.choices.indexOf(li.getAttribute('data-cs-item'))); });
  }
  function mark(q, r, C) {
    var n = { wrong: 0, missed: 0 };
    if (r) order(q, r, C);
    each(q, C, function (li, k, i) {
      if (i !== k) n.wrong++;
      C.badge(C.$('.cs-seq-text', li), li, i === k ? 'correct' : 'incorrect');
    });
    return n;
  }
  function reveal(q, C) {
    order(q, q.choices.map(function (c, i) { return i; }), C);
    each(q, C, function (li) { C.badge(C.$('.cs-seq-text', li), li, 'answer'); });
  }
  return { collect: collect, apply: order, shuffle: function (q, seed, C) { order(q, rng.sequenceStart(q.choices.length, seed), C); },
    notes: function () { return []; }, grade: grade, encode: encode, number: function () { return null; }, graded: true, mark: mark, reveal: reveal };
});
