'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const { Statements, PROFILE } = runtime('statements');

const V = 'http://adlnet.gov/expapi/verbs/';
const SC = { id: 'call', page: 1, graded: false, comps: ['empathy', 'policy'],
  n: [{ id: 'start', e: null, c: [{ id: 'listen', to: 1, d: [2], t: 'I listen' }, { id: 'rush', to: 2, d: [-1, 1] }] },
      { id: 'good', e: 'pass', c: [] }, { id: 'meh', e: 'neutral', c: [] }] };
const DATA = {
  lang: 'de-DE', pages: [{ k: 'l1--p1', l: 0 }, { k: 'l1--p2', l: 0 }], scenarios: [SC],
  format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: null },
  verbs: { [V + 'answered']: 'beantwortet' }, verbLang: 'de',
  xapi: { lang: 'de-DE', course: { id: 'https://c.example/course', name: { 'de-DE': 'Kurs' } },
    lessons: [{ id: 'https://c.example/l1' }], pages: [{ id: 'https://c.example/p1', name: { 'de-DE': 'Eins' } }, { id: 'https://c.example/p2', name: { 'de-DE': 'Zwei' } }],
    quizzes: [{ id: 'https://c.example/q1', def: { type: 'cmi.interaction' } }],
    scenarios: { call: { id: 'https://c.example/l1/call', name: { 'de-DE': 'Anruf' }, decisions: { start: 'Der Anfang' } } } }
};
const ENV = { uuid: () => 'u-1', now: () => new Date(Date.UTC(2026, 11, 2, 1, 0, 0)) };
const LAUNCH = { actor: { mbox: 'mailto:a@b.example' }, registration: 'r-1' };

