'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const local = runtime('local');

test('progress kept in localStorage per course version, written on commit', () => {
  const s = fakes.store();
  const T = local.create({ localStorage: s });
  assert.deepEqual(T.init({ courseId: 'c', version: '1.0' }), { connected: true, notice: '', note: 'local', mode: 'normal', entry: 'ab-initio',
    resumeState: '', location: '', masteryOverride: null });
  T.saveState('STATE'); T.setLocation('p2'); T.report({ completed: true, success: 'passed', score: 90 });
  T.setObjective('x', {}); T.recordInteraction({});
  assert.equal(s.getItem('coursec:c:1.0'), null, 'nothing before commit');
  assert.equal(T.commit(), true);
  assert.deepEqual(JSON.parse(s.getItem('coursec:c:1.0')), { state: 'STATE', location: 'p2', completion: 'completed', success: 'passed', score: 90 });
  const again = local.create({ localStorage: s }).init({ courseId: 'c', version: '1.0' });
  assert.deepEqual([again.entry, again.resumeState, again.location], ['resume', 'STATE', 'p2']);
  T.terminate();
});
test('exit: the status reported and committed, then done', () => {
  const s = fakes.store();
  const T = local.create({ localStorage: s });
  T.init({ courseId: 'c', version: '1' });
  let done = 0;
  T.exit({ completed: true, success: 'passed', score: 80 }, () => done++);
  assert.equal(done, 1);
  assert.deepEqual(JSON.parse(s.getItem('coursec:c:1')), { completion: 'completed', success: 'passed', score: 80 });
});
test('no localStorage (or a full one): local_off, commit reports the failure', () => {
  const off = local.create({ get localStorage() { throw new Error('denied'); } });
  assert.deepEqual([off.init({ courseId: 'c', version: '1' }).notice, off.commit()], ['local_off', true]);
  const full = fakes.store();
  full.setItem = () => { throw new Error('quota'); };
  const T = local.create({ localStorage: full });
  T.init({ courseId: 'c', version: '1' });
  assert.equal(T.commit(), false);
});
test('wanted: only without the TinCan parameters', () => {
  assert.equal(local.wanted({ location: { search: '' } }), true);
  assert.equal(local.wanted({ location: { search: '?endpoint=x' } }), true);
  assert.equal(local.wanted({ location: { search: '?endpoint=x&actor=y' } }), false);
});
