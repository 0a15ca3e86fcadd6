'use strict';
// Each quiz kind's module (kinds.js table): collect, apply, grade, encode, mark, reveal, on the
// small DOM; mark and reveal through forms.js (the marks: a glyph and the catalog's word).
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const { Document } = require('./fakedom.js');
const kinds = runtime('kinds');
const forms = runtime('forms');

const S = { correct: 'Right', incorrect: 'Wrong', answered: 'Thanks', mark_correct: 'correct', mark_incorrect: 'incorrect',
  mark_missed: 'missed', mark_answer: 'answer', answer_shown: 'Shown' };
const fmt = (k, v) => k + ':' + JSON.stringify(v);
const T = { format: { list: ',', pair: '.', range: ':' }, text: 5, number: (n) => String(n) };
const MEMBERS = ['collect', 'apply', 'shuffle', 'notes', 'grade', 'encode', 'number', 'mark', 'reveal'];

function page() { const doc = new Document(); return { doc, F: forms.create(doc, { fill: 10, num: 5 }, S, fmt) }; }
function shell(doc, q, inner) {
  q.form = doc.el('form', { 'data-cs-quiz': q.id }, [...inner, doc.el('div', { 'data-cs-feedback': '' })]);
  doc.body.appendChild(q.form);
  return q;
}
function choiceQuiz(doc, kind, correct, type) {
  const q = { id: 'q', kind, choices: ['a', 'b', 'c'], correct, rid: { c: ['x', 'y', 'z'] }, show: true };
  return shell(doc, q, [doc.el('div', { 'data-cs-choices': '' }, q.choices.map((c) => doc.el('div', { 'data-cs-choice': c }, [
    doc.el('input', { name: 'q', value: c, type: type || 'radio' }), doc.el('label', {}, c.toUpperCase())])))]);
}
// the marks as [where, state, word, glyph]
function marks(q) {
  return q.form.querySelectorAll('.cs-mark').map((m) => {
    const at = m.closest('[data-cs-marked]') || m.parentNode;
    return [at.getAttribute('data-cs-choice') || at.getAttribute('data-cs-item') || at.getAttribute('data-cs-pair') || at.tagName,
      m.getAttribute('data-cs-mark'), m.querySelector('.cs-sr-only').textContent, m.children[0].textContent];
  });
}
function pick(q, ids) { q.form.querySelectorAll('input').forEach((i) => { i.checked = ids.includes(i.value); }); }

