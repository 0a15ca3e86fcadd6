/* coursec statedoc: the xAPI State document of a launch - the player's resume text, the
 * location and the sent marks (completed, passed, scenario endings: written when the LRS
 * acknowledged the statement), mirrored in the store until the LRS has it.
 * In:  the LRS connection (lrs.js: sync(method, path), send(method, path, body, keepalive) -> a
 *      Promise), the State API query of the launch, the store key of the mirror, whether it is
 *      written at all (not in Browse or Review), the environment {store(), setTimeout, now()}.
 * Out: new StateDoc(lrs, query, mirrorKey, writes, env): load() (GET, or the newer mirror when the
 *      page was closed offline; flushMirror() then writes it), doc {state, location, sent, t}, setState(text), setLocation(key),
 *      mark(key), sent(key), touch(), put(keepalive), failed(), settled(deadline, f) (f once no
 *      write is in flight, or at the deadline).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).statedoc = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function readJSON(env, key, fallback) {
    var s = env.store();
    try { var v = s && s.getItem(key); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  }
  function writeJSON(env, key, value) {
    var s = env.store();
    try { if (s) s.setItem(key, JSON.stringify(value)); return !!s; } catch (e) { return false; }
  }
  function copy(o) { return JSON.parse(JSON.stringify(o)); }

  function StateDoc(lrs, query, mirrorKey, writes, env) {
    this.lrs = lrs; this.query = query; this.mirrorKey = mirrorKey; this.writes = writes; this.env = env;
    this.doc = { state: '', location: '', sent: {}, t: 0 };
    this.busy = false; this.dirty = false; this.isFailed = false;
  }
  StateDoc.prototype.load = function () {
    var got = this.lrs.sync('GET', this.query);
    if (got.status === 200 && got.body && typeof got.body === 'object') this.doc = got.body;
    var mirror = readJSON(this.env, this.mirrorKey, null);
    if (mirror && mirror.dirty && (mirror.t || 0) > (this.doc.t || 0)) { // closed while offline
      delete mirror.dirty; this.doc = mirror; this.dirty = true;
    }
    this.doc.sent = this.doc.sent || {};
  };
  /* after load: the mirror's newer document goes to the LRS */
  StateDoc.prototype.flushMirror = function () { if (this.dirty && this.writes) this.put(false); };
  StateDoc.prototype.touch = function () {
    if (!this.writes) return;
    this.doc.t = (this.doc.t || 0) + 1;
    var m = copy(this.doc); m.dirty = true;
    writeJSON(this.env, this.mirrorKey, m);
  };
  StateDoc.prototype.setState = function (text) { if (this.doc.state !== text) { this.doc.state = text; this.touch(); } };
  StateDoc.prototype.setLocation = function (key) { if (this.doc.location !== key) { this.doc.location = key; this.touch(); } };
  StateDoc.prototype.sent = function (key) { return !!this.doc.sent[key]; };
  StateDoc.prototype.mark = function (key) {
    if (!this.writes) return;
    this.doc.sent[key] = 1; this.touch(); this.put(false);
  };
  StateDoc.prototype.failed = function () { return this.isFailed; };
  StateDoc.prototype.put = function (keepalive) {
    var self = this, env = this.env;
    if (!this.writes) return;
    if (this.busy && !keepalive) { this.dirty = true; return; }
    this.busy = true; this.dirty = false;
    var body = copy(this.doc), p;
    try { p = this.lrs.send('PUT', this.query, body, keepalive); } catch (e) { this.busy = false; this.isFailed = true; return; }
    p.then(function (r) {
      self.busy = false;
      self.isFailed = !(r.status >= 200 && r.status < 300);
      if (!self.isFailed) {
        var m = readJSON(env, self.mirrorKey, null);
        if (m && m.t === body.t) { m.dirty = false; writeJSON(env, self.mirrorKey, m); }
      }
      if (self.dirty) self.put(false);
    }, function () { self.busy = false; self.isFailed = true; });
  };
  StateDoc.prototype.settled = function (deadline, f) {
    var self = this;
    if ((!this.busy && !this.dirty) || this.env.now() >= deadline) { f(); return; }
    this.env.setTimeout(function () { self.settled(deadline, f); }, 50);
  };
  return { StateDoc: StateDoc };
});
