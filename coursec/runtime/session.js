/* coursec session: what an LRS launch sends for the player's events, and when.
 *   - a statement the State document records as sent (completed, passed, scenario endings) is
 *     marked when the LRS acknowledges it, never when it is queued; one refused is not sent again
 *     in this session; the first refusal is reported to the learner (notify 'lrs_refused');
 *   - verdicts (profile.verdicts === 'cmi5'): at most one passed/failed per session, passed once
 *     per registration and never failed after it; a failure the learner may still retry in this
 *     session (attempts left, or an assessment attempt open) is held back and sent at the end of
 *     the session unless a pass came first; otherwise a verdict is sent for a pass or a new score;
 *   - nothing is judged when profile.judged() says so (cmi5 Browse), nothing recorded without
 *     writes (Browse, Review);
 *   - terminate(ev) (the page goes away): terminated and the State document at once, keepalive;
 *     terminate(null, then) (Exit): everything else acknowledged, the State document written,
 *     then terminated, then `then`, all within EXIT_WAIT ms.
 * In:  new Session({statements (statements.js), queue (queue.js), doc (statedoc.js), profile,
 *      courseObject(), masteryScore, writes, notify, env {now() -> ms, setTimeout}}).
 * Out: the methods above: experienced(page index), report(ev), ending(o), answered(rec),
 *      decision(rec), restored(r), terminate(ev, then), acked(s), refused(s, status), marked(key).
 *   - restored({kept, actions}) (the player, once at launch, after a migrated or unusable
 *     state): one 'resumed' statement on the course (the AU for cmi5), a plain xAPI verb, so a
 *     cmi5 "allowed" statement: after initialized, with the context template, no cmi5 or moveon
 *     category; none without writes (Browse, Review).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).session = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var durations = require('./durations.js');
  var EXIT_WAIT = 8000; // ms an Exit waits for the LRS before it leaves anyway
  var MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';

  function Session(cfg) {
    this.S = cfg.statements; this.queue = cfg.queue; this.doc = cfg.doc; this.profile = cfg.profile || {};
    this.courseObject = cfg.courseObject; this.masteryScore = cfg.masteryScore;
    this.writes = cfg.writes; this.notify = cfg.notify || null; this.env = cfg.env;
    this.started = this.env.now();
    this.done = false; this.told = false; this.lastScore = null;
    this.inflight = {}; // by sent mark: queued and not yet acknowledged, or 'refused'
    this.sentBy = {}; // statement id -> the sent mark it sets when acknowledged
    this.verdict = ''; // cmi5: the passed/failed of this session, once queued
    this.heldFail = null; // cmi5: a failure the learner may still retry, sent at the end
    this.experiencedPages = {};
  }
  Session.prototype.ctx = function (name, extra) {
    return this.profile.context ? this.profile.context(name, extra || {}) : extra;
  };
  Session.prototype.elapsed = function () { return durations.iso(this.env.now() - this.started); };
  /* queue a statement; `key`: the State document's sent mark, set when the LRS has it */
  Session.prototype.emit = function (name, object, result, ctx, key, alone) {
    if (this.done) return null;
    var s = this.S.make(name, object, result, ctx);
    if (key) { this.inflight[key] = s.id; this.sentBy[s.id] = key; }
    this.queue.push(s, { alone: !!alone });
    return s;
  };
  Session.prototype.acked = function (s) {
    var key = this.sentBy[s.id];
    if (!key) return;
    delete this.sentBy[s.id];
    delete this.inflight[key];
    this.doc.mark(key);
  };
  Session.prototype.refused = function (s, status) {
    var key = this.sentBy[s.id];
    if (key) { delete this.sentBy[s.id]; this.inflight[key] = 'refused'; } // not again in this session
    if (!this.told && this.notify) { this.told = true; this.notify('lrs_refused', status); }
  };
  Session.prototype.marked = function (key) { return !!(this.doc.sent(key) || this.inflight[key]); };
  Session.prototype.initialized = function () { this.emit('initialized', this.courseObject(), null, this.ctx('initialized'), '', true); };
  Session.prototype.experienced = function (i) {
    if (this.done || this.experiencedPages[i]) return;
    this.experiencedPages[i] = true;
    var p = this.S.page(i);
    this.emit('experienced', p.object, null, this.ctx('experienced', { parent: p.parent }));
  };
  Session.prototype.sendVerdict = function (ev) {
    var ext = {}, passed = ev.success === 'passed', name = passed ? 'passed' : 'failed';
    if (this.masteryScore !== null) ext[MASTERY] = this.masteryScore;
    var result = { success: passed, score: this.S.score(ev.score), duration: this.elapsed() };
    this.emit(name, this.courseObject(), result, this.ctx(name, { extensions: ext }), passed ? 'passed' : '');
  };
  Session.prototype.report = function (ev) {
    var profile = this.profile;
    if (this.done || !this.writes || (profile.judged && !profile.judged())) return;
    if (ev.completed && !this.marked('completed')) {
      this.emit('completed', this.courseObject(), { completion: true, duration: this.elapsed() },
        this.ctx('completed'), 'completed');
    }
    if (ev.score === null || ev.success === 'unknown' || this.marked('passed')) return;
    var passed = ev.success === 'passed';
    if (profile.verdicts === 'cmi5') {
      if (this.verdict) return; // one passed/failed per session
      if (!passed && (ev.attemptsLeft || ev.attemptOpen)) { this.heldFail = ev; return; } // a retry may follow
      this.heldFail = null;
      this.verdict = passed ? 'passed' : 'failed';
      this.sendVerdict(ev);
      return;
    }
    if (passed || ev.score !== this.lastScore) this.sendVerdict(ev);
    this.lastScore = ev.score;
  };
  /* a scenario's objective: a new attempt that counts (o.ending) is a 'completed' of it */
  Session.prototype.ending = function (id, o) {
    if (this.done || !this.writes || !o.completed || !o.ending) return;
    var key = 'e:' + id + ':' + o.ending.attempts;
    if (this.marked(key)) return;
    var e = this.S.ending(o.ending);
    this.emit('completed', e.object, e.result, this.ctx('scenario', { parent: e.parent }), key);
  };
  Session.prototype.answered = function (rec) {
    if (this.done || !this.writes) return;
    var a = rec.q.kind === 'decision' ? this.S.decision(rec) : this.S.answered(rec);
    if (a) this.emit('answered', a.object, a.result, this.ctx('answered', { parent: a.parent }));
  };
  Session.prototype.restored = function (r) {
    if (this.done || !this.writes || !r || !Array.isArray(r.actions) || !r.actions.length) return;
    this.emit('resumed', this.courseObject(), this.S.restored(r).result, this.ctx('resumed'));
  };
  Session.prototype.terminate = function (ev, then) {
    var self = this, q = this.queue, env = this.env;
    if (this.done) return;
    if (ev && !then) this.report(ev);
    if (this.heldFail && !this.verdict && !this.marked('passed')) { this.verdict = 'failed'; this.sendVerdict(this.heldFail); }
    this.heldFail = null;
    var last = this.S.make('terminated', this.courseObject(), { duration: this.elapsed() }, this.ctx('terminated'));
    this.done = true;
    q.restart();
    if (!then) {
      this.doc.put(true);
      q.push(last);
      q.beacon();
      return;
    }
    var deadline = env.now() + EXIT_WAIT;
    var left = function () { return Math.max(1, deadline - env.now()); };
    q.whenEmpty(function () {
      self.doc.put(false);
      self.doc.settled(deadline, function () {
        q.push(last);
        q.whenEmpty(function () { q.beacon(); then(); }, left());
      });
    }, left());
  };
  return { Session: Session, EXIT_WAIT: EXIT_WAIT };
});
