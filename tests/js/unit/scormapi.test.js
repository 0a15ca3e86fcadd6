'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const { connect } = runtime('scormapi');

const N12 = { object: 'API', initialize: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', error: 'LMSGetLastError',
  commit: 'LMSCommit', finish: 'LMSFinish' };
function win(parent, extra) { const w = Object.assign({ console: { warn: () => {} } }, extra || {}); w.parent = parent || w; return w; }

test('discovery: the parents, then the opener; a cross-origin frame is stepped over', () => {
  const api = fakes.scormApi(N12);
  const top = win(null, { API: api });
  const hostile = win(top);
  Object.defineProperty(hostile, 'API', { get() { throw new Error('cross-origin'); } });
  const lms = connect(win(hostile), N12);
  assert.equal(lms.initialize(), '');
  assert.ok(lms.live());
  const opened = connect(win(null, { opener: win(null, { API: api }) }), N12);
  assert.equal(opened.initialize(), '');
  assert.equal(connect(win(), N12).initialize(), 'no_api');
  const refusing = fakes.scormApi(N12);
  refusing.LMSInitialize = () => 'false';
  assert.equal(connect(win(null, { API: refusing }), N12).initialize(), 'init_failed');
});
test('get and set check GetLastError; commit retries; finish once and nothing after', () => {
  const api = fakes.scormApi(N12, { 'cmi.core.entry': 'resume' }, (k) => k === 'cmi.bad');
  const warned = [];
  const lms = connect(win(null, { API: api, console: { warn: (t) => warned.push(t) } }), N12);
  assert.equal(lms.get('cmi.core.entry', 'x'), 'x', 'nothing before initialize');
  lms.initialize();
  assert.equal(lms.get('cmi.core.entry', 'x'), 'resume');
  assert.equal(lms.get('cmi.nothing', 'fallback'), 'fallback');
  assert.equal(lms.set('cmi.core.exit', 'suspend'), true);
  assert.equal(lms.set('cmi.bad', 1), false);
  assert.equal(warned.length, 1);
  let tries = 0;
  api.LMSCommit = () => { tries++; api.err = '0'; return tries < 3 ? 'false' : 'true'; };
  assert.equal(lms.commit(), true);
  assert.equal(tries, 3);
  api.LMSCommit = () => { throw new Error('x'); };
  assert.equal(lms.commit(), false);
  lms.finish();
  lms.finish();
  assert.deepEqual(api.calls.filter((c) => c === 'finish'), ['finish']);
  assert.equal(lms.set('cmi.core.exit', ''), false);
  assert.equal(lms.commit(), true, 'after finish a commit is a no-op');
});
