/* coursec LRS client, shared by xapi.js, cmi5.js and (for a web page launched with the TinCan
 * parameters) local.js: the LRS connection, and makeTransport(profile), the
 * window.coursecTransport the player talks to. The profile (TinCan launch in xapi.js, cmi5
 * launch in cmi5.js) supplies the launch and the rules; what is sent when is session.js's, the
 * statements statements.js's, the State document statedoc.js's, the queue queue.js's:
 *   - a queue belongs to its session when the profile names one (cmi5): what an earlier session
 *     left unsent is discarded, never replayed into this one (its sessionid is dead); without
 *     sessions (TinCan) it is resent with the same ids on the next launch;
 *   - Browse mode: nothing is judged and the State document is not written (Browse work never
 *     counts, not later either); Review: nothing is written;
 *   - resume through the State API (the player's resume text in one activity state document,
 *     keyed by registration), mirrored in localStorage until the LRS has it.
 * Credentials (auth) stay in memory only: never in localStorage, never in a statement.
 * In:  the window; cs-data from init's info.data (pages, mastery, xapi).
 * Out: {Lrs, makeTransport(profile, win), params(win), uuid(win), qs(o), PROFILE}.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).lrs = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var queue = require('./queue.js');
  var statements = require('./statements.js');
  var statedoc = require('./statedoc.js');
  var session = require('./session.js');
  var durations = require('./durations.js');
  var XAPI = '1.0.3';
  var STATE_ID = statements.PROFILE + '/state';

  function uuid(win) {
    var c = win.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    var b = new Uint8Array(16); c.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function params(win) {
    var out = {};
    try {
      new URLSearchParams(win.location.search).forEach(function (v, k) { out[k] = v; });
    } catch (e) { /* no parameters */ }
    return out;
  }
  function slash(endpoint) { return endpoint.charAt(endpoint.length - 1) === '/' ? endpoint : endpoint + '/'; }
  function qs(o) {
    return Object.keys(o).filter(function (k) { return o[k] !== undefined && o[k] !== null && o[k] !== ''; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(o[k]); }).join('&');
  }

  /* ---- the LRS connection ------------------------------------------------------------- */
  function Lrs(endpoint, auth, win) {
    this.endpoint = slash(endpoint);
    this.auth = auth;
    this.win = win;
  }
  Lrs.prototype.headers = function (json) {
    var h = { 'X-Experience-API-Version': XAPI };
    if (this.auth) h.Authorization = this.auth;
    if (json) h['Content-Type'] = 'application/json';
    return h;
  };
  /* synchronous request, used only while the page loads (the player's init is synchronous) */
  Lrs.prototype.sync = function (method, path, body) {
    var x = new this.win.XMLHttpRequest();
    try {
      x.open(method, path.indexOf('://') > 0 ? path : this.endpoint + path, false);
      var h = this.headers(body !== undefined);
      for (var k in h) x.setRequestHeader(k, h[k]);
      x.send(body === undefined ? null : JSON.stringify(body));
    } catch (e) { return { status: 0, body: null }; }
    var parsed = null;
    try { parsed = x.responseText ? JSON.parse(x.responseText) : null; } catch (e) { parsed = x.responseText; }
    return { status: x.status, body: parsed };
  };
  Lrs.prototype.send = function (method, path, body, keepalive) {
    return this.win.fetch(this.endpoint + path, {
      method: method, headers: this.headers(body !== undefined), keepalive: !!keepalive,
      body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store'
    });
  };

  /* ---- the transport ------------------------------------------------------------------- */
  function makeTransport(profile, win) {
    var env = queue.browserEnv(win), Q = queue.Queue;
    env.now = function () { return Date.now(); };
    var D = null, launch = null, q = null, doc = null, run = null;
    function courseObject() {
      return profile.object ? profile.object() : run.S.activity(launch.activityId || D.xapi.course.id,
        'http://adlnet.gov/expapi/activities/course', D.xapi.course.name, D.xapi.course.description);
    }
    var T = {
      lrsLaunch: false,
      init: function (opts) {
        opts = opts || {};
        D = opts.data || JSON.parse(win.document.getElementById('cs-data').textContent);
        var none = { connected: false, notice: 'no_api', mode: 'normal', entry: '', resumeState: '',
          location: '', masteryOverride: null };
        launch = profile.launch(params(win), D);
        if (!launch || !launch.lrs) { if (launch && launch.notice) none.notice = launch.notice; return none; }
        var lrs = launch.lrs, mode = launch.mode || 'normal', writes = mode === 'normal';
        T.lrsLaunch = true;
        var who = launch.registration || JSON.stringify(launch.actor);
        var prefix = 'coursec:lrs:q:' + lrs.endpoint + ':' + who;
        var qkey = launch.session ? prefix + ':' + launch.session : prefix;
        if (launch.session) Q.discard(env, Q.others(env, prefix + ':', qkey)); // earlier sessions'
        var S = new statements.Statements(launch, D, { uuid: function () { return uuid(win); }, now: function () { return new Date(); } });
        q = new Q(qkey, lrs, { ack: function (s) { run.acked(s); }, refused: function (s, st) { run.refused(s, st); },
          forbiddenIsRefusal: !!profile.forbiddenIsRefusal }, env);
        doc = new statedoc.StateDoc(lrs, 'activities/state?' + qs({ stateId: STATE_ID, activityId: launch.activityId,
          agent: JSON.stringify(launch.actor), registration: launch.registration }),
          'coursec:lrs:s:' + lrs.endpoint + ':' + who + ':' + launch.activityId, writes, env);
        doc.load();
        run = new session.Session({ statements: S, queue: q, doc: doc, profile: profile, courseObject: courseObject,
          masteryScore: launch.masteryScore !== undefined ? launch.masteryScore // cmi5: LaunchData's, or none
            : D.mastery !== null && D.mastery !== undefined ? D.mastery / 100 : null,
          writes: writes, notify: typeof opts.notify === 'function' ? opts.notify : null, env: env });
        run.initialized();
        doc.flushMirror();
        var d = doc.doc;
        return {
          connected: true, notice: mode === 'browse' ? 'browse' : '', mode: mode === 'review' ? 'review' : 'normal',
          lesson: launch.lesson === undefined ? null : launch.lesson,
          entry: d.state ? 'resume' : 'ab-initio', resumeState: d.state || '',
          location: d.location || '',
          masteryOverride: launch.masteryScore !== undefined && launch.masteryScore !== null
            ? Math.round(launch.masteryScore * 10000) / 100 : null
        };
      },
      saveState: function (text) { if (run && !run.done) doc.setState(text); return true; },
      setLocation: function (key) {
        if (!run || run.done) return true;
        doc.setLocation(key);
        for (var i = 0; i < D.pages.length; i++) if (D.pages[i].k === key) run.experienced(i);
        return true;
      },
      report: function (ev) { if (run) run.report(ev); },
      setObjective: function (id, o) { if (run) run.ending(id, o); },
      recordInteraction: function (rec) { if (run) run.answered(rec); },
      restored: function (r) { if (run) run.restored(r); },
      commit: function () {
        if (!doc) return true;
        doc.put(false);
        return !doc.failed();
      },
      terminate: function (ev, then) { if (run) run.terminate(ev, then); },
      /* the learner's Exit: the status reported, everything acknowledged, terminated, then done */
      exit: function (ev, done) {
        done = done || function () {};
        if (!run || run.done) { done(); return; }
        if (ev) run.report(ev);
        run.terminate(null, done);
      },
      /* for the tests and the curious: what is still queued or was refused */
      pending: function () { return q ? q.items.length : 0; },
      rejected: function () { return q ? q.rejected.slice() : []; },
      duration: durations.iso
    };
    return T;
  }
  return { Lrs: Lrs, makeTransport: makeTransport, params: params, uuid: uuid, qs: qs, PROFILE: statements.PROFILE };
});
