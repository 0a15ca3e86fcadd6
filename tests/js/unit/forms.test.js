'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const { Document } = require('./fakedom.js');
const forms = runtime('forms');
const rng = runtime('rng');

const S = { correct: 'Right', incorrect: 'Wrong', answered: 'Thanks', no_tries: 'No tries left' };
const fmt = (k, v) => k + ':' + JSON.stringify(v);
function page() { const doc = new Document(); return { doc, F: forms.create(doc, { fill: 10, num: 5 }, S, fmt) }; }
function choiceForm(doc, q, type, fb) {
  const f = doc.el('form', { 'data-cs-quiz': q.id }, [
    doc.el('div', { 'data-cs-choices': '' }, q.choices.map((c) => doc.el('div', { 'data-cs-choice': c }, [doc.el('input', { name: q.id, value: c, type })]))),
    doc.el('button', { 'data-cs-check': '' }), doc.el('span', { 'data-cs-tries': '' }), doc.el('div', { 'data-cs-feedback': '' }),
    doc.el('div', {}, (fb || []).map(([k, html]) => { const d = doc.el('div', { 'data-cs-fb': k }); d.innerHTML = html; return d; }))]);
  doc.body.appendChild(f);
  q.form = f;
  return f;
}
function tick(q, ids) { q.form.querySelectorAll('input').forEach((i) => { i.checked = ids.includes(i.value); }); }

