/* coursec statement queue, used by lrs.js.
 * In:  statements (each with its UUID) pushed in creation order; an LRS connection (lrs.js's Lrs:
 *      send(method, path, body, keepalive) -> a Promise of a response {status, text()}); the
 *      environment {store() -> a localStorage or null, setTimeout, warn(text)} (browserEnv(win)).
 * Out: new Queue(key, lrs, hooks, env): the statements POSTed in batches of up to 25, in order,
 *      each kept in the store under `key` until the LRS acknowledges it (2xx). hooks.ack(statement)
 *      runs for each one acknowledged, hooks.refused(statement, status, detail) for each one refused.
 * Rules:
 *   - push(s, {alone: true}) makes s a gate: it goes alone, and nothing behind it is sent until
 *     the LRS has acknowledged (or refused) it (cmi5: `initialized` first, alone);
 *   - network errors, 5xx, 408 and 429: retry with backoff (0.5 s doubling to 30 s);
 *   - a refusal (400, 404, 409, 413, and 403 when hooks.forbiddenIsRefusal, as a cmi5 LMS
 *     refuses a statement that breaks a cmi5 rule) on a batch splits it into single statements;
 *     a single refused statement is reported and dropped: the rest goes on;
 *   - 401 (and 403 otherwise): the credentials are refused: sending stops, the queue is kept
 *     (the xAPI target resends it on the next launch; cmi5 discards other sessions' queues);
 *     restart() tries once more (the terminated statement is always attempted);
 *   - whenEmpty(f, ms): f once the queue is empty, sending stopped, or ms passed (bounded exit);
 *   - beacon(): on pagehide, everything left with fetch(keepalive) (64 KiB budget), except what
 *     is already on its way (sent twice in one go, a cmi5 LMS would refuse the duplicate).
 * Queue.others(env, prefix, keep) / Queue.discard(env, keys): the stored queues of earlier sessions.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).queue = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function browserEnv(win) {
    return {
      store: function () { try { return win.localStorage; } catch (e) { return null; } },
      setTimeout: function (f, ms) { return win.setTimeout(f, ms); },
      warn: function (text) { if (win.console) win.console.warn(text); }
    };
  }
  function load(env, key) {
    var s = env.store();
    try { var v = s && s.getItem(key); var out = v ? JSON.parse(v) : []; return Array.isArray(out) ? out : []; } catch (e) { return []; }
  }

  function Queue(key, lrs, hooks, env) {
    this.env = env;
    this.key = key;
    this.lrs = lrs;
    this.hooks = hooks || {};
    this.items = load(env, key);
    this.gate = null; // id of the statement that must be acknowledged before anything else
    this.single = 0; // after a refused batch: send this many statements one by one
    this.backoff = 0;
    this.timer = 0;
    this.busy = false;
    this.stopped = false;
    this.waiters = [];
    this.rejected = [];
  }
  Queue.prototype.save = function () {
    var s = this.env.store();
    try { if (s) { if (this.items.length) s.setItem(this.key, JSON.stringify(this.items)); else s.removeItem(this.key); } } catch (e) { /* full */ }
  };
  Queue.prototype.push = function (statement, opts) {
    this.items.push(statement);
    if (opts && opts.alone) this.gate = statement.id;
    this.save();
    this.kick(0);
  };
  Queue.prototype.kick = function (delay) {
    var self = this;
    if (this.timer || this.busy || this.stopped) return;
    this.timer = this.env.setTimeout(function () { self.timer = 0; self.flush(); }, delay);
  };
  Queue.prototype.release = function () {
    var w = this.waiters;
    this.waiters = [];
    w.forEach(function (f) { f(); });
  };
  Queue.prototype.drop = function (ids) {
    if (this.gate && ids.indexOf(this.gate) >= 0) this.gate = null;
    this.items = this.items.filter(function (s) { return ids.indexOf(s.id) < 0; });
    this.save();
    if (!this.items.length) this.release();
  };
  Queue.prototype.next = function () {
    if (this.gate) {
      for (var i = 0; i < this.items.length; i++) if (this.items[i].id === this.gate) return [this.items[i]];
      this.gate = null;
    }
    return this.items.slice(0, this.single > 0 ? 1 : 25);
  };
  Queue.prototype.refusal = function (st) {
    if (st === 403) return !!this.hooks.forbiddenIsRefusal;
    return st >= 400 && st < 500 && st !== 401 && st !== 408 && st !== 429;
  };
  Queue.prototype.flush = function () {
    var self = this;
    if (this.busy || this.stopped || !this.items.length) return;
    var batch = this.next(), ids = batch.map(function (s) { return s.id; });
    this.busy = true;
    this.sending = ids;
    this.lrs.send('POST', 'statements', batch, false).then(function (r) {
      self.busy = false;
      self.sending = [];
      var st = r.status;
      if (st >= 200 && st < 300) {
        if (self.single > 0) self.single--;
        self.backoff = 0;
        self.drop(ids);
        batch.forEach(function (s) { if (self.hooks.ack) self.hooks.ack(s); });
        self.kick(0);
      } else if (self.refusal(st)) {
        if (batch.length > 1) { self.single = batch.length; self.kick(0); return; }
        if (self.single > 0) self.single--;
        return r.text().then(function (t) { return t; }, function () { return ''; }).then(function (detail) {
          self.report(batch[0], st, detail);
          self.drop(ids);
          self.kick(0);
        });
      } else if (st === 401 || st === 403) {
        self.stopped = true; // credentials refused: keep everything for the next launch
        self.report(batch[0], st, '');
        self.release();
      } else {
        self.retry();
      }
    }, function () { self.busy = false; self.sending = []; self.retry(); });
  };
  Queue.prototype.retry = function () {
    this.backoff = Math.min(30000, this.backoff ? this.backoff * 2 : 500);
    this.kick(this.backoff);
  };
  Queue.prototype.report = function (s, status, detail) {
    var why = '';
    try { why = (JSON.parse(detail) || {}).violatedReqId || ''; } catch (e) { why = ''; }
    this.rejected.push({ id: s.id, verb: s.verb.id, status: status, rule: why });
    this.env.warn('coursec: the LRS refused statement ' + s.id + ' (HTTP ' + status + (why ? ', ' + why : '') + ')');
    if (this.hooks.refused) this.hooks.refused(s, status, why);
  };
  Queue.prototype.restart = function () {
    if (this.stopped) { this.stopped = false; this.backoff = 0; }
    this.kick(0);
  };
  Queue.prototype.beacon = function () {
    var inFlight = this.sending || [], budget = 60000, self = this; // what is on its way stays so
    var rest = this.items.filter(function (s) { return inFlight.indexOf(s.id) < 0; });
    while (rest.length && !this.stopped) {
      var batch = [], size = 2;
      while (rest.length && batch.length < 25) {
        var len = JSON.stringify(rest[0]).length + 1;
        if (batch.length && size + len > budget) break;
        batch.push(rest.shift()); size += len;
      }
      if (size > budget) break;
      budget -= size;
      (function (ids) {
        try {
          self.lrs.send('POST', 'statements', batch, true).then(function (r) {
            if (r.status >= 200 && r.status < 300) self.drop(ids);
          }, function () { /* stays queued */ });
        } catch (e) { rest = []; }
      })(batch.map(function (s) { return s.id; }));
    }
  };
  Queue.prototype.whenEmpty = function (f, ms) {
    if (!this.items.length || this.stopped) { f(); return; }
    var fired = false, once = function () { if (!fired) { fired = true; f(); } };
    this.waiters.push(once);
    if (ms) this.env.setTimeout(once, ms);
    this.kick(0);
  };
  /* localStorage keys of queues under `prefix` other than `keep` (earlier sessions) */
  Queue.others = function (env, prefix, keep) {
    var s = env.store(), out = [];
    try {
      for (var i = 0; s && i < s.length; i++) {
        var k = s.key(i);
        if (k && k !== keep && k.indexOf(prefix) === 0) out.push(k);
      }
    } catch (e) { return out; }
    return out;
  };
  Queue.discard = function (env, keys) {
    var s = env.store();
    keys.forEach(function (k) { try { s.removeItem(k); } catch (e) { /* gone */ } });
  };
  return { Queue: Queue, browserEnv: browserEnv };
});
