'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const { Document } = require('./fakedom.js');
const player = runtime('player');
const codec = runtime('codec');

const DATA = {
  v: 2, hash: 'abc123', lang: 'en', course: { id: 'c', version: '1' }, adapter: 'local', failedStatus: 'incomplete',
  pages: [{ k: 'one--a', l: 0 }, { k: 'one--b', l: 0 }, { k: 'two--c', l: 1 }],
  lessons: [{ id: 'one', first: 0, last: 1, quizzes: [0] }, { id: 'two', first: 2, last: 2, quizzes: [] }],
  quizzes: [
    { id: 'q1', kind: 'single', page: 1, points: 1, attempts: 2, shuffle: false, inA: false, choices: ['a', 'b'], correct: [1] },
    { id: 'x1', kind: 'single', page: 2, points: 1, attempts: 0, shuffle: false, inA: true, choices: ['a', 'b'], correct: [0] },
    { id: 'x2', kind: 'true-false', page: 2, points: 1, attempts: 0, shuffle: false, inA: true, choices: ['t', 'f'], correct: [0], true: 0 }
  ],
  assessment: { id: 'final', lesson: 1, pass: 50, attempts: 2, draw: 2, shuffle: false, pool: [1, 2], layout: 'one', review: 'full' },
  scenarios: [], completion: { pages: 'all', assessment: true }, mastery: null, numbers: { decimal: '.', group: ',' },
  limits: { fill: 50, num: 20, tries: 99, seed: 2147483647, path: 24, steps: 9999 },
  strings: { correct: 'Right', incorrect: 'Wrong', choose_first: 'Choose first', passed: 'Passed', failed: 'Failed', review: 'Review',
    exam_score: '{score}', exam_pass: 'of {pass}', pages_viewed: '{done}/{n}', lesson_pages: '{done} of {n}', local: 'Saved here',
    done_title: 'End', done_incomplete: 'Not complete', done_passed: 'Completed and passed', done_item: '{title} - {status}',
    done_todo: 'To do', done_todo_visit: 'not visited', done_todo_assessment: 'not submitted', done_assessment: 'Assessment',
    exit: 'Exit', exited: 'Ended' }
};
function quizForm(doc, q) {
  return doc.el('form', { 'data-cs-quiz': q.id }, [
    doc.el('div', { 'data-cs-choices': '' }, q.choices.map((c) => doc.el('div', { 'data-cs-choice': c }, [doc.el('input', { name: q.id, value: c, type: 'radio' })]))),
    doc.el('button', { 'data-cs-check': '' }), doc.el('span', { 'data-cs-tries': '' }), doc.el('div', { 'data-cs-feedback': '' })]);
}
function build(info, more) {
  const doc = new Document();
  const d = (tag, attrs, kids) => doc.el(tag, attrs, kids);
  const data = d('script', { id: 'cs-data' }, JSON.stringify(DATA));
  const slots = DATA.assessment.pool.map((qi) => d('div', { 'data-cs-slot': DATA.quizzes[qi].id }, [d('h4', { 'data-cs-qnum': '' }),
    d('p', { 'data-cs-review-mark': '', hidden: true }), quizForm(doc, DATA.quizzes[qi])]));
  const assessment = d('section', { 'data-cs-assessment': 'final' }, [d('p', { 'data-cs-attempts': '' }), d('button', { 'data-cs-start': '' }),
    d('progress', { 'data-cs-bar': '', hidden: true }),
    d('div', { 'data-cs-outcome': '', hidden: true }, [d('p', { 'data-cs-score': '' })]), d('h4', { 'data-cs-review-title': '' }),
    d('div', { 'data-cs-drawn': '' }, slots), d('button', { 'data-cs-prev': '', hidden: true }), d('button', { 'data-cs-next': '', hidden: true }),
    d('button', { 'data-cs-submit': '', hidden: true }), d('button', { 'data-cs-retry': '', hidden: true }), d('p', { 'data-cs-note': '' })]);
  const pages = DATA.pages.map((p, i) => d('section', { 'data-cs-page': p.k }, [d('h2', { 'data-cs-heading': '' }, 'Page ' + i),
    ...(i === 1 ? [quizForm(doc, DATA.quizzes[0])] : []), ...(i === 2 ? [assessment] : [])]));
  const toc = DATA.pages.map((p) => d('a', { 'data-cs-toc': '', href: '#' + p.k }, [d('span', { class: 'cs-visited' })]));
  [data, d('p', { 'data-cs-lms-status': '' }), d('div', { id: 'cs-announce' }), d('progress', { 'data-cs-progress': '' }),
    d('span', { 'data-cs-progress-text': '' }), d('nav', {}, toc), d('span', { 'data-cs-lesson-progress': '0' }),
    d('span', { 'data-cs-lesson-progress': '1' }), ...pages,
    d('button', { 'data-cs-nav': 'prev' }), d('button', { 'data-cs-nav': 'next' })].forEach((e) => doc.body.appendChild(e));
  const log = [];
  const T = {
    init: (opts) => { log.push(['init', opts.courseId, opts.pages]); return Object.assign({ connected: true, notice: 'local', mode: 'normal', entry: 'ab-initio',
      resumeState: '', location: '', masteryOverride: null }, info || {}); },
    saveState: (t) => { log.push(['saveState', t]); return true; }, setLocation: (k) => log.push(['setLocation', k]),
    report: (ev) => log.push(['report', ev]), setObjective: (id, o) => log.push(['objective', id, o]),
    recordInteraction: (r) => log.push(['interaction', r.q.id, r.response, r.result]), commit: () => { log.push(['commit']); return true; },
    terminate: (ev) => log.push(['terminate', ev])
  };
  Object.assign(T, more ? more(log) : {});
  const listeners = {};
  const win = { document: doc, coursecTransport: T, Intl, scrollTo: () => {}, crypto: { getRandomValues: (b) => { b[0] = 42; return b; } },
    addEventListener: (t, f) => { listeners[t] = f; } };
  const api = player.start(win);
  return { doc, log, api, win, listeners, last: (kind) => log.filter((l) => l[0] === kind).pop() };
}
const btn = (doc, sel) => doc.querySelector(sel);

