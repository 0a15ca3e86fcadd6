'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const { Document } = require('./fakedom.js');
const exam = runtime('exam');
const forms = runtime('forms');

const QUIZZES = ['a', 'b', 'c'].map((id) => ({ id, kind: 'single', points: 1, attempts: 0, inA: true, choices: ['right', 'wrong'], correct: [0] }));
const A = { id: 'final', lesson: 0, pass: 60, attempts: 2, draw: 2, shuffle: false, pool: [0, 1, 2] };
const S = { passed: 'Passed', failed: 'Failed', no_attempts: 'None left' };
function setup(opts) {
  opts = opts || {};
  const doc = new Document(), d = (t, a, k) => doc.el(t, a, k);
  const quizzes = JSON.parse(JSON.stringify(QUIZZES));
  const slots = quizzes.map((q) => {
    q.form = d('form', { 'data-cs-quiz': q.id }, [d('div', { 'data-cs-choices': '' }, q.choices.map((c) => d('input', { name: q.id, value: c }))),
      d('div', { 'data-cs-feedback': '' })]);
    return d('div', { 'data-cs-slot': q.id }, [d('p', { 'data-cs-qnum': '' }), q.form]);
  });
  doc.body.appendChild(d('section', { 'data-cs-assessment': 'final' }, [d('p', { 'data-cs-attempts': '' }), d('button', { 'data-cs-start': '' }),
    d('div', { 'data-cs-drawn': '' }, slots), d('button', { 'data-cs-submit': '' }), d('p', { 'data-cs-note': '' }),
    d('p', { 'data-cs-score': '' }), d('button', { 'data-cs-retry': '' })]));
  const data = { assessment: opts.noAssessment ? null : A, quizzes, strings: S, limits: { tries: 99 }, numbers: { decimal: ',', group: '.' } };
  const fmt = (k, v) => k + ' ' + JSON.stringify(v);
  const st = opts.state || { r: 3, q: [], a: { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 } };
  const log = { recs: [], syncs: 0, shown: [] };
  const X = exam.create(doc, { data, forms: forms.create(doc, { fill: 50, num: 20 }, S, fmt), fmt, state: () => st,
    review: () => !!opts.review, threshold: () => 'threshold' in opts ? opts.threshold : 60,
    shown: (qi) => log.shown.push(qi), record: (q, r, res) => log.recs.push([q.id, r, res]), sync: () => log.syncs++ });
  const answer = (ids) => st.a.d.forEach((qi, k) => { if (ids[k] !== undefined) quizzes[qi].form.querySelectorAll('input')[ids[k]].checked = true; });
  return { doc, X, st, log, quizzes, answer, $: (s) => doc.querySelector(s) };
}
test('start draws the attempt\'s quizzes and shows only them, numbered', () => {
  const { X, st, log, doc, $ } = setup();
  X.render(false);
  assert.deepEqual(doc.querySelectorAll('[data-cs-slot]').map((s) => s.hidden), [true, true, true]);
  assert.equal($('[data-cs-attempts]').textContent, 'attempts_left {"n":2}');
  X.start();
  assert.deepEqual([st.a.n, st.a.s, st.a.d.length], [1, 0, 2]);
  assert.deepEqual(log.shown, st.a.d);
  assert.equal(log.syncs, 1);
  const visible = doc.querySelectorAll('[data-cs-slot]').filter((s) => !s.hidden);
  assert.deepEqual(visible.map((s) => s.querySelector('[data-cs-qnum]').textContent), ['question_of {"n":1,"total":2}', 'question_of {"n":2,"total":2}']);
  assert.deepEqual([$('[data-cs-start]').hidden, $('[data-cs-submit]').hidden, $('[data-cs-retry]').hidden], [true, false, true]);
  X.start();
  assert.equal(st.a.n, 1, 'not twice while one is open');
});
test('submit: asks once about unanswered quizzes, then grades, scores and decides', () => {
  const t = setup();
  t.X.start();
  t.answer([0]);
  t.X.submit();
  assert.equal(t.st.a.s, 0);
  assert.equal(t.$('[data-cs-note]').textContent, 'unanswered {"n":1}');
  t.X.submit();
  assert.deepEqual([t.st.a.s, t.st.a.l, t.st.a.b, t.st.a.p], [1, 50, 50, 0]);
  assert.equal(t.log.recs.length, 1, 'an unanswered quiz is not recorded');
  assert.equal(t.$('[data-cs-score]').textContent, 'score {"score":"50","pass":"60"} Failed');
  assert.equal(t.$('[data-cs-retry]').hidden, false);
  t.X.start();
  t.answer([0, 0]);
  t.X.submit();
  assert.deepEqual([t.st.a.n, t.st.a.l, t.st.a.b, t.st.a.p], [2, 100, 100, 1]);
  assert.equal(t.$('[data-cs-score]').getAttribute('data-cs-passed'), 'true');
  assert.equal(t.$('[data-cs-retry]').hidden, true);
  assert.equal(t.$('[data-cs-attempts]').textContent, 'None left');
});
test('no threshold: every submitted attempt passes; review: nothing starts', () => {
  const t = setup({ threshold: null });
  t.X.start(); t.answer([1, 1]); t.X.submit();
  assert.deepEqual([t.st.a.l, t.st.a.p], [0, 1]);
  const r = setup({ review: true });
  r.X.start();
  assert.equal(r.st.a.n, 0);
});
test('restore: a submitted attempt comes back locked with its verdicts', () => {
  const st = { r: 3, q: [[1, 0, 1], [1, 1, 0]], a: { n: 1, d: [0, 1], s: 1, b: 50, l: 50, p: 0 } };
  const t = setup({ state: st });
  t.X.restore();
  assert.equal(t.quizzes[0].form.querySelectorAll('input')[0].checked, true);
  assert.equal(t.quizzes[1].form.getAttribute('data-cs-result'), 'incorrect');
  assert.ok(t.quizzes[0].form.querySelectorAll('input').every((i) => i.disabled));
  const none = setup({ noAssessment: true });
  none.X.start(); none.X.submit(); none.X.render(true); none.X.restore();
  assert.equal(none.log.syncs, 0);
});
