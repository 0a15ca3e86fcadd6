'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const lrs = runtime('lrs');

const V = 'http://adlnet.gov/expapi/verbs/';
const DATA = {
  lang: 'en', mastery: 80, pages: [{ k: 'l1--p1', l: 0 }, { k: 'l1--p2', l: 0 }], scenarios: [], quizzes: [],
  format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: null },
  verbs: { [V + 'initialized']: 'initialized' }, verbLang: 'en',
  xapi: { lang: 'en', course: { id: 'https://c.example/course', name: { en: 'C' }, description: { en: 'D' } },
    lessons: [{ id: 'https://c.example/l1' }], pages: [{ id: 'https://c.example/p1', name: { en: 'P1' } }, { id: 'https://c.example/p2', name: { en: 'P2' } }],
    quizzes: [], scenarios: {} }
};
function profile(w, extra) {
  return Object.assign({ launch: () => ({ lrs: new lrs.Lrs('https://lrs.example/xapi', 'Basic abc', w), actor: { mbox: 'mailto:a@b.example' },
    registration: 'reg-1', activityId: 'https://c.example/course', mode: 'normal' }) }, extra || {});
}
const statements = (w) => w.requests.filter((r) => r.method === 'POST').flatMap((r) => r.body).map((s) => s.verb.id.slice(V.length));

