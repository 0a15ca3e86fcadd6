'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const cmi5 = runtime('cmi5');

const V = 'http://adlnet.gov/expapi/verbs/';
const CAT = 'https://w3id.org/xapi/cmi5/context/categories/';
const DATA = { lang: 'en', mastery: null, pages: [{ k: 'two--p', l: 1 }], scenarios: [], strings: { exit: 'Leave' },
  lessons: [{ id: 'one' }, { id: 'two' }],
  format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: null }, verbs: { [V + 'passed']: 'passed' }, verbLang: 'en',
  xapi: { lang: 'en', course: { id: 'https://c.example/course' }, lessons: [{ id: 'l1' }, { id: 'l2' }], pages: [{ id: 'p', name: {} }] } };
const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
function launch(launchData, au) {
  const q = '?endpoint=' + encodeURIComponent('https://lms.example/lrs') + '&fetch=' + encodeURIComponent('https://lms.example/fetch') +
    '&actor=' + encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://lms', name: 'n' } })) +
    '&registration=reg&activityId=' + encodeURIComponent('https://c.example/au') + (au ? '&au=' + au : '');
  const w = fakes.lrsWindow(q, (m, url) => {
    if (url === 'https://lms.example/fetch') return { status: 200, body: { 'auth-token': 'TOKEN' } };
    if (m === 'GET' && url.includes('LMS.LaunchData')) return { status: 200, body: launchData };
    if (m === 'GET' && url.includes('agents/profile')) return { status: 200, body: { languagePreference: 'en' } };
    return null;
  });
  return w;
}
const LD = { launchMode: 'Normal', moveOn: 'Passed', masteryScore: 0.7, returnURL: 'https://lms.example/back',
  contextTemplate: { extensions: { [SESSION]: 's-1' }, contextActivities: { grouping: [{ id: 'https://lms.example/au-group' }] } } };

