'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const { Document } = require('./fakedom.js');
const exam = runtime('exam');
const forms = runtime('forms');
const messages = runtime('messages');

const QUIZZES = ['a', 'b', 'c'].map((id) => ({ id, kind: 'single', points: 1, attempts: 0, inA: true, choices: ['right', 'wrong'], correct: [0] }));
const A = { id: 'final', lesson: 0, pass: 60, attempts: 2, draw: 2, shuffle: false, pool: [0, 1, 2], layout: 'one', review: 'full' };
const S = { passed: 'Passed', failed: 'Failed', no_attempts: 'None left', exam_right: 'Right', exam_wrong: 'Wrong', exam_unanswered: 'Open' };
function setup(opts) {
  opts = opts || {};
  const doc = new Document(), d = (t, a, k) => doc.el(t, a, k);
  const quizzes = JSON.parse(JSON.stringify(QUIZZES));
  const slots = quizzes.map((q) => {
    q.form = d('form', { 'data-cs-quiz': q.id }, [d('div', { 'data-cs-choices': '' }, q.choices.map((c) => d('input', { name: q.id, value: c }))),
      d('div', { 'data-cs-feedback': '' }),
      d('div', { class: 'cs-fb-store' }, [d('div', { 'data-cs-fb': 'correct' }), d('div', { 'data-cs-fb': 'incorrect' })])]);
    q.form.querySelector('[data-cs-fb="correct"]').innerHTML = 'Well done on ' + q.id;
    q.form.querySelector('[data-cs-fb="incorrect"]').innerHTML = 'Think again about ' + q.id;
    return d('div', { 'data-cs-slot': q.id }, [d('h4', { 'data-cs-qnum': '' }), d('p', { 'data-cs-review-mark': '', hidden: true }), q.form]);
  });
  doc.body.appendChild(d('section', { 'data-cs-assessment': 'final' }, [d('p', { 'data-cs-attempts': '' }), d('button', { 'data-cs-start': '' }),
    d('progress', { 'data-cs-bar': '', hidden: true }),
    d('div', { 'data-cs-outcome': '', hidden: true }, [d('p', { 'data-cs-score': '' })]), d('h4', { 'data-cs-review-title': '' }),
    d('div', { 'data-cs-drawn': '' }, slots), d('button', { 'data-cs-prev': '' }), d('button', { 'data-cs-next': '' }),
    d('button', { 'data-cs-submit': '' }), d('button', { 'data-cs-retry': '' }), d('p', { 'data-cs-note': '' })]));
  const assessment = Object.assign({}, A, opts.assessment || {});
  const data = { assessment: opts.noAssessment ? null : assessment, quizzes, strings: S, lang: opts.lang || 'en',
    limits: { tries: 99 }, numbers: { decimal: ',', group: '.' } };
  const fmt = (k, v) => k + ' ' + JSON.stringify(v);
  const st = opts.state || { r: 3, q: [], a: { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 } };
  const log = { recs: [], syncs: 0, shown: [], marked: [], revealed: [] };
  const F = forms.create(doc, { fill: 50, num: 20 }, S, fmt);
  F.mark = (q, e) => log.marked.push([q.id, e]); // the kinds helper's functions, watched
  F.reveal = (q) => log.revealed.push(q.id);
  const X = exam.create(doc, { data, forms: F, fmt, state: () => st,
    review: () => !!opts.review, threshold: () => 'threshold' in opts ? opts.threshold : 60,
    shown: (qi) => log.shown.push(qi), record: (q, r, res) => log.recs.push([q.id, r, res]), sync: () => log.syncs++ });
  const pick = (k, choice) => { quizzes[st.a.d[k]].form.querySelectorAll('input')[choice].checked = true; };
  const slot = (k) => doc.querySelector('[data-cs-slot="' + quizzes[st.a.d[k]].id + '"]');
  const visible = () => doc.querySelectorAll('[data-cs-slot]').filter((s) => !s.hidden).map((s) => s.getAttribute('data-cs-slot'));
  const shown = (sel) => !doc.querySelector(sel).hidden;
  return { doc, X, st, log, quizzes, pick, slot, visible, shown, $: (s) => doc.querySelector(s) };
}

