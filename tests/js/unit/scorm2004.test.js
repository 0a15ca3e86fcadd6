'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const fakes = require('./fakes.js');
const scorm2004 = runtime('scorm2004');

const N = { object: 'API_1484_11', initialize: 'Initialize', get: 'GetValue', set: 'SetValue', error: 'GetLastError',
  commit: 'Commit', finish: 'Terminate' };
const DATA = { format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: 250 } };
function setup(values, data) {
  const api = fakes.scormApi(N, Object.assign({ 'cmi.mode': 'normal', 'cmi.completion_status': 'unknown',
    'cmi.success_status': 'unknown', 'cmi.entry': 'resume', 'cmi.suspend_data': 'S', 'cmi.location': 'L',
    'cmi.interactions._count': '2', 'cmi.objectives._count': '1', 'cmi.objectives.0.id': 'lesson-1',
    'cmi.scaled_passing_score': '0.8' }, values || {}));
  const w = { API_1484_11: api }; w.parent = w;
  const T = scorm2004.create(w);
  return { api, T, info: T.init({ failedStatus: 'incomplete', data: data || DATA }) };
}
test('init: resume data unless ab-initio (but in review), mastery from scaled_passing_score', () => {
  let t = setup();
  assert.deepEqual(t.info, { connected: true, notice: '', mode: 'normal', entry: 'resume', resumeState: 'S', location: 'L', masteryOverride: 80 });
  assert.deepEqual(t.api.sets, [['cmi.completion_status', 'incomplete'], ['cmi.exit', 'suspend']]);
  t = setup({ 'cmi.entry': 'ab-initio' });
  assert.deepEqual([t.info.resumeState, t.info.location], ['', '']);
  t = setup({ 'cmi.entry': 'ab-initio', 'cmi.mode': 'review' });
  assert.deepEqual([t.info.resumeState, t.api.sets], ['S', []]);
});
test('report: completion and success apart; a failure with tries left keeps the attempt open', () => {
  const { T, api } = setup();
  T.report({ completed: true, success: 'failed', score: 40, attemptsLeft: true, progress: 0.5 });
  assert.deepEqual([api.values['cmi.completion_status'], api.values['cmi.success_status'], api.values['cmi.score.raw']],
    ['incomplete', 'unknown', undefined]);
  assert.equal(api.values['cmi.progress_measure'], '0.5');
  T.report({ completed: true, success: 'passed', score: 87.5, attemptsLeft: false, progress: 1 });
  assert.deepEqual([api.values['cmi.completion_status'], api.values['cmi.success_status'], api.values['cmi.score.scaled'],
    api.values['cmi.progress_measure']], ['completed', 'passed', '0.875', '1']);
  T.report({ completed: true, success: 'failed', score: 10, attemptsLeft: false, progress: 1 });
  assert.equal(api.values['cmi.success_status'], 'passed', 'never failed after passed');
});
test('interactions: after those the LMS has; patterns, ids, timestamp, ISO latency', () => {
  const { T, api } = setup();
  const q = { id: 'q1', kind: 'matching', points: 1, text: 'Match', it: 'matching', rp: ['a.1[.]a.1[,]b[.]b'],
    rid: { s: ['a.1', 'b'], t: ['a.1', 'b'] } };
  T.recordInteraction({ q, response: [1, 0], result: 'incorrect', latency: 2500, time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 120)) });
  const got = Object.fromEntries(api.sets.filter((s) => s[0].startsWith('cmi.interactions.2.')).map((s) => [s[0].slice(19), s[1]]));
  assert.deepEqual(got, { id: 'q1', type: 'matching', description: 'Match', timestamp: '2026-01-01T00:00:00.12Z', weighting: '1',
    'correct_responses.0.pattern': 'a.1[.]a.1[,]b[.]b', learner_response: 'a.1[.]b[,]b[.]a.1', result: 'incorrect', latency: 'PT2.50S' });
  T.recordInteraction({ q: { id: 'f', kind: 'fill-in', it: 'fill-in', rp: ['x', 'y'], points: 1 }, response: '{x', result: 'correct', latency: 0, time: new Date() });
  assert.equal(api.values['cmi.interactions.3.correct_responses.1.pattern'], 'y');
  assert.equal(api.values['cmi.interactions.3.learner_response'], 'x');
});
test('objectives: known ones reused, completion and success; terminate suspends', () => {
  const { T, api } = setup();
  T.setObjective('lesson-1', { completed: true, success: 'passed' });
  T.setObjective('lesson-1', { completed: true, success: 'passed' });
  T.setObjective('sc', { completed: false, success: null });
  assert.deepEqual(api.sets.slice(2), [['cmi.objectives.0.completion_status', 'completed'], ['cmi.objectives.0.success_status', 'passed'],
    ['cmi.objectives.1.id', 'sc'], ['cmi.objectives.1.completion_status', 'incomplete']]);
  T.terminate({ finished: true });
  assert.deepEqual([api.values['cmi.exit'], api.values['adl.nav.request']], ['suspend', 'suspendAll']);
  assert.match(api.values['cmi.session_time'], /^PT/);
  assert.deepEqual(api.calls.slice(-1), ['finish']);
});
test('every quiz of the sample writes every pattern cs-data ships', () => {
  const data = fixture('cs-data.scorm2004.json');
  const { T, api } = setup({ 'cmi.interactions._count': '0' }, data);
  data.quizzes.forEach((q) => T.recordInteraction({ q, response: fakes.response(q), number: 1, result: 'correct', latency: 0, time: new Date() }));
  data.quizzes.forEach((q, n) => {
    assert.equal(api.values['cmi.interactions.' + n + '.type'], q.it);
    q.rp.forEach((p, k) => assert.equal(api.values['cmi.interactions.' + n + '.correct_responses.' + k + '.pattern'], p));
  });
});
// strict: every set and call in one ordered log; a call after Terminate is an error
function strict(api) {
  const order = [];
  let finished = false;
  for (const k of Object.keys(N).map((n) => N[n]).filter((n) => n !== 'API_1484_11')) {
    const f = api[k];
    api[k] = (...args) => {
      if (finished) throw new Error(k + ' after Terminate');
      if (k !== N.get && k !== N.error) order.push(k === N.set ? args : k);
      if (k === N.finish) finished = true;
      return f(...args);
    };
  }
  return order;
}
test('exit, finished: cmi.exit normal, adl.nav.request exitAll, session time, Commit, Terminate once', () => {
  const { T, api } = setup();
  const order = strict(api);
  let done = 0;
  T.exit({ finished: true, completed: true, success: 'passed', score: 90 }, () => done++);
  assert.deepEqual(order.slice(0, 2), [['cmi.exit', 'normal'], ['adl.nav.request', 'exitAll']]);
  assert.equal(order[2][0], 'cmi.session_time');
  assert.match(order[2][1], /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
  assert.deepEqual(order.slice(3), ['Commit', 'Terminate']);
  assert.equal(done, 1);
  T.exit({ finished: true }, () => done++);
  T.terminate({ finished: true });
  assert.equal(done, 2);
  assert.equal(order.length, 5, 'nothing after Terminate');
});
test('exit, not finished: suspend + suspendAll; review: only the nav request, Commit, Terminate', () => {
  const { T, api } = setup();
  const order = strict(api);
  T.exit({ finished: false, completed: false, success: 'unknown', score: null });
  assert.deepEqual(order.slice(0, 2), [['cmi.exit', 'suspend'], ['adl.nav.request', 'suspendAll']]);
  assert.deepEqual(order.slice(3), ['Commit', 'Terminate']);
  const r = setup({ 'cmi.mode': 'review' });
  const o = strict(r.api);
  r.T.exit(null);
  assert.deepEqual(o, [['adl.nav.request', 'exitAll'], 'Commit', 'Terminate']);
});