test('start: init, the first page shown and reported, the state saved', () => {
  const { doc, log, last, api } = build();
  assert.deepEqual(log[0], ['init', 'c', 3]);
  assert.ok(doc.documentElement.classList.contains('cs-js'));
  assert.deepEqual(doc.querySelectorAll('[data-cs-page]').map((p) => p.hidden), [false, true, true]);
  assert.deepEqual(last('setLocation'), ['setLocation', 'one--a']);
  const st = codec.decode(last('saveState')[1], DATA);
  assert.equal(st.r, 42);
  assert.deepEqual(st.p, [true, false, false]);
  assert.equal(doc.querySelector('[data-cs-lms-status]').textContent, 'Saved here');
  assert.equal(doc.querySelector('[data-cs-progress-text]').textContent, '1/3');
  assert.deepEqual(api.status(), { completion: 'incomplete', success: 'unknown', score: null });
  assert.deepEqual(last('objective'), ['objective', 'one', { completed: false, success: null }]);
});
test('navigation and a quiz: feedback, the interaction recorded, the state synced', () => {
  const { doc, log, last, api } = build();
  btn(doc, '[data-cs-nav="next"]').click();
  assert.deepEqual(last('setLocation'), ['setLocation', 'one--b']);
  const form = doc.querySelector('form[data-cs-quiz="q1"]');
  form.dispatch('submit');
  assert.equal(form.querySelector('[data-cs-feedback]').textContent, 'Choose first');
  form.querySelectorAll('input')[0].checked = true;
  form.dispatch('submit');
  assert.deepEqual(last('interaction'), ['interaction', 'q1', 0, 'incorrect']);
  assert.equal(form.getAttribute('data-cs-result'), 'incorrect');
  assert.deepEqual(api.state().q, [[1, 0, 0]]);
  form.querySelectorAll('input')[0].checked = false;
  form.querySelectorAll('input')[1].checked = true;
  form.dispatch('submit');
  assert.deepEqual(api.state().q, [[2, 1, 1]]);
  assert.ok(form.querySelectorAll('input').every((i) => i.disabled), 'done: locked');
  assert.deepEqual(last('objective'), ['objective', 'one', { completed: true, success: null }]);
  assert.ok(log.filter((l) => l[0] === 'commit').length >= 3);
});
test('the assessment: start, submit with a confirmation for unanswered, the score, pass', () => {
  const { doc, last, api } = build();
  doc.querySelector('a[href="#two--c"]').click();
  assert.deepEqual(last('setLocation'), ['setLocation', 'two--c']);
  btn(doc, '[data-cs-start]').click();
  let st = api.state();
  assert.deepEqual([st.a.n, st.a.s, st.a.d], [1, 0, [1, 2]]);
  assert.equal(btn(doc, '[data-cs-submit]').hidden, true, 'one question per screen: Submit on the last one');
  doc.querySelector('form[data-cs-quiz="x1"]').querySelectorAll('input')[0].checked = true;
  btn(doc, '[data-cs-next]').click();
  assert.deepEqual(['x1', 'x2'].map((id) => doc.querySelector('[data-cs-slot="' + id + '"]').hidden), [true, false]);
  assert.equal(btn(doc, '[data-cs-submit]').hidden, false);
  btn(doc, '[data-cs-submit]').click();
  assert.equal(api.state().a.s, 0, 'one unanswered: asks first');
  btn(doc, '[data-cs-submit]').click();
  st = api.state();
  assert.deepEqual([st.a.s, st.a.l, st.a.b, st.a.p], [1, 50, 50, 1]);
  assert.deepEqual(doc.querySelector('[data-cs-score]').children.map((c) => c.textContent), ['50%', 'Passed', 'of 50%']);
  const ev = last('report')[1];
  assert.deepEqual([ev.completed, ev.success, ev.score, ev.attemptOpen], [false, 'passed', 50, false]);
  assert.deepEqual(last('interaction'), ['interaction', 'x1', 0, 'correct']);
});
test('resume: the stored state comes back; review locks everything and writes nothing', () => {
  const text = codec.encode({ r: 7, c: 1, p: [true, true, false], q: [[1, 1, 1]], a: { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 }, s: [] }, DATA);
  const r = build({ entry: 'resume', resumeState: text });
  assert.deepEqual(r.doc.querySelectorAll('[data-cs-page]').map((p) => p.hidden), [true, false, true]);
  const form = r.doc.querySelector('form[data-cs-quiz="q1"]');
  assert.equal(form.querySelectorAll('input')[1].checked, true);
  assert.equal(form.getAttribute('data-cs-result'), 'correct');
  const v = build({ mode: 'review', entry: 'ab-initio', resumeState: text });
  assert.ok(v.doc.documentElement.classList.contains('cs-review'));
  assert.equal(v.log.filter((l) => l[0] === 'saveState').length, 0);
  v.listeners.pagehide();
  assert.deepEqual(v.last('terminate'), ['terminate', null]);
  const stale = build({ entry: 'resume', resumeState: text.replace('abc123', 'zzz999'), location: 'two--c' });
  assert.deepEqual(stale.api.state().c, 2, 'another version: start again at the LMS location');
});
test('pagehide: the state saved, then terminate with the status', () => {
  const { listeners, log, last } = build();
  listeners.pagehide();
  const t = last('terminate')[1];
  assert.deepEqual([t.completed, t.finished], [false, false]);
  const n = log.length;
  listeners.pagehide();
  assert.equal(log.length, n, 'once');
});
test('a cmi5 AU of one lesson plays its pages only', () => {
  const { doc, last } = build({ lesson: 1 });
  assert.deepEqual(doc.querySelectorAll('[data-cs-page]').map((p) => p.hidden), [true, true, false]);
  assert.deepEqual(last('setLocation'), ['setLocation', 'two--c']);
  assert.equal(btn(doc, '[data-cs-nav="prev"]').disabled, true);
});