test('one question per screen: progress, Previous/Next, answers kept, Submit on the last, focus on the heading', () => {
  const t = setup();
  t.X.render(false);
  assert.deepEqual(t.visible(), []);
  assert.equal(t.$('[data-cs-attempts]').textContent, 'exam_attempts {"n":2}', 'before the first attempt: how many there are');
  t.X.start();
  assert.deepEqual([t.st.a.n, t.st.a.s, t.st.a.d.length], [1, 0, 2]);
  assert.deepEqual(t.log.shown, t.st.a.d, 'every drawn question counts as shown at the start (latency as before)');
  assert.deepEqual(t.visible(), [t.quizzes[t.st.a.d[0]].id]);
  assert.equal(t.$('[data-cs-attempts]').textContent, 'exam_attempt_of {"n":1,"total":2}', 'during attempt 1 of 2: no "1 attempt left"');
  assert.equal(t.slot(0).querySelector('[data-cs-qnum]').textContent, 'question_of {"n":1,"total":2}');
  assert.equal(t.doc.activeElement, t.slot(0).querySelector('[data-cs-qnum]'));
  assert.deepEqual([t.$('[data-cs-bar]').hidden, t.$('[data-cs-bar]').value, t.$('[data-cs-bar]').max], [false, 1, 2]);
  assert.deepEqual(['[data-cs-start]', '[data-cs-prev]', '[data-cs-next]', '[data-cs-submit]', '[data-cs-retry]'].map(t.shown),
    [false, false, true, false, false]);
  t.pick(0, 1);
  t.X.move(1);
  assert.deepEqual(t.visible(), [t.quizzes[t.st.a.d[1]].id]);
  assert.equal(t.doc.activeElement, t.slot(1).querySelector('[data-cs-qnum]'));
  assert.equal(t.$('[data-cs-bar]').value, 2);
  assert.deepEqual(['[data-cs-prev]', '[data-cs-next]', '[data-cs-submit]'].map(t.shown), [true, false, true]);
  t.X.move(1);
  assert.equal(t.X.at(), 1, 'no step past the last question');
  t.X.move(-1);
  assert.equal(t.slot(0).querySelectorAll('input')[1].checked, true, 'the answer is still there after Next and Previous');
  assert.equal(t.log.syncs, 1, 'moving does not report anything');
  t.X.start();
  assert.equal(t.st.a.n, 1, 'not twice while one is open');
});

test('submit: asks once about unanswered questions, grades as before, then the results with the review (full)', () => {
  const t = setup({ lang: 'de' });
  t.X.start();
  t.pick(0, 0);
  t.X.move(1);
  t.X.submit();
  assert.equal(t.st.a.s, 0);
  assert.equal(t.$('[data-cs-note]').textContent, 'unanswered {"n":1}');
  t.X.move(-1);
  assert.equal(t.$('[data-cs-note]').textContent, '', 'a move takes the question back: ask again');
  t.X.move(1);
  t.X.submit();
  assert.equal(t.st.a.s, 0);
  t.X.submit();
  assert.deepEqual([t.st.a.s, t.st.a.l, t.st.a.b, t.st.a.p], [1, 50, 50, 0]);
  assert.deepEqual(t.log.recs, [[t.quizzes[t.st.a.d[0]].id, 0, 1]], 'an unanswered question is not recorded');
  assert.deepEqual(t.$('[data-cs-score]').children.map((c) => c.textContent),
    ['exam_score {"score":"50\u00a0%"}', 'Failed', 'exam_pass {"pass":"60\u00a0%"}'], 'de: Intl writes "50 %"');
  assert.equal(t.$('[data-cs-score]').getAttribute('data-cs-passed'), 'false');
  assert.equal(t.doc.activeElement, t.$('[data-cs-outcome]'));
  assert.equal(t.$('[data-cs-attempts]').textContent, 'attempts_left {"n":1}');
  assert.deepEqual(t.visible().length, 2, 'the review shows every question of the attempt');
  assert.deepEqual([0, 1].map((k) => t.slot(k).querySelector('[data-cs-review-mark]').getAttribute('data-cs-verdict')), ['right', 'unanswered']);
  assert.equal(t.slot(0).querySelector('[data-cs-review-mark]').textContent, '\u2713Right');
  assert.equal(t.slot(0).querySelector('[data-cs-feedback] .cs-fb').innerHTML, 'Well done on ' + t.quizzes[t.st.a.d[0]].id);
  assert.equal(t.slot(1).querySelector('[data-cs-feedback] .cs-fb').innerHTML, 'Think again about ' + t.quizzes[t.st.a.d[1]].id);
  assert.deepEqual(t.log.revealed, t.st.a.d.map((qi) => t.quizzes[qi].id), 'the correct answer shown in every form');
  assert.deepEqual(t.log.marked.map((m) => m[1]), [[1, 0, 1], [1, null, 0]]);
  assert.ok(t.slot(0).querySelectorAll('input').every((i) => i.disabled), 'the review is locked');
  assert.deepEqual(['[data-cs-prev]', '[data-cs-next]', '[data-cs-submit]', '[data-cs-retry]'].map(t.shown), [false, false, false, true]);
  t.X.start();
  assert.equal(t.$('[data-cs-attempts]').textContent, 'exam_attempt_of {"n":2,"total":2}');
  assert.equal(t.slot(0).querySelector('[data-cs-review-mark]').hidden, true, 'a new attempt starts without marks');
  t.pick(0, 0); t.X.move(1); t.pick(1, 0); t.X.submit();
  assert.deepEqual([t.st.a.n, t.st.a.l, t.st.a.b, t.st.a.p], [2, 100, 100, 1]);
  assert.equal(t.$('[data-cs-score]').getAttribute('data-cs-passed'), 'true');
  assert.equal(t.shown('[data-cs-retry]'), false);
  assert.equal(t.$('[data-cs-attempts]').textContent, '', 'passed: no retry, no count');
  const f = setup({ assessment: { attempts: 1 } });
  f.X.start(); f.pick(0, 1); f.X.move(1); f.pick(1, 1); f.X.submit();
  assert.equal(f.$('[data-cs-attempts]').textContent, 'None left');
  assert.equal(f.shown('[data-cs-retry]'), false);
});

