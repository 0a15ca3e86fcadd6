'use strict';
// The restored event (a saved state migrated from an earlier release, or not usable) as each
// adapter forwards it: a 'resumed' statement for xAPI and cmi5 (a cmi5 "allowed" statement),
// an LMS comment for SCORM. The fakes are strict: the cmi5 LMS checks the rules CATAPULT's
// player enforces for a session, the SCORM APIs refuse what the data model refuses.
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const cmi5 = runtime('cmi5');
const xapi = runtime('xapi');
const scorm12 = runtime('scorm12');
const scorm2004 = runtime('scorm2004');
const resumenote = runtime('resumenote');
const { Statements } = runtime('statements');

const V = 'http://adlnet.gov/expapi/verbs/';
const CAT = 'https://w3id.org/xapi/cmi5/context/categories/';
const EXT = 'https://w3id.org/coursec/xapi/v1/extensions/restored';
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms', name: 'n' } };
const DATA = { lang: 'de', mastery: null, pages: [{ k: 'one--p', l: 0 }], scenarios: [], strings: {}, lessons: [{ id: 'one' }],
  format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: null },
  verbs: { [V + 'resumed']: 'fortgesetzt' }, verbLang: 'de',
  xapi: { lang: 'de', course: { id: 'https://c.example/course' }, lessons: [{ id: 'l1' }], pages: [{ id: 'p', name: {} }] } };
const MIGRATED = { kept: true, actions: [
  { do: 'question-reset', question: 'goodwill-limit-check', why: 'answer key changed' },
  { do: 'bookmark-moved', from: 'one--old', to: 'one--p' }] };
const FRESH = { kept: false, actions: [{ do: 'fresh', why: 'damaged state' }] };

/* ---- cmi5: a strict LMS ----------------------------------------------------------------- */
function cmi5Lms(mode) {
  const template = { extensions: { [SESSION]: 's-1' }, contextActivities: { grouping: [{ id: 'https://lms.example/au-group' }] } };
  const LD = { launchMode: mode || 'Normal', moveOn: 'Passed', masteryScore: 0.7, returnURL: 'https://lms.example/back', contextTemplate: template };
  const stored = [], refused = [];
  let terminated = false;
  function rule(s) { // the rules of CATAPULT's player for one statement of this session, or null
    const ctx = s.context || {}, ca = ctx.contextActivities || {}, cats = (ca.category || []).map((a) => a.id);
    const verb = s.verb.id.slice(V.length);
    if (terminated) return '9.3.0.0-5 after terminated';
    if (JSON.stringify(s.actor) !== JSON.stringify(ACTOR)) return '8.1.3.0-3 actor';
    if ((ctx.extensions || {})[SESSION] !== 's-1') return '10.2.1.0-6 sessionid';
    if (!(ca.grouping || []).some((a) => a.id === 'https://lms.example/au-group')) return '10.2.1.0-6 grouping';
    if (ctx.registration !== 'reg') return '9.6.1.0-1 registration';
    if (!stored.length && verb !== 'initialized') return '9.3.0.0-4 before initialized';
    const r = s.result || {};
    if (!cats.includes(CAT + 'cmi5')) {
      if (cats.includes(CAT + 'moveon')) return '9.6.2.2-2 moveon on an allowed statement';
      if ('success' in r || 'completion' in r) return '9.6.2.2-1 success/completion without moveon';
      if (['initialized', 'completed', 'passed', 'failed', 'terminated', 'launched', 'satisfied', 'abandoned', 'waived'].includes(verb)) {
        return '9.3.0.0-1 a cmi5 verb without the cmi5 category';
      }
      return null;
    }
    if (s.object.id !== 'https://c.example/au') return '8.1.5.0-6 object';
    if (verb === 'terminated') terminated = true;
    return null;
  }
  const q = '?endpoint=' + encodeURIComponent('https://lms.example/lrs') + '&fetch=' + encodeURIComponent('https://lms.example/fetch') +
    '&actor=' + encodeURIComponent(JSON.stringify(ACTOR)) + '&registration=reg&activityId=' + encodeURIComponent('https://c.example/au');
  const w = fakes.lrsWindow(q, (m, url, body) => {
    if (url === 'https://lms.example/fetch') return { status: 200, body: { 'auth-token': 'TOKEN' } };
    if (m === 'GET' && url.includes('LMS.LaunchData')) return { status: 200, body: LD };
    if (m === 'GET' && url.includes('agents/profile')) return { status: 200, body: { languagePreference: 'de' } };
    if (m === 'POST' && url.endsWith('/statements')) {
      const batch = [].concat(JSON.parse(body));
      const broken = batch.map(rule).filter((x) => x);
      if (broken.length) { refused.push(...broken); return { status: 403, body: { violatedReqId: broken[0] } }; }
      stored.push(...batch);
      return { status: 200, body: batch.map((s) => s.id) };
    }
    return null;
  });
  return { w, stored, refused };
}
const verbs = (list) => list.map((s) => s.verb.id.slice(V.length));

