'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const { Queue, browserEnv } = runtime('queue');

function st(id, verb) { return { id, verb: { id: 'http://adlnet.gov/expapi/verbs/' + (verb || 'answered') } }; }
function setup(answer, hooks, initial) {
  const s = fakes.store(initial), c = fakes.clock(), l = fakes.lrs(answer), got = { ack: [], refused: [] };
  const q = new Queue('k', l, Object.assign({ ack: (x) => got.ack.push(x.id), refused: (x, status, why) => got.refused.push([x.id, status, why]) },
    hooks || {}), fakes.env(s, c));
  return { s, c, l, q, got };
}
test('statements go in order, in batches, kept in the store until acknowledged', async () => {
  const { s, c, l, q, got } = setup();
  q.push(st('1'));
  q.push(st('2'));
  assert.equal(JSON.parse(s.getItem('k')).length, 2);
  await c.tick(0);
  assert.equal(l.calls.length, 1);
  assert.deepEqual(l.calls[0].body.map((x) => x.id), ['1', '2']);
  assert.deepEqual(got.ack, ['1', '2']);
  assert.equal(s.getItem('k'), null);
  for (let i = 0; i < 30; i++) q.push(st('b' + i));
  await c.tick(0);
  assert.deepEqual(l.calls.slice(1).map((x) => x.body.length), [25, 5]);
});
test('a gate goes alone and holds the rest until acknowledged', async () => {
  let ok = false;
  const { c, l, q } = setup(() => (ok ? 200 : 503));
  q.push(st('init', 'initialized'), { alone: true });
  q.push(st('a'));
  await c.tick(0);
  assert.deepEqual(l.calls.map((x) => x.body.map((y) => y.id)), [['init']]);
  ok = true;
  await c.tick(500);
  assert.deepEqual(l.calls.map((x) => x.body.map((y) => y.id)), [['init'], ['init'], ['a']]);
});
test('retry with backoff on 5xx, 408, 429 and network errors', async () => {
  const answers = [500, 408, 429, new Error('offline'), 200];
  const { c, l, q, got } = setup(() => answers.shift());
  q.push(st('1'));
  await c.tick(0);
  assert.equal(l.calls.length, 1);
  await c.tick(499);
  assert.equal(l.calls.length, 1);
  await c.tick(1);
  assert.equal(l.calls.length, 2);
  await c.tick(1000);
  assert.equal(l.calls.length, 3);
  await c.tick(2000);
  assert.equal(l.calls.length, 4);
  await c.tick(4000);
  assert.equal(l.calls.length, 5);
  assert.deepEqual(got.ack, ['1']);
});
test('a refused batch is split; the refused statement is reported and dropped, the rest goes on', async () => {
  const { c, l, q, got } = setup((m, p, body) => (body.some((x) => x.id === 'bad') ? 400 : 200));
  q.push(st('1')); q.push(st('bad', 'passed')); q.push(st('3'));
  await c.tick(0);
  assert.deepEqual(l.calls.map((x) => x.body.map((y) => y.id)), [['1', 'bad', '3'], ['1'], ['bad'], ['3']]);
  assert.deepEqual(got.refused, [['bad', 400, '9.3.0.0-3']]);
  assert.deepEqual(got.ack, ['1', '3']);
  assert.deepEqual(q.rejected, [{ id: 'bad', verb: 'http://adlnet.gov/expapi/verbs/passed', status: 400, rule: '9.3.0.0-3' }]);
  assert.equal(c.warnings.length, 1);
});
test('401 stops sending and keeps the queue; restart tries again; 403 refuses one with forbiddenIsRefusal', async () => {
  let status = 401;
  const { s, c, l, q, got } = setup(() => status);
  q.push(st('1'));
  await c.tick(0);
  assert.ok(q.stopped);
  assert.equal(JSON.parse(s.getItem('k')).length, 1);
  let released = false;
  q.whenEmpty(() => { released = true; }, 0);
  assert.ok(released, 'a stopped queue does not hold an exit');
  status = 200;
  q.restart();
  await c.tick(0);
  assert.deepEqual(got.ack, ['1']);
  const f = setup(() => 403, { forbiddenIsRefusal: true });
  f.q.push(st('x'));
  await f.c.tick(0);
  assert.ok(!f.q.stopped);
  assert.deepEqual(f.got.refused.map((r) => r[1]), [403]);
  const g = setup(() => 403);
  g.q.push(st('y'));
  await g.c.tick(0);
  assert.ok(g.q.stopped);
  assert.equal(l.calls.length, 2);
});
test('what an earlier launch left is sent first; others/discard find earlier sessions', async () => {
  const { c, l, q } = setup(() => 200, {}, { k: JSON.stringify([st('old')]), 'k:s1': '[]', other: '1' });
  assert.equal(q.items.length, 1);
  q.push(st('new'));
  await c.tick(0);
  assert.deepEqual(l.calls[0].body.map((x) => x.id), ['old', 'new']);
  const s = fakes.store({ 'p:a': '[]', 'p:b': '[]', 'q:c': '[]' }), e = fakes.env(s, fakes.clock());
  assert.deepEqual(Queue.others(e, 'p:', 'p:b'), ['p:a']);
  Queue.discard(e, ['p:a']);
  assert.equal(s.getItem('p:a'), null);
  assert.equal(new Queue('bad', l, {}, fakes.env(fakes.store({ bad: '{"x":1}' }), fakes.clock())).items.length, 0);
});
test('whenEmpty: once empty, or after ms at the latest', async () => {
  const { c, q } = setup(() => 503);
  let fired = 0;
  q.push(st('1'));
  q.whenEmpty(() => fired++, 100);
  await c.tick(99);
  assert.equal(fired, 0);
  await c.tick(1);
  assert.equal(fired, 1);
  const ok = setup();
  let done = 0;
  ok.q.push(st('2'));
  ok.q.whenEmpty(() => done++, 5000);
  await ok.c.tick(0);
  assert.equal(done, 1);
  await ok.c.tick(6000);
  assert.equal(done, 1, 'once');
});
test('beacon: the rest with keepalive, without the batch on its way', async () => {
  const { c, l, q } = setup(() => new Promise(() => {}));
  l.send = (method, path, body, keepalive) => { l.calls.push({ body, keepalive }); return new Promise(() => {}); };
  q.push(st('1'));
  await c.tick(0);
  q.push(st('2')); q.push(st('3'));
  q.beacon();
  assert.deepEqual(l.calls.map((x) => [x.body.map((y) => y.id), x.keepalive]), [[['1'], false], [['2', '3'], true]]);
});
test('browserEnv reads the window', () => {
  const s = fakes.store(), warned = [];
  const e = browserEnv({ localStorage: s, setTimeout: () => 7, console: { warn: (t) => warned.push(t) } });
  assert.equal(e.store(), s);
  assert.equal(e.setTimeout(() => {}, 1), 7);
  e.warn('x');
  assert.deepEqual(warned, ['x']);
  assert.equal(browserEnv({ get localStorage() { throw new Error('denied'); } }).store(), null);
});
