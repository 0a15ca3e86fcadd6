/* coursec qsingle: the single-choice kind in the page (coursec/quizkinds/single.py is its
 * compiler half), and the choice helpers the other choice kinds (qmultiple, qtruefalse,
 * qlikert) share.
 * In:  a quiz of cs-data (choices: ids; correct: indexes; rid.c) with its form (q.form: radio
 *      inputs named q.id, valued by the choice ids, inside [data-cs-choices]); C, the form
 *      helpers of forms.js ({doc, $, $$, L, S, fmt, moves}).
 * Out: the kind members (kinds.js): collect(q, C) -> the chosen index or null; apply(q, r, C);
 *      shuffle(q, seed, C) (the choices, with :shuffle:); notes(q, r) -> the ids whose authored
 *      feedback shows for r; grade(q, r) -> 1 | 0; encode(q, r, number, target) -> rid.c[r];
 *      number(q, r) -> the number an adapter writes (null: not a number kind); graded (whether
 *      it has a right answer and counts for points: a target writes its weighting); mark(q, r, C) (a mark on the chosen choice: correct or incorrect; with all, as
 *      qmultiple does, also on each correct choice not chosen: missed) -> the counts {wrong,
 *      missed} for qmultiple, null here; reveal(q, C) (each correct choice not marked yet is
 *      marked as the answer). Also inputs, chosen and marks for the other choice kinds.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).qsingle = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var rng = require('./rng.js');
  function inputs(q, C) { return C.$$('input[name="' + q.id + '"]', q.form); }
  function chosen(r) { return r === null || r === undefined ? [] : Array.isArray(r) ? r : [r]; }
  function collect(q, C) {
    var on = inputs(q, C).filter(function (x) { return x.checked; });
    return on.length ? q.choices.indexOf(on[0].value) : null;
  }
  function apply(q, r, C) {
    var picked = chosen(r);
    inputs(q, C).forEach(function (x) { x.checked = picked.indexOf(q.choices.indexOf(x.value)) >= 0; });
  }
  function shuffle(q, seed, C) {
    var box = C.$('[data-cs-choices]', q.form), nodes = {};
    if (!q.shuffle || !box) return;
    C.$$('[data-cs-choice]', box).forEach(function (n) { nodes[n.getAttribute('data-cs-choice')] = n; });
    rng.permutation(q.choices.length, seed).forEach(function (i) { box.appendChild(nodes[q.choices[i]]); });
  }
  function notes(q, r) { return chosen(r).map(function (i) { return q.choices[i]; }); }
  function grade(q, r) { return q.correct.indexOf(r) >= 0 ? 1 : 0; }
  function choice(q, i, C) { return C.$('[data-cs-choice="' + q.choices[i] + '"]', q.form); }
  function marks(q, r, C, all) {
    var picked = chosen(r), right = q.correct || [], n = { wrong: 0, missed: 0 };
    q.choices.forEach(function (id, i) {
      var on = picked.indexOf(i) >= 0, ok = right.indexOf(i) >= 0, el = choice(q, i, C);
      var state = on ? (ok ? 'correct' : 'incorrect') : ok && all ? 'missed' : null;
      if (on && !ok) n.wrong++;
      if (state === 'missed') n.missed++;
      if (state && el) C.badge(C.$('label', el), el, state);
    });
    return n;
  }
  function reveal(q, C) {
    q.correct.forEach(function (i) {
      var el = choice(q, i, C);
      if (el && !el.hasAttribute('data-cs-marked')) C.badge(C.$('label', el), el, 'answer');
    });
  }
  function encode(q, r) { return q.rid.c[r]; }
  return { collect: collect, apply: apply, shuffle: shuffle, notes: notes, grade: grade, encode: encode,
    number: function () { return null; }, graded: true, mark: function (q, r, C) { marks(q, r, C, false); return null; }, reveal: reveal,
    inputs: inputs, chosen: chosen, marks: marks };
});