test('cmi5: a migrated resume is one resumed statement after initialized, allowed by the LMS', async () => {
  const lms = cmi5Lms();
  const T = cmi5.create(lms.w);
  T.init({ data: DATA });
  T.restored(MIGRATED);
  await lms.w.clock.tick(0);
  T.terminate(null, () => {});
  await lms.w.clock.tick(100);
  assert.deepEqual(lms.refused, []);
  assert.deepEqual(verbs(lms.stored), ['initialized', 'resumed', 'terminated']);
  const s = lms.stored[1];
  assert.deepEqual(s.verb, { id: V + 'resumed', display: { de: 'fortgesetzt' } });
  assert.equal(s.object.id, 'https://c.example/au');
  assert.deepEqual(s.result, { extensions: { [EXT]: MIGRATED } });
  const cats = s.context.contextActivities.category.map((a) => a.id);
  assert.ok(!cats.includes(CAT + 'cmi5') && !cats.includes(CAT + 'moveon'), cats);
  assert.equal(s.context.extensions[SESSION], 's-1');
});
test('cmi5: a state that could not be used is reported too (kept false, the reason)', async () => {
  const lms = cmi5Lms();
  const T = cmi5.create(lms.w);
  T.init({ data: DATA });
  T.restored(FRESH);
  await lms.w.clock.tick(0);
  assert.deepEqual(lms.refused, []);
  assert.deepEqual(lms.stored[1].result.extensions[EXT], { kept: false, actions: [{ do: 'fresh', why: 'damaged state' }] });
});
test('cmi5: nothing in Browse or Review (no writes), nothing for no actions, nothing after terminated', async () => {
  for (const mode of ['Browse', 'Review']) {
    const lms = cmi5Lms(mode);
    const T = cmi5.create(lms.w);
    T.init({ data: DATA });
    T.restored(MIGRATED);
    await lms.w.clock.tick(0);
    assert.deepEqual(verbs(lms.stored), ['initialized'], mode);
  }
  const lms = cmi5Lms();
  const T = cmi5.create(lms.w);
  T.init({ data: DATA });
  T.restored({ kept: true, actions: [] });
  T.terminate(null, () => {});
  T.restored(MIGRATED);
  await lms.w.clock.tick(100);
  assert.deepEqual(lms.refused, []);
  assert.deepEqual(verbs(lms.stored), ['initialized', 'terminated']);
});

/* ---- xAPI (TinCan launch) ---------------------------------------------------------------- */
test('xAPI: resumed on the course activity, the coursec profile category, the extension', async () => {
  const q = '?endpoint=' + encodeURIComponent('https://lrs.example/xapi') + '&auth=' + encodeURIComponent('Basic xyz') +
    '&actor=' + encodeURIComponent(JSON.stringify({ mbox: 'mailto:a@b.example' })) + '&registration=abcdef01-2345-6789-abcd-ef0123456789';
  const w = fakes.lrsWindow(q);
  const T = xapi.create(w);
  T.init({ data: DATA });
  T.restored(MIGRATED);
  await w.clock.tick(1000);
  const sent = w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).flatMap((r) => r.body);
  assert.deepEqual(verbs(sent), ['initialized', 'resumed']);
  const s = sent[1];
  assert.equal(s.object.id, 'https://c.example/course');
  assert.deepEqual(s.context.contextActivities.category, [{ objectType: 'Activity', id: 'https://w3id.org/coursec/xapi/v1' }]);
  assert.equal(s.context.registration, 'abcdef01-2345-6789-abcd-ef0123456789');
  assert.deepEqual(s.result.extensions[EXT], MIGRATED);
});
test('statements: restored gives the extension only (no success or completion: no moveon needed)', () => {
  const S = new Statements({ actor: ACTOR }, DATA, { uuid: () => 'u', now: () => new Date(0) });
  assert.deepEqual(S.restored({ kept: 1, actions: [] }), { result: { extensions: { [EXT]: { kept: true, actions: [] } } } });
});

/* ---- SCORM: strict APIs ----------------------------------------------------------------- */
const N12 = { object: 'API', initialize: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', error: 'LMSGetLastError',
  commit: 'LMSCommit', finish: 'LMSFinish' };
const N04 = { object: 'API_1484_11', initialize: 'Initialize', get: 'GetValue', set: 'SetValue', error: 'GetLastError',
  commit: 'Commit', finish: 'Terminate' };