test('progress: the bar and its text count the pages viewed, also after a jump; each lesson worded in the menu', () => {
  const { doc } = build();
  const counts = () => doc.querySelectorAll('[data-cs-lesson-progress]').map((e) => [e.textContent, e.getAttribute('data-cs-done')]);
  assert.deepEqual(counts(), [['1 of 2', 'false'], ['0 of 1', 'false']]);
  assert.equal(doc.querySelector('[data-cs-progress]').value, 1);
  doc.querySelector('a[href="#two--c"]').click();
  assert.equal(doc.querySelector('[data-cs-progress]').value, 2);
  assert.equal(doc.querySelector('[data-cs-progress]').max, 3);
  assert.equal(doc.querySelector('[data-cs-progress-text]').textContent, '2/3', 'viewed, not the position (3)');
  assert.deepEqual(counts(), [['1 of 2', 'false'], ['1 of 1', 'true']]);
});
test('Next on the last page: the completion screen with what remains; Back returns; a link turns to the page', () => {
  const { doc, last } = build();
  doc.querySelector('a[href="#two--c"]').click();
  const next = btn(doc, '[data-cs-nav="next"]');
  assert.equal(next.disabled, false, 'Next is not disabled on the last page');
  next.click();
  const done = doc.querySelector('[data-cs-completion]');
  assert.equal(done.hidden, false);
  assert.ok(doc.querySelectorAll('[data-cs-page]').every((p) => p.hidden));
  assert.equal(next.hidden, true);
  assert.equal(doc.activeElement, done.querySelector('h2'));
  assert.equal(done.querySelector('[data-cs-done-status]').textContent, 'Not complete');
  assert.deepEqual(done.querySelectorAll('[data-cs-todo]').map((li) => [li.getAttribute('data-cs-todo'), li.textContent]),
    [['visit', 'Page 1 - not visited'], ['assessment', 'Page 2 - not submitted']]);
  assert.equal(done.querySelector('[data-cs-todo] a').getAttribute('href'), '#one--b');
  done.querySelector('[data-cs-todo] a').click();
  assert.equal(done.hidden, true);
  assert.equal(next.hidden, false);
  assert.deepEqual(last('setLocation'), ['setLocation', 'one--b']);
  btn(doc, '[data-cs-nav="next"]').click();
  btn(doc, '[data-cs-nav="next"]').click();
  btn(doc, '[data-cs-nav="prev"]').click();
  assert.equal(done.hidden, true);
  assert.deepEqual(last('setLocation'), ['setLocation', 'two--c']);
});
test('Exit: the transport\'s exit once with the status, then the ended line; nothing after it, not on pagehide', () => {
  const { doc, log, listeners } = build(null, (lg) => ({ exit: (ev, done) => { lg.push(['exit', ev.completed]); done(); } }));
  doc.querySelector('a[href="#two--c"]').click();
  btn(doc, '[data-cs-nav="next"]').click();
  const done = doc.querySelector('[data-cs-completion]');
  const exit = done.querySelector('[data-cs-exit]');
  assert.equal(exit.textContent, 'Exit');
  exit.click();
  exit.click();
  assert.deepEqual(log.filter((l) => l[0] === 'exit'), [['exit', false]]);
  assert.equal(exit.disabled, true);
  assert.equal(done.querySelector('[data-cs-exited]').textContent, 'Ended');
  assert.equal(doc.activeElement, done.querySelector('[data-cs-exited]'), 'focus stays on the screen');
  const n = log.length;
  listeners.pagehide();
  btn(doc, '[data-cs-nav="prev"]').click();
  assert.equal(log.filter((l) => l[0] === 'terminate' || l[0] === 'saveState' || l[0] === 'commit').length,
    log.slice(0, n).filter((l) => l[0] === 'terminate' || l[0] === 'saveState' || l[0] === 'commit').length, 'no call after exit');
});
test('Exit on a transport without exit(): terminate once, then the ended line', () => {
  const { doc, log } = build();
  doc.querySelector('a[href="#two--c"]').click();
  btn(doc, '[data-cs-nav="next"]').click();
  doc.querySelector('[data-cs-exit]').click();
  assert.equal(log.filter((l) => l[0] === 'terminate').length, 1);
  assert.equal(doc.querySelector('[data-cs-exited]').textContent, 'Ended');
});
test('the completion screen: passed, the assessment score, the note the transport asks for', () => {
  const { doc } = build({ note: 'local' });
  doc.querySelector('a[href="#one--b"]').click();
  const form = doc.querySelector('form[data-cs-quiz="q1"]');
  form.querySelectorAll('input')[1].checked = true;
  form.dispatch('submit');
  doc.querySelector('a[href="#two--c"]').click();
  btn(doc, '[data-cs-start]').click();
  doc.querySelector('form[data-cs-quiz="x1"]').querySelectorAll('input')[0].checked = true;
  doc.querySelector('form[data-cs-quiz="x2"]').querySelectorAll('input')[0].checked = true;
  btn(doc, '[data-cs-submit]').click();
  btn(doc, '[data-cs-nav="next"]').click();
  const done = doc.querySelector('[data-cs-completion]');
  assert.equal(done.querySelector('[data-cs-done-status]').textContent, 'Completed and passed');
  assert.equal(done.querySelector('[data-cs-done-score]').textContent, '100% of 50%'); // exam_score + exam_pass, Intl
  assert.equal(done.querySelectorAll('[data-cs-todo]').length, 0);
  assert.ok(done.textContent.includes('Saved here'));
});
test('an answer changed after Check (input or change): the verdict and the marks go; not in review', () => {
  const { doc } = build();
  btn(doc, '[data-cs-nav="next"]').click();
  const form = doc.querySelector('form[data-cs-quiz="q1"]');
  const radios = form.querySelectorAll('input');
  radios[0].checked = true;
  form.dispatch('submit');
  assert.equal(form.getAttribute('data-cs-result'), 'incorrect');
  assert.notEqual(form.querySelector('[data-cs-feedback]').textContent, '');
  radios[0].checked = false;
  radios[1].checked = true;
  radios[1].dispatch('change');
  assert.equal(form.hasAttribute('data-cs-result'), false);
  assert.equal(form.querySelector('[data-cs-feedback]').textContent, '');
  assert.equal(form.querySelectorAll('[data-cs-marked]').length, 0);
  form.dispatch('submit');
  assert.equal(form.getAttribute('data-cs-result'), 'correct');
  radios[1].dispatch('input');
  assert.equal(form.getAttribute('data-cs-result'), 'correct', 'done: locked, kept');
  const text = codec.encode({ r: 7, c: 1, p: [true, true, false], q: [[1, 0, 0]], a: { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 }, s: [] }, DATA);
  const v = build({ mode: 'review', entry: 'ab-initio', resumeState: text });
  const seen = v.doc.querySelector('form[data-cs-quiz="q1"]');
  assert.equal(seen.getAttribute('data-cs-result'), 'incorrect');
  seen.querySelectorAll('input')[1].dispatch('change');
  assert.equal(seen.getAttribute('data-cs-result'), 'incorrect', 'review: kept');
});
