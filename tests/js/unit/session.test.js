'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime } = require('./contract.js');
const fakes = require('./fakes.js');
const { Session, EXIT_WAIT } = runtime('session');

// fakes of the statements, the queue and the State document: record what the session does
function setup(opts) {
  opts = opts || {};
  const c = fakes.clock(), sent = {}, log = [];
  let n = 0;
  const S = {
    make: (name, object, result, ctx) => ({ id: 's' + (++n), name, object, result, ctx }),
    page: (i) => ({ object: { id: 'page' + i }, parent: 'lesson' }),
    score: (x) => ({ raw: x }),
    answered: (rec) => (rec.q.i === 9 ? null : { object: { id: 'q' + rec.q.i }, result: { response: 'r' }, parent: 'lesson' }),
    decision: (rec) => ({ object: { id: 'd' + rec.node }, result: { response: 'c' }, parent: 'sc' }),
    ending: (e) => ({ object: { id: 'end' + e.node }, result: { completion: true }, parent: 'lesson' })
  };
  const queue = { items: [], push: (s, o) => { queue.items.push(s); log.push('push ' + s.name + (o && o.alone ? ' alone' : '')); },
    restart: () => log.push('restart'), beacon: () => log.push('beacon'),
    whenEmpty: (f, ms) => { log.push('whenEmpty ' + ms); c.setTimeout(f, 10); } };
  const doc = { sent: (k) => !!sent[k], mark: (k) => { sent[k] = 1; log.push('mark ' + k); },
    put: (keep) => log.push('put ' + keep), settled: (d, f) => { log.push('settled ' + d); f(); } };
  const notes = [];
  const run = new Session(Object.assign({ statements: S, queue, doc, profile: opts.profile || {}, courseObject: () => ({ id: 'course' }),
    masteryScore: 'mastery' in opts ? opts.mastery : 0.8, writes: opts.writes !== false, notify: (k, st) => notes.push([k, st]),
    env: { now: c.now, setTimeout: c.setTimeout } }, opts.cfg || {}));
  const names = () => queue.items.map((s) => s.name);
  return { run, queue, doc, sent, log, c, names, notes };
}
const passed = { completed: true, success: 'passed', score: 90, attemptsLeft: false };
const failed = { completed: true, success: 'failed', score: 40, attemptsLeft: true };