test('every kind module has every member', () => {
  for (const [name, k] of Object.entries(kinds)) {
    for (const m of MEMBERS) assert.equal(typeof k[m], 'function', name + '.' + m);
    assert.equal(typeof k.graded, 'boolean', name);
  }
  assert.equal(kinds.likert.graded, false);
});
test('single: collect, apply, grade, encode; the chosen choice marked; reveal marks the answer', () => {
  const { doc, F } = page();
  const q = choiceQuiz(doc, 'single', [1]);
  pick(q, ['c']);
  assert.equal(F.collect(q), 2);
  F.apply(q, 0);
  assert.equal(F.collect(q), 0);
  assert.equal(kinds.single.grade(q, 1), 1);
  assert.equal(kinds.single.grade(q, 0), 0);
  assert.equal(kinds.single.encode(q, 2, null, T), 'z');
  assert.equal(F.mark(q, [1, 0, 0]), null);
  assert.deepEqual(marks(q), [['a', 'incorrect', 'incorrect', '\u2717']]);
  F.reveal(q);
  assert.deepEqual(marks(q).map((m) => m.slice(0, 2)), [['a', 'incorrect'], ['b', 'answer']]);
  assert.equal(q.form.getAttribute('data-cs-revealed'), '');
  F.reset(q);
  assert.deepEqual(marks(q), []);
  assert.equal(q.form.hasAttribute('data-cs-revealed'), false);
});
test('true-false: as single, the target words in rid.c', () => {
  const { doc, F } = page();
  const q = choiceQuiz(doc, 'true-false', [0]);
  q.rid = { c: ['t', 'f'] };
  assert.equal(kinds['true-false'].encode(q, 1, null, T), 'f');
  assert.equal(kinds['true-false'].grade(q, 0), 1);
  F.mark(q, [1, 0, 1]);
  assert.deepEqual(marks(q).map((m) => m.slice(0, 3)), [['a', 'correct', 'correct']]);
});
test('multiple: wrong and missed choices, counted', () => {
  const { doc, F } = page();
  const q = choiceQuiz(doc, 'multiple', [0, 2], 'checkbox');
  pick(q, ['c', 'b']);
  assert.deepEqual(F.collect(q), [1, 2]);
  F.apply(q, [0]);
  assert.deepEqual(F.collect(q), [0]);
  assert.equal(kinds.multiple.grade(q, [0, 2]), 1);
  assert.equal(kinds.multiple.grade(q, [0, 1, 2]), 0);
  assert.equal(kinds.multiple.encode(q, [0, 2], null, T), 'x,z');
  assert.deepEqual(F.mark(q, [1, [0, 1], 0]), { wrong: 1, missed: 1 });
  assert.deepEqual(marks(q), [['a', 'correct', 'correct', '\u2713'], ['b', 'incorrect', 'incorrect', '\u2717'],
    ['c', 'missed', 'missed', '\u2713']]);
  F.feedback(q, [1, [0, 1], 0], true);
  const lines = q.form.querySelector('[data-cs-feedback]').children.map((p) => p.textContent);
  assert.deepEqual(lines.slice(1), ['marked_wrong:{"n":1}', 'marked_missed:{"n":1}']);
});
test('likert: answered, never marked', () => {
  const { doc, F } = page();
  const q = choiceQuiz(doc, 'likert', []);
  assert.equal(kinds.likert.grade(q, 1), 2);
  assert.equal(F.mark(q, [1, 1, 2]), null);
  F.reveal(q);
  assert.deepEqual(marks(q), []);
});
function boxQuiz(doc, kind, extra) {
  return shell(doc, { id: kind, kind, show: true, ...extra }, [doc.el('label', { class: 'cs-answer-label' }, 'Your answer'),
    doc.el('input', { 'data-cs-answer': '' }), doc.el('p', { class: 'cs-help' }, 'help')]);
}
test('fill-in: the verdict on the box, the first accepted answer shown', () => {
  const { doc, F } = page();
  const q = boxQuiz(doc, 'fill-in', { answers: ['warm', 'hot'], case: false });
  q.form.querySelector('input').value = '  Warm ';
  assert.equal(F.collect(q), 'Warm');
  assert.equal(kinds['fill-in'].grade(q, 'WARM'), 1);
  assert.equal(kinds['fill-in'].encode(q, 'a long text', null, T), 'a lon');
  F.apply(q, 'cold');
  F.mark(q, [1, 'cold', 0]);
  assert.deepEqual(marks(q), [['LABEL', 'incorrect', 'incorrect', '\u2717']]);
  assert.equal(q.form.querySelector('input').getAttribute('data-cs-marked'), 'incorrect');
  assert.equal(q.form.querySelector('.cs-answer-label .cs-mark').getAttribute('data-cs-mark'), 'incorrect');
  F.reveal(q);
  const shown = q.form.querySelector('[data-cs-shown]');
  assert.equal(shown.textContent, 'answer_is:{"answer":"warm"}');
  assert.equal(shown.previousElementSibling.tagName, 'INPUT', 'under the box');
  F.mark(q, [1, 'hot', 1]);
  assert.deepEqual(marks(q).map((m) => m[1]), ['correct']);
  assert.equal(q.form.querySelector('[data-cs-shown]'), null, 'a new mark clears the shown answer');
});
test('numeric: in range, the number as the target writes it, a range shown low-high', () => {
  const { doc, F } = page();
  const q = boxQuiz(doc, 'numeric', { ranges: [[10, 14]] });
  q.form.querySelector('input').value = '12,5 days';
  assert.equal(F.collect(q), '12,5');
  assert.equal(kinds.numeric.grade(q, '12,5'), 1);
  assert.equal(kinds.numeric.grade(q, '15'), 0);
  assert.equal(kinds.numeric.encode(q, '12,5', 12.5, T), '12.5');
  F.mark(q, [1, '15', 0]);
  assert.deepEqual(marks(q).map((m) => m[1]), ['incorrect']);
  F.reveal(q);
  assert.equal(q.form.querySelector('[data-cs-shown]').textContent, 'answer_is:{"answer":"10\u201314"}');
});
test('matching: each term marked; reveal sets every match', () => {
  const { doc, F } = page();
  const q = shell(doc, { id: 'm', kind: 'matching', pairs: ['p', 'r', 's'], rid: { s: ['a', 'b', 'c'], t: ['a', 'b', 'c'] }, show: true },
    ['p', 'r', 's'].map((p) => doc.el('div', { class: 'cs-pair' }, [doc.el('label', {}, p), doc.el('select', { 'data-cs-pair': p })])));
  assert.equal(F.collect(q), null);
  F.apply(q, [0, 2, -1]);
  assert.deepEqual(F.collect(q), [0, 2, -1]);
  assert.equal(kinds.matching.grade(q, [0, 1, 2]), 1);
  assert.equal(kinds.matching.grade(q, [0, 2, 1]), 0);
  assert.equal(kinds.matching.encode(q, [0, 2, -1], null, T), 'a.a,b.c');
  assert.deepEqual(F.mark(q, [1, [0, 2, -1], 0]), { wrong: 2, missed: 0 });
  assert.deepEqual(marks(q).map((m) => m[1]), ['correct', 'incorrect', 'incorrect']);
  F.reveal(q);
  assert.deepEqual(F.collect(q), [0, 1, 2]);
  assert.deepEqual(marks(q).map((m) => m[1]), ['answer', 'answer', 'answer']);
});
test('sequencing: each position marked; reveal orders the steps', () => {
  const { doc, F } = page();
  const list = doc.el('ol', { 'data-cs-seq': '' }, ['c', 'a', 'b'].map((id) => doc.el('li', { 'data-cs-item': id }, [
    doc.el('span', { class: 'cs-seq-text' }, id), doc.el('button', { 'data-cs-move': 'up' }), doc.el('button', { 'data-cs-move': 'down' })])));
  const q = shell(doc, { id: 's', kind: 'sequencing', choices: ['a', 'b', 'c'], rid: { c: ['x', 'y', 'z'] }, show: true }, [list]);
  assert.deepEqual(F.collect(q), [2, 0, 1]);
  assert.equal(kinds.sequencing.grade(q, [0, 1, 2]), 1);
  assert.equal(kinds.sequencing.encode(q, [2, 0, 1], null, T), 'z,x,y');
  assert.deepEqual(F.mark(q, [1, [0, 2, 1], 0]), { wrong: 2, missed: 0 });
  assert.deepEqual(marks(q).map((m) => m.slice(0, 2)), [['a', 'correct'], ['c', 'incorrect'], ['b', 'incorrect']]);
  F.reveal(q);
  assert.deepEqual(F.collect(q), [0, 1, 2]);
  assert.deepEqual(marks(q).map((m) => m[1]), ['answer', 'answer', 'answer']);
});
test('feedback: the answer after the last try, the Show answer button with unlimited tries', () => {
  const { doc, F } = page();
  const q = choiceQuiz(doc, 'single', [1]);
  const button = doc.el('button', { 'data-cs-reveal': '', hidden: true });
  q.form.appendChild(button);
  q.attempts = 0;
  F.feedback(q, [1, 0, 0], true);
  assert.equal(button.hidden, false, 'unlimited: offered');
  assert.equal(q.form.hasAttribute('data-cs-revealed'), false);
  const entry = [1, 0, 0];
  assert.equal(F.showAnswer(q, entry), true, 'the entry changed: the caller saves it');
  assert.deepEqual(entry, [1, 0, 0, 1], 'Show answer is kept in the entry');
  assert.equal(q.form.getAttribute('data-cs-revealed'), '');
  assert.equal(button.hidden, true);
  assert.ok(q.form.querySelectorAll('input').every((x) => x.disabled));
  assert.equal(doc.activeElement, q.form.querySelector('[data-cs-feedback]'));
  assert.equal(F.isDone(q, entry), true, 'a shown answer ends the quiz');
  F.reset(q);
  F.feedback(q, [1, 0, 0, 1], true); // a resumed state: revealed again, the button gone
  assert.equal(q.form.getAttribute('data-cs-revealed'), '');
  assert.equal(button.hidden, true);
  F.reset(q);
  q.show = false;
  assert.equal(F.isDone(q, [1, 0, 0, 1]), false, 'without :show-answer: the 4th item is ignored');
  assert.equal(F.showAnswer(q, [1, 0, 0]), false);
  q.show = true;
  F.reset(q);
  q.attempts = 2;
  F.feedback(q, [1, 0, 0], true);
  assert.equal(button.hidden, true, 'a try left: no answer yet');
  F.feedback(q, [2, 0, 0], true);
  assert.equal(q.form.getAttribute('data-cs-revealed'), '', 'the last try: shown');
  F.reset(q);
  F.feedback({ ...q, show: undefined }, [2, 0, 0], true);
  assert.equal(q.form.hasAttribute('data-cs-revealed'), false, ':show-answer: false');
});
test('inside an assessment (feedback without text): no marks, no answer; the review calls mark and reveal', () => {
  const { doc, F } = page();
  const q = choiceQuiz(doc, 'multiple', [0, 2], 'checkbox');
  q.inA = true; q.show = undefined;
  F.feedback(q, [1, [1], 0], false);
  assert.deepEqual(marks(q), []);
  assert.equal(q.form.hasAttribute('data-cs-revealed'), false);
  F.mark(q, [1, [1], 0]);
  F.reveal(q);
  assert.deepEqual(marks(q).map((m) => m.slice(0, 2)), [['a', 'missed'], ['b', 'incorrect'], ['c', 'missed']]);
});
test('numeric: the answer shown with the language\'s decimal sign, in full (cs-data numbers)', () => {
  const doc = new Document();
  const F = forms.create(doc, { fill: 10, num: 5 }, S, fmt, { decimal: ',', group: '.' });
  const one = boxQuiz(doc, 'numeric', { ranges: [[2.125, 2.125]] });
  F.reveal(one);
  assert.equal(one.form.querySelector('[data-cs-shown]').textContent, 'answer_is:{"answer":"2,125"}');
  const range = boxQuiz(doc, 'numeric', { ranges: [[1.5, 1000]] });
  F.reveal(range);
  assert.equal(range.form.querySelector('[data-cs-shown]').textContent, 'answer_is:{"answer":"1,5\u20131000"}');
});
test('changed: the marks and the verdict of the last Check go with the answer; a locked quiz keeps them', () => {
  const { doc, F } = page();
  const q = choiceQuiz(doc, 'multiple', [0, 1], 'checkbox');
  q.attempts = 3;
  const tries = doc.el('span', { 'data-cs-tries': '' });
  q.form.appendChild(tries);
  F.feedback(q, [1, [0, 2], 0], true);
  assert.equal(marks(q).length, 3);
  assert.notEqual(q.form.querySelector('[data-cs-feedback]').textContent, '');
  F.changed(q.form);
  assert.deepEqual(marks(q), []);
  assert.equal(q.form.querySelectorAll('[data-cs-marked]').length, 0);
  assert.equal(q.form.hasAttribute('data-cs-result'), false);
  assert.equal(q.form.querySelector('[data-cs-feedback]').textContent, '');
  assert.equal(tries.textContent, 'tries_left:{"n":2}', 'the tries left stay true');
  F.feedback(q, [3, [0, 2], 0], true);
  F.lock(q, true);
  const before = marks(q);
  assert.ok(before.length > 0);
  F.changed(q.form);
  assert.deepEqual(marks(q), before, 'locked (done, or in review): kept');
  assert.equal(q.form.getAttribute('data-cs-result'), 'incorrect');
  F.lock(q, false);
  F.changed(q.form);
  assert.deepEqual(marks(q), []);
});
test('changed: a sequencing move clears the marks of the last Check', () => {
  const { doc, F } = page();
  const list = doc.el('ol', { 'data-cs-seq': '' }, ['c', 'a', 'b'].map((id) => doc.el('li', { 'data-cs-item': id }, [
    doc.el('span', { class: 'cs-seq-text' }, id), doc.el('button', { 'data-cs-move': 'up' }), doc.el('button', { 'data-cs-move': 'down' })])));
  const q = shell(doc, { id: 's', kind: 'sequencing', choices: ['a', 'b', 'c'], rid: { c: ['x', 'y', 'z'] }, attempts: 0 }, [list]);
  F.feedback(q, [1, [2, 0, 1], 0], true);
  assert.equal(marks(q).length, 3);
  F.move(list.querySelectorAll('[data-cs-move="up"]')[1]);
  assert.deepEqual(marks(q), []);
  assert.equal(q.form.hasAttribute('data-cs-result'), false);
});