test('the launch: the fetch token first, LaunchData, preferences; mastery from LaunchData', () => {
  const w = launch(LD, 'two');
  const info = cmi5.create(w).init({ data: DATA });
  assert.deepEqual(w.requests.slice(0, 3).map((r) => r.method + ' ' + r.url.split('?')[0]), [
    'POST https://lms.example/fetch', 'GET https://lms.example/lrs/activities/state', 'GET https://lms.example/lrs/agents/profile']);
  assert.deepEqual([info.connected, info.mode, info.masteryOverride, info.lesson], [true, 'normal', 70, 1]);
});
test('cmi5-defined statements: categories, object = the AU, the contextTemplate, masteryscore', async () => {
  const w = launch(LD);
  const T = cmi5.create(w);
  T.init({ data: DATA });
  T.report({ completed: true, success: 'passed', score: 80, attemptsLeft: false });
  T.terminate(null);
  await w.clock.tick(0);
  const sent = w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).flatMap((r) => r.body);
  assert.deepEqual(sent.map((s) => s.verb.id.slice(V.length)), ['initialized', 'completed', 'passed', 'terminated']);
  sent.forEach((s) => {
    assert.equal(s.object.id, 'https://c.example/au');
    assert.equal(s.context.extensions[SESSION], 's-1');
    assert.ok(s.context.contextActivities.category.some((a) => a.id === CAT + 'cmi5'));
    assert.equal(s.context.contextActivities.grouping[0].id, 'https://lms.example/au-group');
    assert.equal(s.context.registration, 'reg');
  });
  assert.ok(sent[2].context.contextActivities.category.some((a) => a.id === CAT + 'moveon'));
  assert.equal(sent[2].context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore'], 0.7);
  assert.ok(!sent[3].context.contextActivities.category.some((a) => a.id === CAT + 'moveon'));
});
test('Browse: nothing judged; Review: nothing written', async () => {
  const w = launch({ ...LD, launchMode: 'Browse' });
  const T = cmi5.create(w);
  assert.equal(T.init({ data: DATA }).notice, 'browse');
  T.report({ completed: true, success: 'passed', score: 80 });
  await w.clock.tick(0);
  const verbs = w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).flatMap((r) => r.body).map((s) => s.verb.id.slice(V.length));
  assert.deepEqual(verbs, ['initialized']);
  assert.equal(cmi5.create(launch({ ...LD, launchMode: 'Review' })).init({ data: DATA }).mode, 'review');
});
test('a failed launch: no_api without the parameters, init_failed without a token or LaunchData', () => {
  assert.equal(cmi5.create(fakes.lrsWindow('')).init({ data: DATA }).notice, 'no_api');
  const noToken = launch(LD);
  noToken.fetch = null;
  const w = fakes.lrsWindow(noToken.location.search, () => ({ status: 401, body: null }));
  assert.equal(cmi5.create(w).init({ data: DATA }).notice, 'init_failed');
  const noLd = fakes.lrsWindow(noToken.location.search, (m, url) => (url.endsWith('/fetch') ? { status: 200, body: { 'auth-token': 't' } } : { status: 404, body: null }));
  assert.equal(cmi5.create(noLd).init({ data: DATA }).notice, 'init_failed');
});
test('the Exit button: after init, next to the pager; it saves, reports, terminates, then leaves', async () => {
  const w = launch(LD);
  const added = [];
  const btn = { setAttribute() {}, addEventListener(e, f) { this.click = f; } };
  w.document = { readyState: 'complete', querySelector: (s) => (s === '[data-cs-nav="next"]' ? { parentNode: { appendChild: (b) => added.push(b) } } : null),
    createElement: () => btn };
  let reported = null;
  w.coursec = { state: () => ({ v: 2 }), evaluate: () => { reported = true; return { completed: false, success: 'unknown', score: null }; } };
  const T = cmi5.create(w);
  T.init({ data: DATA });
  await w.clock.tick(0);
  assert.deepEqual(added, [btn]);
  assert.equal(btn.textContent, 'Leave');
  btn.click();
  assert.ok(btn.disabled && reported);
  await w.clock.tick(100);
  assert.equal(w.location.href, 'https://lms.example/back');
  const put = w.requests.filter((r) => r.method === 'PUT');
  assert.equal(put[put.length - 1].body.state, '{"v":2}');
  const last = w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).pop();
  assert.equal(last.body[0].verb.id, V + 'terminated');
});
test('exit (the completion screen): completed and passed, terminated last, acknowledged, then the returnURL', async () => {
  const w = launch(LD);
  const T = cmi5.create(w);
  T.init({ data: DATA });
  let done = 0;
  T.exit({ completed: true, success: 'passed', score: 90, attemptsLeft: false, finished: true }, () => done++);
  await w.clock.tick(100);
  const sent = w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).flatMap((r) => r.body);
  assert.deepEqual(sent.map((s) => s.verb.id.slice(V.length)), ['initialized', 'completed', 'passed', 'terminated']);
  assert.equal(w.location.href, 'https://lms.example/back');
  assert.equal(done, 0, 'the page leaves for the returnURL instead');
  w.location.href = 'https://content.example/index.html';
  T.exit(null, () => done++);
  await w.clock.tick(100);
  assert.equal(w.location.href, 'https://lms.example/back', 'a second exit sends nothing and only leaves');
  assert.equal(w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).flatMap((r) => r.body).length, 4);
});
test('exit without a returnURL: terminated, then done (the page says it can be closed)', async () => {
  const w = launch({ ...LD, returnURL: '' });
  const T = cmi5.create(w);
  T.init({ data: DATA });
  let done = 0;
  T.exit({ completed: false, success: 'unknown', score: null }, () => done++);
  await w.clock.tick(100);
  assert.equal(done, 1);
  const last = w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).pop();
  assert.equal(last.body[0].verb.id, V + 'terminated');
  assert.equal(w.location.href.startsWith('https://content.example/'), true);
});