test('review correctness: right or wrong only, no correct answer and no per-choice marks; none: the score only', () => {
  const c = setup({ assessment: { review: 'correctness' } });
  c.X.start(); c.pick(0, 1); c.X.move(1); c.pick(1, 0); c.X.submit();
  assert.deepEqual([0, 1].map((k) => c.slot(k).querySelector('[data-cs-review-mark]').getAttribute('data-cs-verdict')), ['wrong', 'right']);
  assert.deepEqual([c.log.marked, c.log.revealed], [[], []]);
  assert.equal(c.slot(0).querySelector('[data-cs-feedback]').textContent, '', 'no authored feedback');
  assert.equal(c.quizzes[c.st.a.d[0]].form.getAttribute('data-cs-result'), 'incorrect');
  assert.equal(c.shown('[data-cs-review-title]'), true);
  const n = setup({ assessment: { review: 'none' } });
  n.X.start(); n.pick(0, 1); n.X.move(1); n.pick(1, 0); n.X.submit();
  assert.deepEqual(n.visible(), []);
  assert.equal(n.shown('[data-cs-outcome]'), true);
  assert.equal(n.shown('[data-cs-review-title]'), false);
  assert.equal(n.$('[data-cs-score]').children[0].textContent, 'exam_score {"score":"50%"}');
});

test('layout all: every drawn question at once, no Previous/Next, Submit shown', () => {
  const t = setup({ assessment: { layout: 'all', attempts: 0 } });
  t.X.render(false);
  assert.equal(t.$('[data-cs-attempts]').textContent, '', 'unlimited attempts: no count');
  t.X.start();
  assert.equal(t.visible().length, 2);
  assert.deepEqual(['[data-cs-bar]', '[data-cs-prev]', '[data-cs-next]', '[data-cs-submit]'].map(t.shown), [false, false, false, true]);
  assert.equal(t.$('[data-cs-attempts]').textContent, '');
  t.X.move(1);
  assert.equal(t.X.at(), 0);
});

test('no threshold: every submitted attempt passes, no pass mark shown; review: nothing starts', () => {
  const t = setup({ threshold: null });
  t.X.start(); t.pick(0, 1); t.X.move(1); t.pick(1, 1); t.X.submit();
  assert.deepEqual([t.st.a.l, t.st.a.p], [0, 1]);
  assert.equal(t.$('[data-cs-score]').children.length, 2);
  const r = setup({ review: true });
  r.X.start();
  assert.equal(r.st.a.n, 0);
});

test('restore: an open attempt opens on its first unanswered question; a submitted one comes back locked and marked', () => {
  const open = setup({ state: { r: 3, q: [[0, 1, 0], null, null], a: { n: 1, d: [0, 1], s: 0, b: -1, l: -1, p: 0 } } });
  open.X.restore();
  assert.equal(open.X.at(), 1);
  assert.deepEqual(open.visible(), ['b']);
  assert.equal(open.quizzes[0].form.querySelectorAll('input')[1].checked, true, 'the draft answer is back');
  const st = { r: 3, q: [[1, 0, 1], [1, 1, 0]], a: { n: 1, d: [0, 1], s: 1, b: 50, l: 50, p: 0 } };
  const t = setup({ state: st });
  t.X.restore();
  assert.equal(t.quizzes[0].form.querySelectorAll('input')[0].checked, true);
  assert.equal(t.quizzes[1].form.getAttribute('data-cs-result'), 'incorrect');
  assert.ok(t.quizzes[0].form.querySelectorAll('input').every((i) => i.disabled));
  assert.deepEqual(t.visible(), ['a', 'b']);
  assert.equal(t.doc.activeElement, undefined, 'a restore moves no focus');
  const none = setup({ noAssessment: true });
  none.X.start(); none.X.submit(); none.X.render(true); none.X.move(1); none.X.restore();
  assert.equal(none.log.syncs, 0);
});

test('percent: the language\'s way with Intl, the cs-data signs without it', () => {
  assert.equal(messages.percent(66.666666, 'de'), '66,67\u00a0%');
  assert.equal(messages.percent(66.666666, 'en-US'), '66.67%');
  // the digits Babel writes the course's other numbers in (cs-data numbers.digits)
  assert.match(messages.percent(66.666666, 'ar-SA', { decimal: '.', group: ',', digits: 'latn' }), /^66[.\u066b]67/);
  assert.match(messages.percent(66.666666, 'ar-SA', { decimal: '.', group: ',', digits: 'arab' }), /^\u0666\u0666\u066b\u0666\u0667/);
  assert.equal(messages.percent(66.666666, 'not a tag!', { decimal: ',', group: '.' }), '66,67%');
});
