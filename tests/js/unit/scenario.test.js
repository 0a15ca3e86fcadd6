'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const { Document } = require('./fakedom.js');
const scenario = runtime('scenario');
const machine = runtime('machine');

const BASE = {
  id: 'call', page: 2, graded: true, retry: 'best', start: 0, lo: -3, hi: 3, comps: ['empathy'], names: ['Empathie'],
  need: [['min', 1]], ntot: null, flags: ['kind'], pass: ['cmp', 'empathy', '>=', 1],
  n: [
    { id: 'start', e: null, text: 'Start', it: 'choice', rid: { c: ['a', 'b'] },
      c: [{ id: 'listen', to: 1, d: [1], s: [0], u: [], w: null, t: 'Listen' }, { id: 'rush', to: 2, d: [-1], s: [], u: [], w: ['flag', 'kind'], t: 'Rush' }] },
    { id: 'good', e: 'pass', sc: true, pa: true, c: [] },
    { id: 'bad', e: 'fail', c: [] }
  ]
};
const S = { sc_passed: 'Passed', sc_failed: 'Failed', sc_scores: 'Scores', sc_path: 'Path', sc_counts_best: 'Best counts',
  sc_col_competency: 'Competency', sc_col_score: 'Score', sc_col_needed: 'Needed', sc_col_target: 'Target', sc_total: 'Total',
  sc_rule_combined: 'Combined' };
function page(saved, review, over) {
  const SC = Object.assign({}, BASE, over || {});
  const doc = new Document();
  const nodes = SC.n.map((n, i) => doc.el('div', { 'data-cs-node-index': String(i) }, [
    doc.el('h4', { 'data-cs-sc-heading': '' }),
    doc.el('ul', {}, n.c.map((c, k) => doc.el('li', { 'data-cs-sc-item': String(k) }, [doc.el('a', { class: 'cs-sc-link', href: '#x' }, c.t)]))),
    doc.el('div', {}, n.c.map((c, k) => { const d = doc.el('div', { 'data-cs-sc-fb': String(k) }); d.innerHTML = 'fb ' + c.id; return d; })),
    ...(n.e ? [doc.el('div', { 'data-cs-sc-debrief': '' }), doc.el('button', { 'data-cs-sc-replay': '', hidden: true })] : [])]));
  const sec = doc.el('section', { 'data-cs-scenario': 'call' }, [doc.el('div', { 'data-cs-sc-feedback': '' }), ...nodes]);
  doc.body.appendChild(sec);
  const log = { recs: [], objectives: [], syncs: 0 };
  const P = { data: { scenarios: [SC], strings: S, limits: { path: 24, steps: 9999, tries: 99 } }, fmt: (k, v) => k + ' ' + v.n,
    entries: () => saved || [], sync: () => log.syncs++, review: () => !!review,
    transport: { recordInteraction: (r) => log.recs.push(r), setObjective: (id, o) => log.objectives.push([id, o]) } };
  const view = scenario.create(doc, P);
  view.init();
  return { doc, sec, view, log };
}
const shown = (sec) => sec.querySelectorAll('[data-cs-node-index]').filter((n) => !n.hidden).map((n) => n.getAttribute('data-cs-node-index'));