test('qs, params, uuid', () => {
  assert.equal(lrs.qs({ a: 'x y', b: '', c: null, d: undefined, e: 0 }), 'a=x%20y&e=0');
  assert.deepEqual(lrs.params({ location: { search: '?endpoint=https%3A%2F%2Fl&actor=%7B%7D' } }), { endpoint: 'https://l', actor: '{}' });
  assert.deepEqual(lrs.params({}), {});
  assert.equal(lrs.uuid({ crypto: { randomUUID: () => 'r' } }), 'r');
  const u = lrs.uuid({ crypto: { getRandomValues: (b) => b.fill(255) } });
  assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
test('Lrs: the xAPI headers, credentials only in memory, synchronous and fetch requests', async () => {
  const w = fakes.lrsWindow('', (m, url) => (m === 'GET' ? { status: 200, body: { ok: 1 } } : null));
  const l = new lrs.Lrs('https://lrs.example/xapi', 'Basic abc', w);
  assert.equal(l.endpoint, 'https://lrs.example/xapi/');
  assert.deepEqual(l.headers(true), { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic abc', 'Content-Type': 'application/json' });
  assert.deepEqual(new lrs.Lrs('https://x/', '', w).headers(false), { 'X-Experience-API-Version': '1.0.3' });
  assert.deepEqual(l.sync('GET', 'activities/state?x=1'), { status: 200, body: { ok: 1 } });
  assert.equal(w.requests[0].url, 'https://lrs.example/xapi/activities/state?x=1');
  l.sync('POST', 'https://lms.example/fetch');
  assert.equal(w.requests[1].url, 'https://lms.example/fetch');
  const r = await l.send('POST', 'statements', [{ id: 1 }], true);
  assert.equal(r.status, 200);
  const broken = new lrs.Lrs('https://x', '', { XMLHttpRequest: function () { this.open = () => { throw new Error('blocked'); }; } });
  assert.deepEqual(broken.sync('GET', 'p'), { status: 0, body: null });
});
test('no launch: not connected, the profile\'s notice, every event a no-op', () => {
  const w = fakes.lrsWindow('');
  const T = lrs.makeTransport({ launch: () => ({ notice: 'init_failed' }) }, w);
  const info = T.init({ data: DATA });
  assert.deepEqual(info, { connected: false, notice: 'init_failed', mode: 'normal', entry: '', resumeState: '', location: '', masteryOverride: null });
  assert.equal(T.lrsLaunch, false);
  assert.equal(T.saveState('x'), true);
  assert.equal(T.setLocation('l1--p1'), true);
  T.report({ completed: true }); T.setObjective('x', {}); T.recordInteraction({ q: {} }); T.terminate(null);
  assert.equal(T.commit(), true);
  assert.equal(T.pending(), 0);
  assert.deepEqual(T.rejected(), []);
  assert.deepEqual(w.requests, []);
});
test('a launch: the State document read, initialized first, pages experienced, the state written on commit', async () => {
  const w = fakes.lrsWindow('', (m, url) => (m === 'GET' && url.includes('activities/state')
    ? { status: 200, body: { state: 'RESUME', location: 'l1--p2', sent: {}, t: 3 } } : null));
  const T = lrs.makeTransport(profile(w), w);
  const info = T.init({ data: DATA });
  assert.deepEqual(info, { connected: true, notice: '', mode: 'normal', lesson: null, entry: 'resume', resumeState: 'RESUME',
    location: 'l1--p2', masteryOverride: null });
  assert.ok(T.lrsLaunch);
  const get = w.requests[0];
  assert.match(get.url, /^https:\/\/lrs\.example\/xapi\/activities\/state\?stateId=https%3A%2F%2Fw3id\.org%2Fcoursec%2Fxapi%2Fv1%2Fstate&activityId=/);
  assert.match(get.url, /registration=reg-1$/);
  T.setLocation('l1--p2');
  T.setLocation('l1--p2');
  T.saveState('NEW');
  assert.equal(T.pending(), 2);
  await w.clock.tick(0);
  assert.deepEqual(statements(w), ['initialized', 'experienced']);
  assert.equal(w.requests.filter((r) => r.method === 'POST')[0].body.length, 1, 'initialized alone');
  assert.equal(T.pending(), 0);
  assert.equal(T.commit(), true);
  const put = w.requests.filter((r) => r.method === 'PUT');
  assert.equal(put[0].body.state, 'NEW');
  assert.equal(put[0].body.location, 'l1--p2');
  const mirror = JSON.parse(w.store.getItem('coursec:lrs:s:https://lrs.example/xapi/:reg-1:https://c.example/course'));
  assert.equal(mirror.state, 'NEW');
  assert.ok(!JSON.stringify([...w.store.data.values()]).includes('Basic abc'), 'credentials never stored');
  const init = w.requests.find((r) => r.method === 'POST').body[0];
  assert.equal(init.object.id, 'https://c.example/course');
  assert.equal(init.object.definition.type, 'http://adlnet.gov/expapi/activities/course');
  T.terminate({ completed: false, success: 'unknown', score: null });
  await w.clock.tick(0);
  assert.deepEqual(statements(w).slice(-1), ['terminated']);
  T.report({ completed: true, success: 'unknown', score: null });
  assert.equal(T.pending(), 0, 'nothing after terminated');
});
test('masteryScore: LaunchData wins, else cs-data mastery; review and browse modes', async () => {
  const w = fakes.lrsWindow('');
  const T = lrs.makeTransport(profile(w, { launch: () => Object.assign(profile(w).launch(), { masteryScore: 0.6, mode: 'review' }) }), w);
  const info = T.init({ data: DATA });
  assert.deepEqual([info.mode, info.masteryOverride, info.notice], ['review', 60, '']);
  T.report({ completed: true, success: 'passed', score: 90 });
  T.saveState('x');
  assert.equal(T.commit(), true);
  await w.clock.tick(0);
  assert.deepEqual(statements(w), ['initialized']);
  assert.equal(w.requests.filter((r) => r.method === 'PUT').length, 0, 'review writes no State document');
  const b = fakes.lrsWindow('');
  const B = lrs.makeTransport(profile(b, { launch: () => Object.assign(profile(b).launch(), { mode: 'browse' }) }), b);
  assert.equal(B.init({ data: DATA }).notice, 'browse');
});
test('a cmi5-style session: earlier sessions\' queues are discarded', () => {
  const w = fakes.lrsWindow('');
  const prefix = 'coursec:lrs:q:https://lrs.example/xapi/:reg-1';
  w.store.setItem(prefix + ':old', JSON.stringify([{ id: 'dead', verb: { id: V + 'answered' } }]));
  w.store.setItem(prefix, JSON.stringify([]));
  const T = lrs.makeTransport(profile(w, { launch: () => Object.assign(profile(w).launch(), { session: 'new' }) }), w);
  T.init({ data: DATA });
  assert.equal(w.store.getItem(prefix + ':old'), null);
  assert.equal(T.pending(), 1, 'only initialized');
});
