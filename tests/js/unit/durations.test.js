'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const d = require('./contract.js').runtime('durations');

test('iso: ISO 8601, at most 2 decimals, nothing negative', () => {
  assert.equal(d.iso(0), 'PT0S');
  assert.equal(d.iso(1234), 'PT1.23S');
  assert.equal(d.iso(1005), 'PT1.01S');
  assert.equal(d.iso(60000), 'PT1M0S');
  assert.equal(d.iso(3723450), 'PT1H2M3.45S');
  assert.equal(d.iso(-50), 'PT0S');
  assert.equal(d.iso(90), 'PT0.09S');
});
test('timespan: SCORM 1.2 HHHH:MM:SS.SS, hours capped', () => {
  assert.equal(d.timespan(0), '0000:00:00.00');
  assert.equal(d.timespan(3723450), '0001:02:03.45');
  assert.equal(d.timespan(10000 * 3600000 + 61000), '9999:01:01.00');
});
test('clock and timestamp', () => {
  const t = new Date(2026, 0, 2, 3, 4, 5);
  assert.equal(d.clock(t), '03:04:05');
  assert.equal(d.timestamp(new Date(Date.UTC(2026, 11, 2, 1, 2, 3, 456))), '2026-12-02T01:02:03.45Z');
  assert.equal(d.pad(7, 3), '007');
  assert.equal(d.pad(1234, 2), '1234');
});