test('init: one node shown, its links turned into buttons, hidden choices hidden', () => {
  const { sec } = page();
  assert.deepEqual(shown(sec), ['0']);
  const buttons = sec.querySelectorAll('[data-cs-sc-choice]');
  assert.deepEqual(buttons.map((b) => b.getAttribute('data-cs-sc-choice')), ['0', '1']);
  assert.equal(buttons[0].innerHTML, '');
  assert.deepEqual(buttons.map((b) => b.parentNode.hidden), [false, true], 'rush needs the flag');
  assert.equal(sec.querySelector('[data-cs-sc-heading]').textContent, 'sc_step 1');
});
test('a choice: the decision recorded with the decoded step, the next node, the state synced', () => {
  const { sec, view, log, doc } = page();
  sec.querySelectorAll('[data-cs-sc-choice]')[0].click();
  assert.deepEqual(shown(sec), ['1']);
  assert.equal(log.syncs, 1);
  const r = log.recs[0];
  assert.deepEqual([r.q.id, r.q.kind, r.q.it, r.q.rid, r.q.rp, r.response, r.scenario, r.node, r.scores],
    ['call--start', 'decision', 'choice', { c: ['a', 'b'] }, [], 0, 0, 0, [1]]);
  assert.equal(sec.querySelector('[data-cs-sc-feedback]').innerHTML, 'fb listen');
  const debrief = sec.querySelectorAll('[data-cs-sc-debrief]')[0];
  assert.equal(debrief.getAttribute('data-cs-passed'), 'true');
  assert.equal(debrief.textContent, 'PassedScoresCompetencyScoreNeededEmpathie1sc_need_min \u20661\u2069PathListenBest counts');
  const row = debrief.querySelector('[data-cs-sc-score="empathy"]');
  assert.equal(row.querySelector('th').getAttribute('scope'), 'row');
  assert.equal(row.querySelector('td bdi').getAttribute('dir'), 'ltr', 'the score isolated left-to-right (RTL pages)');
  assert.equal(debrief.querySelector('caption').textContent, 'Scores');
  assert.equal(doc.activeElement, sec.querySelectorAll('[data-cs-sc-heading]')[1]);
  const e = view.entries()[0];
  assert.deepEqual([e.node, e.attempts, e.result.passed], [1, 1, true]);
  assert.deepEqual(view.graded(), { count: 1, done: 1, passed: 1, failed: 0 });
  view.objectives([false, false, true]);
  assert.deepEqual(log.objectives, [['call', { completed: true, success: 'passed',
    ending: { scenario: 0, attempts: 1, node: 1, passed: true, scores: [1], path: ['start', 'good'] } }]]);
  view.objectives([true]);
  assert.equal(log.objectives.length, 1, 'only once its page was seen');
});
test('a practice scenario never says pass or fail: no verdict, a target column, no counting note', () => {
  const { sec } = page(null, false, { graded: false });
  sec.querySelectorAll('[data-cs-sc-choice]')[0].click();
  const debrief = sec.querySelectorAll('[data-cs-sc-debrief]')[0];
  assert.equal(debrief.getAttribute('data-cs-passed'), null);
  assert.equal(debrief.textContent, 'ScoresCompetencyScoreTargetEmpathie1sc_need_min \u20661\u2069PathListen');
  assert.doesNotMatch(debrief.textContent, /Passed|Failed|Needed|Best/);
});
test('a rule that is no conjunction: scores without a bound and a note; a bound on total: a total row', () => {
  let { sec } = page(null, false, { need: null, pass: ['or', ['cmp', 'empathy', '>=', 1], ['flag', 'kind']] });
  sec.querySelectorAll('[data-cs-sc-choice]')[0].click();
  let debrief = sec.querySelectorAll('[data-cs-sc-debrief]')[0];
  assert.equal(debrief.textContent, 'PassedScoresCompetencyScoreEmpathie1CombinedPathListenBest counts');
  ({ sec } = page(null, false, { need: [null], ntot: ['min', 1], pass: ['cmp', 'total', '>=', 1] }));
  sec.querySelectorAll('[data-cs-sc-choice]')[0].click();
  debrief = sec.querySelectorAll('[data-cs-sc-debrief]')[0];
  assert.deepEqual(debrief.querySelectorAll('tr[data-cs-sc-score]').map((r) => r.textContent),
    ['Empathie1', 'Total1sc_need_min \u20661\u2069']);
});
test('replay keeps the attempt that counts; review changes nothing', () => {
  const { sec, view, log } = page();
  sec.querySelectorAll('[data-cs-sc-choice]')[0].click();
  const replay = sec.querySelectorAll('[data-cs-sc-replay]')[0];
  assert.equal(replay.hidden, false);
  replay.click();
  assert.deepEqual(shown(sec), ['0']);
  assert.equal(sec.querySelector('[data-cs-sc-feedback]').innerHTML, '');
  assert.deepEqual([view.entries()[0].node, view.entries()[0].attempts], [0, 1]);
  assert.equal(log.syncs, 2);
  const played = machine.choose(BASE, machine.fresh(BASE), 0, { path: 24, steps: 9999, tries: 99 });
  const r = page([played], true);
  assert.deepEqual(shown(r.sec), ['1']);
  r.sec.querySelectorAll('[data-cs-sc-replay]')[0].click();
  assert.deepEqual(shown(r.sec), ['1']);
  assert.equal(r.log.syncs, 0);
});
test('pageShown: a decision\'s latency counts from when its page was shown', () => {
  const { sec, view, log } = page();
  view.pageShown(2, Date.now() - 5000);
  sec.querySelectorAll('[data-cs-sc-choice]')[0].click();
  assert.ok(log.recs[0].latency >= 4900, 'latency ' + log.recs[0].latency);
});