test('choice kinds: collect the checked indexes, apply them back, reset', () => {
  const { doc, F } = page();
  const q = { id: 'q', kind: 'multiple', choices: ['a', 'b', 'c'] };
  choiceForm(doc, q, 'checkbox');
  assert.equal(F.collect(q), null);
  tick(q, ['c', 'a']);
  assert.deepEqual(F.collect(q), [0, 2]);
  F.reset(q);
  assert.equal(F.collect(q), null);
  F.apply(q, [1]);
  assert.deepEqual(F.collect(q), [1]);
  const s = { id: 's', kind: 'single', choices: ['x', 'y'] };
  choiceForm(doc, s, 'radio');
  F.apply(s, 1);
  assert.equal(F.collect(s), 1);
  F.apply(s, null);
  assert.equal(F.collect(s), 1);
});
test('typed answers: fill-in cleaned and cut, numeric characters only', () => {
  const { doc, F } = page();
  const f = doc.el('form', {}, [doc.el('input', { 'data-cs-answer': '' })]);
  const q = { id: 'f', kind: 'fill-in', form: f };
  f.querySelector('input').value = '  a\tlong answer here ';
  assert.equal(F.collect(q), 'a long ans');
  const n = { id: 'n', kind: 'numeric', form: f };
  f.querySelector('input').value = ' 12,5 kg';
  assert.equal(F.collect(n), '12,5');
  F.apply(n, '7');
  assert.equal(f.querySelector('input').value, '7');
});
test('matching: the chosen pair per row, -1 for none', () => {
  const { doc, F } = page();
  const f = doc.el('form', {}, ['p', 'q', 'r'].map((p) => doc.el('div', { class: 'cs-pair' }, [doc.el('select', { 'data-cs-pair': p })])));
  const q = { id: 'm', kind: 'matching', pairs: ['p', 'q', 'r'], form: f, shuffle: true };
  assert.equal(F.collect(q), null);
  F.apply(q, [2, -1, 0]);
  assert.deepEqual(F.collect(q), [2, -1, 0]);
  F.shuffle(q, 99);
  const order = rng.permutation(3, 99 ^ rng.hash('m'));
  assert.deepEqual(f.querySelectorAll('select').map((s) => s.getAttribute('data-cs-pair')), order.map((i) => ['p', 'q', 'r'][i]));
});
function seqForm(doc, ids) {
  const list = doc.el('ol', { 'data-cs-seq': '' }, ids.map((id) => doc.el('li', { 'data-cs-item': id }, [
    doc.el('span', { class: 'cs-seq-text' }, id.toUpperCase()), doc.el('button', { 'data-cs-move': 'up' }), doc.el('button', { 'data-cs-move': 'down' })])));
  const f = doc.el('form', {}, [list]);
  doc.body.appendChild(f);
  return f;
}
test('sequencing: never starts in the right order; moves announce the new place; locked items stay', () => {
  const { doc, F } = page();
  const q = { id: 'seq', kind: 'sequencing', choices: ['a', 'b', 'c'], form: seqForm(doc, ['a', 'b', 'c']) };
  F.shuffle(q, 5);
  assert.deepEqual(F.collect(q), rng.sequenceStart(3, 5 ^ rng.hash('seq')));
  F.apply(q, [0, 1, 2]);
  assert.deepEqual(F.collect(q), [0, 1, 2]);
  const items = q.form.querySelectorAll('[data-cs-item]');
  assert.equal(items[0].querySelector('[data-cs-move="up"]').disabled, true);
  assert.equal(items[2].querySelector('[data-cs-move="down"]').disabled, true);
  const said = F.move(items[2].querySelector('[data-cs-move="up"]'));
  assert.deepEqual(F.collect(q), [0, 2, 1]);
  assert.equal(said, 'moved:' + JSON.stringify({ item: 'C', n: 2, total: 3 }));
  assert.equal(F.move(items[0].querySelector('[data-cs-move="up"]')), null, 'the first cannot go up');
  F.lock(q, true);
  assert.equal(F.move(items[1].querySelector('[data-cs-move="down"]')), null);
  assert.ok(q.form.querySelectorAll('[data-cs-move]').every((b) => b.disabled));
});
test('feedback: the author\'s verdict, else the theme\'s; choice feedback; tries left', () => {
  const { doc, F } = page();
  const q = { id: 'q', kind: 'single', choices: ['a', 'b'], attempts: 2 };
  const f = choiceForm(doc, q, 'radio', [['correct', '<b>Yes</b>'], ['c:b', 'About b']]);
  F.feedback(q, [1, 1, 0], true);
  const box = f.querySelector('[data-cs-feedback]');
  assert.equal(f.getAttribute('data-cs-result'), 'incorrect');
  assert.equal(box.children[0].textContent, 'Wrong');
  assert.equal(box.children[1].innerHTML, 'About b');
  assert.equal(f.querySelector('[data-cs-tries]').textContent, 'tries_left:{"n":1}');
  F.feedback(q, [2, 0, 0], true);
  assert.equal(f.querySelector('[data-cs-tries]').textContent, 'No tries left');
  F.feedback(q, [1, 0, 1], true);
  assert.equal(box.children[0].innerHTML, '<b>Yes</b>');
  assert.equal(box.children[0].className, 'cs-verdict cs-fb');
  F.feedback(q, [1, 0, 2], false);
  assert.equal(f.getAttribute('data-cs-result'), 'answered');
  F.say(box, 'Choose first');
  assert.equal(box.textContent, 'Choose first');
});
test('isDone: answered right, ungraded, or out of tries', () => {
  const { F } = page();
  const q = { attempts: 2 };
  assert.equal(F.isDone(q, null), false);
  assert.equal(F.isDone(q, [1, 0, 0]), false);
  assert.equal(F.isDone(q, [2, 0, 0]), true);
  assert.equal(F.isDone(q, [1, 0, 1]), true);
  assert.equal(F.isDone({ attempts: 0 }, [9, 0, 0]), false);
});
test('lock disables inputs and the check button; shuffle keeps every choice', () => {
  const { doc, F } = page();
  const q = { id: 'q', kind: 'single', choices: ['a', 'b', 'c', 'd'], shuffle: true };
  const f = choiceForm(doc, q, 'radio');
  F.lock(q, true);
  assert.ok(f.querySelectorAll('input, [data-cs-check]').every((x) => x.disabled));
  F.lock(q, false);
  assert.ok(f.querySelectorAll('input').every((x) => !x.disabled));
  F.shuffle(q, 3);
  const order = rng.permutation(4, 3 ^ rng.hash('q'));
  assert.deepEqual(f.querySelectorAll('[data-cs-choice]').map((c) => c.getAttribute('data-cs-choice')), order.map((i) => q.choices[i]));
  const fixed = { ...q, id: 'q2', shuffle: false };
  choiceForm(doc, fixed, 'radio');
  F.shuffle(fixed, 3);
  assert.deepEqual(fixed.form.querySelectorAll('[data-cs-choice]').map((c) => c.getAttribute('data-cs-choice')), ['a', 'b', 'c', 'd']);
});
