'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const { StateDoc } = runtime('statedoc');

function setup(answer, initial, writes) {
  const s = fakes.store(initial), c = fakes.clock(), l = fakes.lrs(answer);
  return { s, c, l, d: new StateDoc(l, 'activities/state?x', 'm', writes !== false, fakes.env(s, c)) };
}
test('load: the LRS document, or a newer dirty mirror (closed while offline), which is then written', async () => {
  let t = setup();
  t.l.syncAnswer = () => ({ status: 200, body: { state: 'S', location: 'L', sent: { completed: 1 }, t: 4 } });
  t.d.load();
  assert.deepEqual(t.d.doc, { state: 'S', location: 'L', sent: { completed: 1 }, t: 4 });
  assert.ok(t.d.sent('completed'));
  t.d.flushMirror();
  assert.equal(t.l.calls.length, 0);
  t = setup(() => 204, { m: JSON.stringify({ state: 'newer', sent: {}, t: 5, dirty: true }) });
  t.l.syncAnswer = () => ({ status: 200, body: { state: 'S', t: 4 } });
  t.d.load();
  assert.equal(t.d.doc.state, 'newer');
  assert.equal('dirty' in t.d.doc, false);
  t.d.flushMirror();
  assert.equal(t.l.calls[0].method, 'PUT');
  await t.c.tick(0);
  assert.equal(JSON.parse(t.s.getItem('m')).dirty, false, 'the mirror is clean once the LRS has it');
  t = setup(200, { m: '{bad json' });
  t.d.load();
  assert.deepEqual(t.d.doc, { state: '', location: '', sent: {}, t: 0 });
});
test('changes are mirrored, dirty, with a counter', () => {
  const { d, s } = setup();
  d.setState('abc');
  d.setState('abc');
  d.setLocation('p1');
  assert.deepEqual(JSON.parse(s.getItem('m')), { state: 'abc', location: 'p1', sent: {}, t: 2, dirty: true });
});
test('put: one write at a time, the latest document after it; a failure is known', async () => {
  let status = 204;
  const { d, l, c } = setup(() => status);
  d.setState('1');
  d.put(false);
  d.setState('2');
  d.put(false);
  assert.equal(l.calls.length, 1);
  await c.tick(0);
  assert.deepEqual(l.calls.map((x) => x.body.state), ['1', '2']);
  assert.equal(d.failed(), false);
  status = 500;
  d.put(false);
  await c.tick(0);
  assert.equal(d.failed(), true);
  d.put(true);
  d.put(true);
  assert.equal(l.calls.length, 5, 'keepalive writes go at once');
  assert.equal(l.calls[4].keepalive, true);
});
test('a thrown or rejected write counts as failed', async () => {
  const t = setup(() => new Error('offline'));
  t.d.put(false);
  await t.c.tick(0);
  assert.ok(t.d.failed());
  const u = setup();
  u.l.send = () => { throw new Error('blocked'); };
  u.d.put(false);
  assert.ok(u.d.failed());
  assert.equal(u.d.busy, false);
});
test('mark: the sent mark written at once; nothing at all without writes', () => {
  const { d, l } = setup();
  d.mark('passed');
  assert.ok(d.sent('passed'));
  assert.equal(l.calls[0].body.sent.passed, 1);
  const r = setup(200, {}, false);
  r.d.setState('x'); r.d.mark('passed'); r.d.put(true);
  assert.equal(r.l.calls.length, 0);
  assert.equal(r.s.getItem('m'), null);
});
test('settled: once no write is in flight, or at the deadline', async () => {
  const { d, c } = setup(() => new Promise(() => {}));
  d.lrs.send = () => new Promise(() => {});
  d.put(false);
  let done = 0;
  d.settled(c.now() + 200, () => done++);
  await c.tick(150);
  assert.equal(done, 0);
  await c.tick(100);
  assert.equal(done, 1);
  const idle = setup();
  idle.d.settled(0, () => done++);
  assert.equal(done, 2);
});