test('verbs: the shipped display, in verbLang; the name when it has none', () => {
  const S = new Statements(LAUNCH, DATA, ENV);
  assert.deepEqual(S.verb('answered'), { id: V + 'answered', display: { de: 'beantwortet' } });
  assert.deepEqual(S.verb('passed'), { id: V + 'passed', display: { de: 'passed' } });
});
test('make: id, actor, verb, context with registration, language, grouping and the profile', () => {
  const S = new Statements(LAUNCH, DATA, ENV);
  const s = S.make('answered', { id: 'o' }, { response: 'x' }, { parent: 'https://c.example/l1' });
  assert.deepEqual(s, {
    id: 'u-1', actor: LAUNCH.actor, verb: { id: V + 'answered', display: { de: 'beantwortet' } }, object: { id: 'o' },
    context: { language: 'de-DE', registration: 'r-1', contextActivities: {
      grouping: [{ objectType: 'Activity', id: 'https://c.example/course' }], category: [{ objectType: 'Activity', id: PROFILE }],
      parent: [{ objectType: 'Activity', id: 'https://c.example/l1' }] } },
    timestamp: '2026-12-02T01:00:00.000Z', result: { response: 'x' } });
  assert.equal('result' in S.make('initialized', {}, null), false);
});
test('a cmi5 contextTemplate goes into every statement (ids once, extensions merged)', () => {
  const tpl = { contextActivities: { grouping: { id: 'https://lms.example/au' }, other: [{ id: 'x' }] },
    extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' }, instructor: { name: 'I' } };
  const S = new Statements({ ...LAUNCH, contextTemplate: tpl }, DATA, ENV);
  const s = S.make('completed', {}, null, { category: ['https://w3id.org/xapi/cmi5/context/categories/cmi5'], extensions: { e: 1 } });
  const ca = s.context.contextActivities;
  assert.deepEqual(ca.grouping.map((a) => a.id), ['https://lms.example/au', 'https://c.example/course']);
  assert.deepEqual(ca.category.map((a) => a.id), ['https://w3id.org/xapi/cmi5/context/categories/cmi5']);
  assert.deepEqual(ca.other, [{ id: 'x' }]);
  assert.deepEqual(s.context.extensions, { e: 1, 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' });
  assert.deepEqual(s.context.instructor, { name: 'I' });
  const twice = S.make('completed', {}, null, { category: ['https://lms.example/au'] });
  assert.equal(twice.context.contextActivities.grouping.length, 2);
});
test('answered: the interaction, response, success and score (not for likert)', () => {
  const S = new Statements(LAUNCH, DATA, ENV);
  const q = { i: 0, page: 1, kind: 'multiple', points: 2, rid: { c: ['a', 'b', 'c'] } };
  const a = S.answered({ q, response: [0, 2], result: 'correct', number: null, latency: 1500 });
  assert.deepEqual(a, { object: { objectType: 'Activity', id: 'https://c.example/q1', definition: { type: 'cmi.interaction' } },
    result: { response: 'a[,]c', duration: 'PT1.50S', success: true, score: { scaled: 1, raw: 2, min: 0, max: 2 } },
    parent: 'https://c.example/l1' });
  const l = S.answered({ q: { ...q, kind: 'likert' }, response: 1, result: 'neutral', latency: 0 });
  assert.deepEqual(Object.keys(l.result), ['response', 'duration']);
  assert.equal(S.answered({ q: { ...q, i: 5 }, response: 1, result: 'correct', latency: 0 }), null);
});
test('decision and ending: from the decoded step and ending records', () => {
  const S = new Statements(LAUNCH, DATA, ENV);
  const d = S.decision({ q: { kind: 'decision' }, scenario: 0, node: 0, response: 1, scores: [1, 1], latency: 20 });
  assert.equal(d.object.id, 'https://c.example/l1/call/start');
  assert.deepEqual(d.object.definition.name, { 'de-DE': 'Anruf: start' });
  assert.deepEqual(d.object.definition.description, { 'de-DE': 'Der Anfang' });
  assert.deepEqual(d.object.definition.choices, [{ id: 'listen', description: { 'de-DE': 'I listen' } }, { id: 'rush', description: { 'de-DE': 'rush' } }]);
  assert.equal(d.result.response, 'rush');
  assert.deepEqual(d.result.extensions, { [PROFILE + '/extensions/competency-deltas']: { empathy: -1, policy: 1 },
    [PROFILE + '/extensions/competency-scores']: { empathy: 1, policy: 1 } });
  assert.equal(d.parent, 'https://c.example/l1/call');
  assert.equal(S.decision({ scenario: 0, node: 0, response: 9 }), null);
  const e = S.ending({ scenario: 0, node: 1, passed: true, scores: [2], path: ['start', 'good'] });
  assert.deepEqual(e.result, { completion: true, success: true, extensions: {
    [PROFILE + '/extensions/competency-scores']: { empathy: 2, policy: 0 }, [PROFILE + '/extensions/path']: ['start', 'good'],
    [PROFILE + '/extensions/ending']: 'good', [PROFILE + '/extensions/outcome']: 'pass' } });
  assert.equal(e.object.definition.type, 'http://adlnet.gov/expapi/activities/simulation');
  assert.equal(e.parent, 'https://c.example/l1');
  const n = S.ending({ scenario: 0, node: 2, passed: false, scores: [0, 0], path: [] });
  assert.equal('success' in n.result, false, 'a neutral ending of an ungraded scenario has no success');
});
test('page and score', () => {
  const S = new Statements(LAUNCH, DATA, ENV);
  assert.deepEqual(S.page(1), { object: { objectType: 'Activity', id: 'https://c.example/p2',
    definition: { type: 'http://activitystrea.ms/schema/1.0/page', name: { 'de-DE': 'Zwei' } } }, parent: 'https://c.example/l1' });
  assert.deepEqual(S.score(87.5), { scaled: 0.875, raw: 87.5, min: 0, max: 100 });
});
test('the sample course: every quiz answered gives a statement with its definition', () => {
  const data = fixture('cs-data.xapi.json'), S = new Statements(LAUNCH, data, ENV);
  data.quizzes.forEach((q, i) => {
    q.i = i;
    const a = S.answered({ q, response: q.kind === 'fill-in' || q.kind === 'numeric' ? '1' : q.choices ? (q.kind === 'multiple' || q.kind === 'sequencing' ? [0] : 0) : q.pairs.map((_, k) => k), result: 'correct', number: 1, latency: 1 });
    assert.equal(a.object.id, data.xapi.quizzes[i].id);
    assert.equal(typeof a.result.response, 'string');
  });
  assert.deepEqual(S.verb('terminated').display, { [data.verbLang]: data.verbs[V + 'terminated'] });
});
