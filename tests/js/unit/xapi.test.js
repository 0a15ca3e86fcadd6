'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const xapi = runtime('xapi');

const DATA = { lang: 'en', pages: [], scenarios: [], format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: null },
  verbs: {}, verbLang: 'en', xapi: { lang: 'en', course: { id: 'https://c.example/course' }, lessons: [], pages: [] } };
test('agent: one identifier, TinCan arrays flattened', () => {
  assert.deepEqual(xapi.agent({ name: ['Ann'], mbox: ['mailto:a@b.example'], openid: 'x' }), { objectType: 'Agent', name: 'Ann', mbox: 'mailto:a@b.example' });
  assert.deepEqual(xapi.agent({ account: [{ accountServiceHomePage: 'https://h', accountName: 'n' }] }),
    { objectType: 'Agent', account: { homePage: 'https://h', name: 'n' } });
  assert.deepEqual(xapi.agent({ mbox_sha1sum: 'abc' }), { objectType: 'Agent', mbox_sha1sum: 'abc' });
  assert.deepEqual(xapi.agent({ openid: 'https://o' }), { objectType: 'Agent', openid: 'https://o' });
  assert.equal(xapi.agent({ name: 'nobody' }), null);
});
test('the TinCan launch: endpoint, auth, actor, registration, activity_id', () => {
  const q = '?endpoint=' + encodeURIComponent('https://lrs.example/xapi') + '&auth=' + encodeURIComponent('Basic xyz') +
    '&actor=' + encodeURIComponent(JSON.stringify({ mbox: 'mailto:a@b.example' })) + '&registration=ABCDEF01-2345-6789-abcd-ef0123456789';
  const w = fakes.lrsWindow(q);
  const info = xapi.create(w).init({ data: DATA });
  assert.equal(info.connected, true);
  const get = w.requests[0];
  assert.match(get.url, /activityId=https%3A%2F%2Fc\.example%2Fcourse/);
  assert.match(get.url, /registration=abcdef01-2345-6789-abcd-ef0123456789/);
  const other = fakes.lrsWindow(q.replace('&registration=ABCDEF01-2345-6789-abcd-ef0123456789', '&registration=nope&activity_id=urn%3Ax'));
  xapi.create(other).init({ data: DATA });
  assert.doesNotMatch(other.requests[0].url, /registration/);
  assert.match(other.requests[0].url, /activityId=urn%3Ax/);
});
test('no parameters: no_api; a bad actor: init_failed', () => {
  assert.equal(xapi.create(fakes.lrsWindow('')).init({ data: DATA }).notice, 'no_api');
  const bad = '?endpoint=https%3A%2F%2Fl&actor=' + encodeURIComponent('{"name":"x"}');
  assert.equal(xapi.create(fakes.lrsWindow(bad)).init({ data: DATA }).notice, 'init_failed');
  assert.equal(xapi.create(fakes.lrsWindow('?endpoint=https%3A%2F%2Fl&actor=%7Bnot')).init({ data: DATA }).notice, 'init_failed');
});
test('exit: the status reported, terminated acknowledged, then done; nothing after', async () => {
  const q = '?endpoint=' + encodeURIComponent('https://lrs.example/xapi') + '&actor=' + encodeURIComponent(JSON.stringify({ mbox: 'mailto:a@b.example' }));
  const w = fakes.lrsWindow(q);
  const T = xapi.create(w);
  T.init({ data: Object.assign({}, DATA, { mastery: null }) });
  let done = 0;
  T.exit({ completed: true, success: 'unknown', score: null, finished: true }, () => done++);
  await w.clock.tick(100);
  assert.equal(done, 1);
  const verbs = () => w.requests.filter((r) => r.method === 'POST' && r.url.endsWith('statements')).flatMap((r) => r.body).map((s) => s.verb.id.split('/').pop());
  assert.deepEqual(verbs(), ['initialized', 'completed', 'terminated']);
  T.exit(null, () => done++);
  T.terminate({ completed: true });
  await w.clock.tick(100);
  assert.equal(done, 2);
  assert.deepEqual(verbs(), ['initialized', 'completed', 'terminated']);
});