const SDATA = { format: { list: ',', pair: '.', range: ':' }, limits: { text: 255 } };
const MODEL12 = /^cmi\.(core\.(lesson_status|exit|lesson_location|session_time|score\.(raw|min|max))|suspend_data|comments)$/;
function strict12(k, v) { // SCORM 1.2: only the elements the adapter may write; CMIString4096
  return !MODEL12.test(k) || (k === 'cmi.comments' && v.length > 4096);
}
function setup12(values) {
  const api = fakes.scormApi(N12, Object.assign({ 'cmi.core.lesson_mode': 'normal', 'cmi.core.lesson_status': 'incomplete',
    'cmi.core.entry': 'resume', 'cmi.suspend_data': '{}', 'cmi.core.lesson_location': '', 'cmi.interactions._count': '0',
    'cmi.objectives._count': '0', 'cmi.student_data.mastery_score': '', 'cmi.comments': '' }, values || {}), strict12);
  const w = { API: api, console: { warn: () => {} } }; w.parent = w;
  const T = scorm12.create(w);
  T.init({ failedStatus: 'incomplete', data: SDATA });
  api.sets.length = 0;
  return { api, T };
}
test('SCORM 1.2: one line appended to cmi.comments, within CMIString4096; nothing else written', () => {
  const { api, T } = setup12();
  T.restored(MIGRATED);
  assert.deepEqual(api.sets, [['cmi.comments', 'coursec: saved progress migrated from an earlier release: ' +
    'question-reset goodwill-limit-check (answer key changed); bookmark-moved one--old -> one--p']]);
  T.restored(FRESH); // a second launch: appended below the first
  assert.equal(api.values['cmi.comments'].split('\n')[1], 'coursec: saved progress not used, the learner started again: damaged state');
  const full = setup12({ 'cmi.comments': 'x'.repeat(4090) });
  full.T.restored(MIGRATED);
  assert.equal(full.api.sets.length, 1, 'the LMS refused the comment');
  assert.ok(full.api.values['cmi.comments'].startsWith('coursec: saved progress migrated'));
  assert.ok(full.api.values['cmi.comments'].length <= 4096);
});
test('SCORM 1.2: nothing in review, nothing for no actions', () => {
  const r = setup12({ 'cmi.core.lesson_mode': 'review' });
  r.T.restored(MIGRATED);
  const n = setup12();
  n.T.restored({ kept: true, actions: [] });
  assert.deepEqual([r.api.sets, n.api.sets], [[], []]);
});
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2})?Z$/;
function setup04(values) {
  let api = null;
  const refuse = (k, v) => { // SCORM 2004: comments_from_learner.n only at n = _count (351), its types
    const m = /^cmi\.comments_from_learner\.(\d+)\.(comment|location|timestamp)$/.exec(k);
    if (!m) return !/^cmi\.(completion_status|exit|location|suspend_data|session_time|progress_measure|success_status|score\.\w+)$|^adl\.nav\.request$/.test(k);
    const count = parseInt(api.values['cmi.comments_from_learner._count'], 10), n = parseInt(m[1], 10);
    if (n > count || (n === count && m[2] !== 'comment')) return true;
    if (m[2] === 'comment' && (v.length > 4000 || v.charAt(0) === '{')) return true;
    if (m[2] === 'timestamp' && !TIME.test(v)) return true;
    if (n === count) api.values['cmi.comments_from_learner._count'] = String(count + 1);
    return false;
  };
  api = fakes.scormApi(N04, Object.assign({ 'cmi.mode': 'normal', 'cmi.completion_status': 'incomplete', 'cmi.success_status': 'unknown',
    'cmi.entry': 'resume', 'cmi.suspend_data': '{}', 'cmi.location': '', 'cmi.interactions._count': '0', 'cmi.objectives._count': '0',
    'cmi.scaled_passing_score': '', 'cmi.comments_from_learner._count': '0' }, values || {}), refuse);
  const w = { API_1484_11: api, console: { warn: () => {} } }; w.parent = w;
  const T = scorm2004.create(w);
  T.init({ failedStatus: 'incomplete', data: SDATA });
  api.sets.length = 0;
  return { api, T };
}
test('SCORM 2004: a new cmi.comments_from_learner entry with its timestamp, after the earlier ones', () => {
  const { api, T } = setup04({ 'cmi.comments_from_learner._count': '1', 'cmi.comments_from_learner.0.comment': 'earlier' });
  T.restored(MIGRATED);
  assert.deepEqual(api.sets.map((s) => s[0]), ['cmi.comments_from_learner.1.comment', 'cmi.comments_from_learner.1.timestamp']);
  assert.match(api.values['cmi.comments_from_learner.1.comment'], /^coursec: saved progress migrated .*goodwill-limit-check \(answer key changed\)/);
  assert.equal(api.values['cmi.comments_from_learner._count'], '2');
  const r = setup04({ 'cmi.mode': 'review' });
  r.T.restored(MIGRATED);
  assert.deepEqual(r.api.sets, []);
});
test('resumenote: the line is cut to the limit; appending drops the oldest lines first', () => {
  const many = { kept: true, actions: Array.from({ length: 200 }, (_, i) => ({ do: 'question-dropped', question: 'q' + i })) };
  const line = resumenote.text(many, 300);
  assert.equal(line.length, 300);
  assert.ok(line.endsWith('...'));
  assert.equal(resumenote.appended('a\nb', 'c', 3), 'b\nc');
  assert.equal(resumenote.appended('', 'c', 3), 'c');
  assert.equal(resumenote.text({ kept: true, actions: [{ do: 'scenario-restarted', scenario: 's', result: 'kept' }] }, 999),
    'coursec: saved progress migrated from an earlier release: scenario-restarted s (result kept)');
});
