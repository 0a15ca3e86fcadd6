'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const responses = runtime('responses');
const answers = runtime('answers');
const scorm12 = runtime('scorm12');
const scorm2004 = runtime('scorm2004');
const statements = runtime('statements');

const T12 = scorm12.writing({ format: { list: ',', pair: '.', range: ':' }, limits: { text: 255 } });
const T04 = scorm2004.writing({ format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: 250 } });
const TX = statements.writing({ format: { list: '[,]', pair: '[.]', range: '[:]' }, limits: { text: null } });

test('choice kinds write rid.c[k]', () => {
  const q = { kind: 'single', rid: { c: ['a', 'b', 'c'] } };
  assert.equal(responses.response(q, 2, null, T12), 'c');
  assert.equal(responses.response({ kind: 'true-false', rid: { c: ['f', 't'] } }, 1, null, T12), 't');
  assert.equal(responses.response({ kind: 'decision', rid: { c: ['x.y', 'z'] } }, 0, null, T04), 'x.y');
  assert.equal(responses.response({ ...q, kind: 'multiple' }, [0, 2], null, T12), 'a,c');
  assert.equal(responses.response({ ...q, kind: 'sequencing' }, [2, 0, 1], null, T04), 'c[,]a[,]b');
});
test('matching: source.target per answered pair', () => {
  const q = { kind: 'matching', rid: { s: ['a', 'b', 'c'], t: ['a', 'b', 'c'] } };
  assert.equal(responses.response(q, [1, -1, 0], null, T12), 'a.b,c.a');
  assert.equal(responses.response(q, [0, 1, 2], null, TX), 'a[.]a[,]b[.]b[,]c[.]c');
});
test('fill-in: cut to the target text limit; SCORM 2004 drops a leading {', () => {
  const q = { kind: 'fill-in' };
  assert.equal(responses.response(q, 'x'.repeat(300), null, T12).length, 255);
  assert.equal(responses.response(q, '{{case}x', null, T04), 'case}x');
  assert.equal(responses.response(q, '{{case}x', null, TX), '{{case}x');
});
test('numeric: the number as each target writes it', () => {
  const q = { kind: 'numeric' };
  assert.equal(responses.response(q, '8,5', 8.5, T12), '8.5');
  assert.equal(responses.response(q, 'x', NaN, T12), '');
  assert.equal(responses.response(q, '0.123456789', 0.123456789, T04), '0.1234568');
  assert.equal(responses.response(q, 'x', NaN, T04), '');
  assert.equal(responses.response(q, 'x', NaN, TX), 'x');
  assert.equal(responses.response(q, '1e3', 1000, TX), '1000');
});
function writingFor(data) {
  if (data.adapter === 'scorm12') return scorm12.writing(data);
  if (data.adapter === 'scorm2004') return scorm2004.writing(data);
  return statements.writing(data);
}
test('the correct response, as JS writes it, is the shipped pattern rp[0] (responses.json)', () => {
  const cases = fixture('responses.json'), adapters = new Set();
  assert.ok(cases.length > 0);
  for (const c of cases) {
    const data = fixture(c.fixture), q = data.quizzes[c.quiz];
    const number = q.kind === 'numeric' ? answers.toNumber(c.response) : null;
    const got = responses.response(q, c.response, number, writingFor(data));
    assert.equal(got, c.lms, c.fixture + ' quiz ' + c.quiz + ' (' + q.kind + ')');
    assert.equal(got, q.rp[0], 'rp[0] of ' + c.fixture + ' quiz ' + c.quiz);
    adapters.add(data.adapter);
  }
  assert.deepEqual([...adapters].sort(), ['cmi5', 'local', 'scorm12', 'scorm2004', 'xapi']);
});

test('weighted: a graded kind only (not likert, not a scenario step); number: numeric only', () => {
  const kinds = runtime('kinds');
  for (const name of Object.keys(kinds)) assert.equal(responses.weighted({ kind: name }), name !== 'likert', name);
  assert.equal(responses.weighted({ kind: 'decision' }), false);
  assert.equal(responses.number({ kind: 'numeric' }, '1,5'), 1.5);
  assert.equal(responses.number({ kind: 'numeric' }, null), null);
  assert.equal(responses.number({ kind: 'fill-in' }, '15'), null);
  assert.equal(responses.number({ kind: 'single' }, 0), null);
  assert.equal(responses.number({ kind: 'decision' }, 1), null);
});