test('initialized goes alone; each page is experienced once', () => {
  const { run, names, log } = setup();
  run.initialized();
  run.experienced(0); run.experienced(1); run.experienced(0);
  assert.deepEqual(names(), ['initialized', 'experienced', 'experienced']);
  assert.equal(log[0], 'push initialized alone');
});
test('completed once; the sent mark is set when the LRS acknowledges it, not when queued', () => {
  const { run, queue, names, sent } = setup();
  run.report({ completed: true, success: 'unknown', score: null });
  run.report({ completed: true, success: 'unknown', score: null });
  assert.deepEqual(names(), ['completed']);
  assert.equal(sent.completed, undefined);
  run.acked(queue.items[0]);
  assert.equal(sent.completed, 1);
  run.acked({ id: 'nothing' });
});
test('TinCan verdicts: a pass, and a failure only for a new score', () => {
  const { run, names } = setup();
  run.report(failed);
  run.report(failed);
  run.report({ ...failed, score: 50 });
  assert.deepEqual(names(), ['completed', 'failed', 'failed']);
  run.report(passed);
  assert.deepEqual(names(), ['completed', 'failed', 'failed', 'passed']);
  const q = setup().queue;
  assert.equal(q.items.length, 0);
});
test('the verdict result: success, score, duration and the masteryscore extension', () => {
  const { run, queue, c } = setup();
  c.t += 61000;
  run.report(passed);
  const v = queue.items[1];
  assert.deepEqual(v.result, { success: true, score: { raw: 90 }, duration: 'PT1M1S' });
  assert.deepEqual(v.ctx, { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 0.8 } });
  const none = setup({ mastery: null });
  none.run.report(passed);
  assert.deepEqual(none.queue.items[1].ctx, { extensions: {} });
});
test('cmi5 verdicts: one per session, a failure with a retry ahead held back until the end', () => {
  const cmi5 = { verdicts: 'cmi5', context: (name, extra) => ({ cat: name, extensions: extra.extensions }) };
  let t = setup({ profile: cmi5 });
  t.run.report(failed);
  assert.deepEqual(t.names(), ['completed'], 'attempts left: held');
  t.run.report({ ...failed, attemptsLeft: false, attemptOpen: true });
  assert.deepEqual(t.names(), ['completed'], 'an attempt open: held');
  t.run.terminate(null);
  assert.deepEqual(t.names(), ['completed', 'failed', 'terminated']);
  assert.equal(t.queue.items[1].ctx.cat, 'failed');
  t = setup({ profile: cmi5 });
  t.run.report(failed);
  t.run.report(passed);
  t.run.report(passed);
  t.run.terminate(null);
  assert.deepEqual(t.names(), ['completed', 'passed', 'terminated'], 'the pass came first: no failure');
  t = setup({ profile: cmi5 });
  t.sent.passed = 1;
  t.run.report(passed);
  t.run.report({ ...failed, attemptsLeft: false });
  assert.deepEqual(t.names(), ['completed'], 'passed in an earlier session: no verdict at all');
});
test('nothing judged when the profile says so, nothing recorded without writes', () => {
  const browse = setup({ profile: { judged: () => false } });
  browse.run.report(passed);
  browse.run.answered({ q: { i: 0 } });
  assert.deepEqual(browse.names(), ['answered']);
  const review = setup({ writes: false });
  review.run.report(passed);
  review.run.answered({ q: { i: 0 } });
  review.run.ending('sc', { completed: true, ending: { attempts: 1, node: 2 } });
  assert.deepEqual(review.names(), []);
});
test('answered, decisions and scenario endings (once per attempt)', () => {
  const { run, queue, names, sent } = setup();
  run.answered({ q: { i: 0, kind: 'single' } });
  run.answered({ q: { i: 9, kind: 'single' } });
  run.answered({ q: { kind: 'decision' }, node: 3 });
  run.ending('sc', { completed: true, success: null });
  run.ending('sc', { completed: false, ending: { attempts: 1, node: 2 } });
  run.ending('sc', { completed: true, ending: { attempts: 1, node: 2 } });
  run.ending('sc', { completed: true, ending: { attempts: 1, node: 2 } });
  assert.deepEqual(names(), ['answered', 'answered', 'completed']);
  assert.deepEqual(queue.items[1].object, { id: 'd3' });
  assert.deepEqual(queue.items[2].ctx, { parent: 'lesson' });
  run.acked(queue.items[2]);
  assert.equal(sent['e:sc:1'], 1);
  run.ending('sc', { completed: true, ending: { attempts: 2, node: 2 } });
  assert.deepEqual(names(), ['answered', 'answered', 'completed', 'completed']);
});
test('a refused statement: its mark is not sent again in this session; the learner is told once', () => {
  const { run, queue, names, notes } = setup();
  run.report({ completed: true, success: 'unknown', score: null });
  run.refused(queue.items[0], 403);
  run.refused({ id: 'other' }, 400);
  run.report({ completed: true, success: 'unknown', score: null });
  assert.deepEqual(names(), ['completed']);
  assert.deepEqual(notes, [['lrs_refused', 403]]);
});
test('terminate as the page goes away: the last report, then terminated with the State document at once', () => {
  const { run, log, names } = setup();
  run.terminate(passed);
  assert.deepEqual(names(), ['completed', 'passed', 'terminated']);
  assert.deepEqual(log.slice(-4), ['restart', 'put true', 'push terminated', 'beacon']);
  run.terminate(passed);
  run.report(passed);
  run.answered({ q: { i: 0 } });
  assert.equal(names().length, 3, 'nothing after the end');
});
test('terminate with Exit: everything acknowledged, the State document written, terminated last, bounded', async () => {
  const { run, log, c, names } = setup();
  let left = false;
  run.terminate(null, () => { left = true; });
  assert.deepEqual(names(), []);
  assert.deepEqual(log, ['restart', 'whenEmpty ' + EXIT_WAIT]);
  await c.tick(10);
  assert.deepEqual(log.slice(2), ['put false', 'settled ' + (1000 + EXIT_WAIT), 'push terminated', 'whenEmpty ' + (EXIT_WAIT - 10)]);
  assert.equal(left, false);
  await c.tick(10);
  assert.equal(left, true);
  assert.equal(log[log.length - 1], 'beacon');
});
