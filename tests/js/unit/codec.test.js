'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { runtime, fixture } = require('./contract.js');
const codec = runtime('codec');

const SC = { comps: ['a', 'b'], flags: ['f0', 'f1', 'f2', 'f3', 'f4'], lo: -2, hi: 2, start: 0,
  n: [{ id: 'n0', e: null, c: [{ to: 1 }, { to: 2 }] }, { id: 'n1', e: null, c: [{ to: 0 }, { to: 2 }] }, { id: 'end', e: 'pass', c: [] }] };
const DATA = { v: 2, hash: 'abc123', pages: [{}, {}, {}, {}, {}, {}], assessment: { id: 'x' }, scenarios: [SC, SC] };

test('hex bitsets: 4 items a digit, low bit first', () => {
  assert.equal(codec.hex([true, false, false, false, false, true]), '12');
  assert.equal(codec.hex([]), '');
  assert.equal(codec.hex([true, true, true, true]), 'f');
  assert.deepEqual(codec.unhex('12', 6), [true, false, false, false, false, true]);
  assert.deepEqual(codec.unhex('', 3), [false, false, false]);
  assert.deepEqual(codec.unhex('z', 2), [false, false]);
  for (let n = 0; n < 12; n++) {
    const bits = Array.from({ length: n }, (_, i) => (i * 7) % 3 === 0);
    assert.deepEqual(codec.unhex(codec.hex(bits), n), bits);
  }
});
test('encode writes the keys in order, trims trailing nulls, a and s only when the course has them', () => {
  const st = { r: 7, c: 2, p: [true, false, true], q: [null, [1, 0, 1], undefined, 0],
    a: { n: 1, d: [3], s: 0, b: -1, l: -1, p: 0 }, s: [null, { node: 1, scores: [1, -2], flags: [true, false, false, false, true],
      path: [0, 0], steps: 1, attempts: 0, result: null }] };
  assert.equal(codec.encode(st, DATA),
    '{"v":2,"h":"abc123","r":7,"c":2,"p":"50","q":[null,[1,0,1]],"a":{"n":1,"d":[3],"s":0,"b":-1,"l":-1,"p":0},' +
    '"s":[null,[1,[1,-2],"11",[0,0],1,0,null]]}');
  assert.equal(codec.encode({ r: 1, c: 0, p: [], q: [], s: [] }, { v: 1, hash: 'h', pages: [{}] }),
    '{"v":1,"h":"h","r":1,"c":0,"p":"0","q":[]}');
  const played = { node: 0, scores: [0, 0], flags: [false, false, false, false, false], path: [0], steps: 0, attempts: 1,
    result: { node: 2, passed: true, scores: [2, 0] } };
  assert.deepEqual(codec.encodeEntry(played), [0, [0, 0], '00', [0], 0, 1, [2, 1, [2, 0]]]);
  assert.equal(codec.encodeEntry({ ...played, attempts: 0 }), null, 'never played');
});
test('decode reads back what encode wrote', () => {
  const text = '{"v":2,"h":"abc123","r":7,"c":9,"p":"50","q":[null,[1,0,1]],"a":{"n":1,"d":[3],"s":0,"b":-1,"l":-1,"p":0},' +
    '"s":[[2,[2,2],"10",[0,1],3,1,[2,1,[2,2]]],[1,[1,-2],"11",[0,0],1,0,null]]}';
  const st = codec.decode(text, DATA);
  assert.equal(st.c, 5, 'a page past the end is the last page');
  assert.deepEqual(st.p, [true, false, true, false, false, false]);
  assert.deepEqual(st.s[0], { node: 2, scores: [2, 2], flags: [true, false, false, false, false], path: [0, 1], steps: 3,
    attempts: 1, result: { node: 2, passed: true, scores: [2, 2] } });
  st.c = 2;
  assert.equal(codec.encode(st, DATA), text.replace('"c":9', '"c":2'));
});
test('decode refuses what is not a state of this course version', () => {
  const ok = '{"v":2,"h":"abc123","r":7,"c":0,"p":"","q":[]}';
  assert.ok(codec.decode(ok, DATA));
  assert.equal(codec.decode('', DATA), null);
  assert.equal(codec.decode('{not json', DATA), null);
  assert.equal(codec.decode('null', DATA), null);
  assert.equal(codec.decode(ok.replace('"v":2', '"v":1'), DATA), null);
  assert.equal(codec.decode(ok.replace('abc123', 'abc124'), DATA), null);
  assert.equal(codec.decode(ok.replace('"q":[]', '"q":{}'), DATA), null);
  assert.equal(codec.decode(ok.replace('"r":7', '"r":"7"'), DATA), null);
  assert.equal(codec.decode(ok.replace('"p":""', '"p":0'), DATA), null);
  const st = codec.decode(ok, DATA);
  assert.deepEqual(st.a, { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 });
  assert.deepEqual(st.s, [null, null]);
});
test('a scenario entry that does not fit the graph decodes as null', () => {
  const good = [1, [0, 0], '', [0, 0], 1, 0, null];
  assert.ok(codec.decodeEntry(SC, good));
  const bad = [
    null, [1, [0, 0], ''], [5, [0, 0], '', [0], 1, 0, null], [1, [0], '', [0, 0], 1, 0, null],
    [1, [0, 3], '', [0, 0], 1, 0, null], [1, [0, 0], 0, [0, 0], 1, 0, null], [1, [0, 0], '', [0, 1], 1, 0, null],
    [1, [0, 0], '', [0, 7], 1, 0, null], [1, [0, 0], '', [0, 0], '1', 0, null], [1, [0, 0], '', [0, 0], 1, 0, [1, 1, [0, 0]]],
    [1, [0, 0], '', [0, 0], 1, 0, [2, 1, [9, 0]]], [1.5, [0, 0], '', [0, 0], 1, 0, null]
  ];
  bad.forEach((e) => assert.equal(codec.decodeEntry(SC, e), null, JSON.stringify(e)));
});
// a stored entry as decodeEntry gives it, without the graph check: the worst case of
// check/limits.py is a bound (the widest values), its kept path is not a walk of the graph
function entryOf(sc, e) {
  const r = e[6];
  return { node: e[0], scores: e[1], flags: codec.unhex(e[2], sc.flags.length), path: e[3], steps: e[4], attempts: e[5],
    result: r === null ? null : { node: r[0], passed: !!r[1], scores: r[2] } };
}
test('the Python codec\'s states (states.json): JS reads them back and writes the same bytes, every case', () => {
  const cases = fixture('states.json');
  assert.ok(cases.length >= 4, 'empty, mid-way, everything answered, the worst case');
  cases.forEach((c, k) => {
    const what = 'case ' + k + ' ' + c.encoded.slice(0, 40);
    const worst = k === cases.length - 1;
    assert.equal(JSON.stringify(c.state), c.encoded, 'JSON.stringify of the decoded state is the text');
    const data = fixture(c.fixture), same = { ...data, hash: c.state.h }, n = data.pages.length;
    // a state that names its release (k) is read with a cs-data whose current release is that one
    if (c.state.k) same.releases = [{ k: c.state.k, hash: c.state.h, pages: [], quizzes: [], assessment: null, scenarios: [] }];
    assert.equal(codec.hex(codec.unhex(c.state.p, n)), c.state.p, 'p is the canonical bitset of ' + n + ' pages: ' + what);
    const st = codec.decode(c.encoded, same);
    assert.ok(st, 'decodes: ' + what);
    assert.deepEqual(st.p, codec.unhex(c.state.p, n));
    (c.state.s || []).forEach((e, i) => {
      const sc = data.scenarios[i];
      if (e === null) return;
      assert.equal(codec.hex(codec.unhex(e[2], sc.flags.length)), e[2], 'flags are a canonical bitset: ' + what);
      if (worst) st.s[i] = entryOf(sc, e);
      else assert.deepEqual(st.s[i], codec.decodeEntry(sc, e), 'scenario ' + i + ' fits its graph: ' + what);
      assert.ok(st.s[i], 'scenario ' + i + ' decodes: ' + what);
    });
    assert.deepEqual(codec.plain(st, same), c.state, what);
    assert.equal(codec.encode(st, same), c.encoded, what);
  });
});
test('a quiz entry with Show answer pressed (4th item 1) round-trips; an older 3-item entry reads as before', () => {
  const text = '{"v":2,"h":"abc123","r":7,"c":0,"p":"10","q":[[4,"7",0,1],[1,0,1]],"a":{"n":0,"d":[],"s":0,"b":-1,"l":-1,"p":0},"s":[null,null]}';
  const st = codec.decode(text, DATA);
  assert.deepEqual(st.q, [[4, '7', 0, 1], [1, 0, 1]]);
  assert.equal(codec.encode(st, DATA), text);
});
