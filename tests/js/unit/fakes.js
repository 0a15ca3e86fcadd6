// Small fakes for the unit tests of the modules that talk to the outside: a store, timers run by
// hand, an LRS connection, a SCORM API. Not a test file itself.
'use strict';

function store(initial) {
  const data = new Map(Object.entries(initial || {}));
  return {
    data,
    get length() { return data.size; },
    key(i) { return [...data.keys()][i] ?? null; },
    getItem(k) { return data.has(k) ? data.get(k) : null; },
    setItem(k, v) { data.set(k, String(v)); },
    removeItem(k) { data.delete(k); }
  };
}
// timers that run when the test says so; now() moves with them
function clock() {
  const c = { t: 1000, timers: [], warnings: [] };
  c.now = () => c.t;
  c.setTimeout = (f, ms) => { c.timers.push({ at: c.t + (ms || 0), f }); return c.timers.length; };
  c.tick = async (ms) => { // run every timer due within ms, in time order, letting promises settle
    const end = c.t + (ms || 0);
    for (;;) {
      await new Promise((r) => setImmediate(r));
      c.timers.sort((a, b) => a.at - b.at);
      const next = c.timers[0];
      if (!next || next.at > end) break;
      c.timers.shift();
      c.t = Math.max(c.t, next.at);
      next.f();
    }
    c.t = end;
    await new Promise((r) => setImmediate(r));
  };
  return c;
}
function env(s, c) {
  return { store: () => s, setTimeout: c.setTimeout, now: c.now, warn: (t) => c.warnings.push(t) };
}
// an LRS: answer(method, path, body, keepalive) -> status (or a thrown/rejected error)
function lrs(answer) {
  const l = { endpoint: 'https://lrs.example/xapi/', calls: [], syncs: [] };
  l.send = (method, path, body, keepalive) => {
    l.calls.push({ method, path, body, keepalive });
    const st = answer ? answer(method, path, body, keepalive) : 200;
    if (st instanceof Error) return Promise.reject(st);
    return Promise.resolve({ status: st, text: () => Promise.resolve(st === 400 ? '{"violatedReqId":"9.3.0.0-3"}' : '') });
  };
  l.sync = (method, path) => { l.syncs.push({ method, path }); return l.syncAnswer ? l.syncAnswer(method, path) : { status: 404, body: null }; };
  return l;
}
// a SCORM API object with GetLastError semantics; refuse(key) -> true makes a SetValue fail
function scormApi(names, values, refuse) {
  const api = { values: Object.assign({}, values || {}), sets: [], calls: [], err: '0' };
  api[names.initialize] = () => { api.calls.push('initialize'); return 'true'; };
  api[names.get] = (k) => { api.err = k in api.values ? '0' : '401'; return k in api.values ? api.values[k] : ''; };
  api[names.set] = (k, v) => {
    if (refuse && refuse(k, v)) { api.err = '351'; return 'false'; }
    api.err = '0'; api.values[k] = v; api.sets.push([k, v]); return 'true';
  };
  api[names.error] = () => api.err;
  api[names.commit] = () => { api.calls.push('commit'); return 'true'; };
  api[names.finish] = () => { api.calls.push('finish'); return 'true'; };
  return api;
}
// a response of the right shape for any quiz of cs-data (the first choice, pair or a number)
function response(q) {
  if (q.kind === 'fill-in' || q.kind === 'numeric') return '1';
  if (q.kind === 'matching') return q.pairs.map((_, k) => k);
  if (q.kind === 'multiple' || q.kind === 'sequencing') return q.choices.map((_, k) => k);
  return 0;
}
// a window for the LRS adapters: query string, localStorage, timers run by hand, crypto, and an
// LRS behind fetch and a synchronous XMLHttpRequest: lrsAnswer(method, url, body) -> {status, body}
function lrsWindow(search, lrsAnswer) {
  const c = clock(), s = store(), requests = [];
  let n = 0;
  function answer(method, url, body) {
    requests.push({ method, url, body: body === null || body === undefined ? null : JSON.parse(body) });
    return (lrsAnswer && lrsAnswer(method, url, body)) || { status: method === 'GET' ? 404 : 200, body: null };
  }
  function XMLHttpRequest() { this.headers = {}; }
  XMLHttpRequest.prototype.open = function (m, u) { this.m = m; this.u = u; };
  XMLHttpRequest.prototype.setRequestHeader = function (k, v) { this.headers[k] = v; };
  XMLHttpRequest.prototype.send = function (body) {
    const a = answer(this.m, this.u, body);
    this.status = a.status;
    this.responseText = a.body === null ? '' : JSON.stringify(a.body);
  };
  const w = {
    location: { search: search, href: 'https://content.example/index.html' + search },
    localStorage: s, setTimeout: c.setTimeout, console: { warn: () => {} },
    crypto: { randomUUID: () => 'uuid-' + (++n) }, XMLHttpRequest,
    fetch: (url, init) => {
      const a = answer(init.method, url, init.body);
      return Promise.resolve({ status: a.status, text: () => Promise.resolve('') });
    },
    document: { readyState: 'complete', querySelector: () => null },
    clock: c, requests, store: s
  };
  return w;
}
module.exports = { store, clock, env, lrs, scormApi, response, lrsWindow };
