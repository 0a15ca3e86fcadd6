'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const fakes = require('./fakes.js');
const scorm12 = runtime('scorm12');

const N = { object: 'API', initialize: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', error: 'LMSGetLastError',
  commit: 'LMSCommit', finish: 'LMSFinish' };
const DATA = { format: { list: ',', pair: '.', range: ':' }, limits: { text: 255 } };
function setup(values, refuse) {
  const api = fakes.scormApi(N, Object.assign({ 'cmi.core.lesson_mode': 'normal', 'cmi.core.lesson_status': 'not attempted',
    'cmi.core.entry': 'ab-initio', 'cmi.suspend_data': '', 'cmi.core.lesson_location': '', 'cmi.interactions._count': '0',
    'cmi.objectives._count': '0', 'cmi.student_data.mastery_score': '' }, values || {}), refuse);
  const w = { API: api, console: { warn: () => {} } }; w.parent = w;
  const T = scorm12.create(w);
  const info = T.init({ failedStatus: 'incomplete', data: DATA });
  return { api, T, info, set: (prefix) => api.sets.filter((s) => s[0].startsWith(prefix)) };
}
test('init: the launch, incomplete and suspend from the start', () => {
  const { info, api } = setup({ 'cmi.student_data.mastery_score': '75' });
  assert.deepEqual(info, { connected: true, notice: '', mode: 'normal', entry: 'ab-initio', resumeState: '', location: '', masteryOverride: 75 });
  assert.deepEqual(api.sets, [['cmi.core.lesson_status', 'incomplete'], ['cmi.core.exit', 'suspend']]);
  const w = {}; w.parent = w;
  assert.equal(scorm12.create(w).init({}).notice, 'no_api');
});
test('report: the status mapping, never a step back', () => {
  const { T, api } = setup();
  T.report({ completed: true, success: 'failed', score: 40, attemptsLeft: true });
  assert.equal(api.values['cmi.core.lesson_status'], 'incomplete', 'failed with a retry ahead stays incomplete');
  T.report({ completed: true, success: 'passed', score: 90 });
  assert.equal(api.values['cmi.core.lesson_status'], 'passed');
  assert.equal(api.values['cmi.core.score.raw'], '90');
  T.report({ completed: true, success: 'unknown', score: null });
  assert.equal(api.values['cmi.core.lesson_status'], 'passed');
  const f = setup();
  f.T.report({ completed: true, success: 'failed', score: 40, attemptsLeft: false });
  assert.deepEqual([f.api.values['cmi.core.lesson_status'], f.api.values['cmi.core.score.raw']], ['failed', '40']);
  const c = setup();
  c.T.report({ completed: true, success: 'unknown', score: null });
  assert.equal(c.api.values['cmi.core.lesson_status'], 'completed');
});
test('interactions: type, pattern and ids from cs-data, the response in SCORM 1.2 notation', () => {
  const { T, api } = setup();
  const q = { id: 'q1', kind: 'multiple', points: 2, it: 'choice', rp: ['a,c'], rid: { c: ['a', 'b', 'c'] } };
  T.recordInteraction({ q, response: [0, 1], result: 'incorrect', number: null, latency: 61500, time: new Date(2026, 0, 1, 9, 8, 7) });
  assert.deepEqual(api.sets.slice(2), [
    ['cmi.interactions.0.id', 'q1'], ['cmi.interactions.0.type', 'choice'], ['cmi.interactions.0.time', '09:08:07'],
    ['cmi.interactions.0.weighting', '2'], ['cmi.interactions.0.correct_responses.0.pattern', 'a,c'],
    ['cmi.interactions.0.student_response', 'a,b'], ['cmi.interactions.0.result', 'wrong'],
    ['cmi.interactions.0.latency', '0000:01:01.50']]);
  T.recordInteraction({ q: { id: 'd', kind: 'decision', it: 'choice', rp: [], rid: { c: ['a', 'b'] }, points: 0 }, response: 1,
    result: 'neutral', latency: 0, time: new Date() });
  const d = api.sets.filter((s) => s[0].startsWith('cmi.interactions.1.'));
  assert.deepEqual(d.map((s) => s[0].slice(19)), ['id', 'type', 'time', 'student_response', 'result', 'latency']);
  assert.equal(api.values['cmi.interactions.1.student_response'], 'b');
});
test('an interaction cs-data marks skip is not written; an LMS that refuses them is probed once', () => {
  const { T, api } = setup();
  T.recordInteraction({ q: { id: 'big', kind: 'single', skip: true, rid: { c: [] } }, response: 40, result: 'correct', latency: 0, time: new Date() });
  assert.equal(api.sets.length, 2);
  const r = setup({}, (k) => k.startsWith('cmi.interactions'));
  const rec = { q: { id: 'q', kind: 'single', it: 'choice', rp: ['a'], rid: { c: ['a'] }, points: 1 }, response: 0, result: 'correct', latency: 0, time: new Date() };
  r.T.recordInteraction(rec);
  r.T.recordInteraction(rec);
  assert.equal(r.api.sets.length, 2, 'nothing after the refused probe');
});
test('objectives, state, location, terminate', () => {
  const { T, api } = setup();
  T.setObjective('lesson-1', { completed: true, success: null });
  T.setObjective('lesson-1', { completed: true, success: null });
  T.setObjective('sc', { completed: true, success: 'failed' });
  assert.deepEqual(api.sets.slice(2), [['cmi.objectives.0.id', 'lesson-1'], ['cmi.objectives.0.status', 'completed'],
    ['cmi.objectives.1.id', 'sc'], ['cmi.objectives.1.status', 'failed']]);
  assert.equal(T.saveState('x'.repeat(5000)), true, 'no length check here: the build reports the limit');
  T.setLocation('k'.repeat(300));
  assert.equal(api.values['cmi.core.lesson_location'].length, 255);
  T.terminate({ finished: true });
  assert.equal(api.values['cmi.core.exit'], '');
  assert.match(api.values['cmi.core.session_time'], /^\d{4}:\d\d:\d\d\.\d\d$/);
  assert.deepEqual(api.calls.slice(-1), ['finish']);
  assert.equal(T.commit(), true);
});
test('review mode writes nothing', () => {
  const { T, api } = setup({ 'cmi.core.lesson_mode': 'review' });
  T.saveState('x'); T.report({ completed: true, success: 'passed', score: 1 }); T.setObjective('o', { completed: true });
  T.recordInteraction({ q: { id: 'q', kind: 'single', rid: { c: ['a'] } }, response: 0, result: 'correct', latency: 0, time: new Date() });
  assert.deepEqual(api.sets, []);
});
test('every quiz of the sample writes the pattern and ids cs-data ships', () => {
  const data = fixture('cs-data.scorm12.json');
  const api = fakes.scormApi(N, { 'cmi.core.lesson_status': 'incomplete', 'cmi.interactions._count': '0', 'cmi.objectives._count': '0' });
  const w = { API: api }; w.parent = w;
  const T = scorm12.create(w);
  T.init({ data });
  data.quizzes.forEach((q) => {
    T.recordInteraction({ q, response: fakes.response(q), number: 1, result: 'correct', latency: 0, time: new Date() });
  });
  data.quizzes.forEach((q, n) => {
    assert.equal(api.values['cmi.interactions.' + n + '.type'], q.it);
    assert.equal(api.values['cmi.interactions.' + n + '.correct_responses.0.pattern'], q.rp.length ? q.rp[0] : undefined);
  });
});
// strict: every set and call in one ordered log; a call after LMSFinish is an error
function strict(api) {
  const order = [];
  let finished = false;
  for (const k of Object.keys(N).map((n) => N[n]).filter((n) => n !== 'API')) {
    const f = api[k];
    api[k] = (...args) => {
      if (finished) throw new Error(k + ' after LMSFinish');
      if (k !== N.get && k !== N.error) order.push(k === N.set ? args : k);
      if (k === N.finish) finished = true;
      return f(...args);
    };
  }
  return order;
}
test('exit, finished: exit "" and session time, then LMSCommit, then LMSFinish once; done after', () => {
  const { T, api } = setup();
  const order = strict(api);
  let done = 0;
  T.exit({ finished: true, completed: true, success: 'passed', score: 90 }, () => done++);
  assert.equal(order.length, 4);
  assert.deepEqual(order[0], ['cmi.core.exit', '']);
  assert.equal(order[1][0], 'cmi.core.session_time');
  assert.match(order[1][1], /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  assert.deepEqual(order.slice(2), ['LMSCommit', 'LMSFinish']);
  assert.equal(done, 1);
  T.exit({ finished: true }, () => done++);
  T.terminate({ finished: true });
  assert.equal(done, 2, 'a second exit calls nothing on the LMS');
  assert.equal(order.length, 4);
});
test('exit, not finished: suspend (the learner resumes); review: no writes, LMSCommit and LMSFinish', () => {
  const { T, api } = setup();
  const order = strict(api);
  T.exit({ finished: false, completed: false, success: 'unknown', score: null });
  assert.deepEqual(order[0], ['cmi.core.exit', 'suspend']);
  assert.deepEqual(order.slice(2), ['LMSCommit', 'LMSFinish']);
  const r = setup({ 'cmi.core.lesson_mode': 'review' });
  const o = strict(r.api);
  r.T.exit(null);
  assert.deepEqual(o, ['LMSCommit', 'LMSFinish']);
});
