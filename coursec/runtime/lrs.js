/* coursec LRS client, shared by xapi.js, cmi5.js and (for a web page launched with the TinCan
 * parameters) local.js. Defines window.coursecLRS:
 *   - statement builders (xAPI 1.0.3; language maps and context.language in the page's region);
 *   - the statement queue (queue.js): `initialized` first and alone, nothing else until the LRS
 *     acknowledged it; a refused statement is reported to the learner (strings.lrs_refused) and
 *     the rest goes on. A queue belongs to its session when the profile names one (cmi5): what an
 *     earlier session left unsent is discarded, never replayed into this one (its sessionid is
 *     dead); without sessions (TinCan) it is resent with the same ids on the next launch;
 *   - what the State document records as sent (completed, passed, scenario endings) is written
 *     when the LRS acknowledges the statement, never when it is queued;
 *   - verdicts (profile.verdicts === 'cmi5'): at most one passed/failed per session, passed once
 *     per registration and never failed after it; a failure the learner may still retry in this
 *     session is held back and sent at the end of the session unless a pass came first;
 *   - Browse mode: nothing is judged and the State document is not written (Browse work never
 *     counts, not later either); Review: nothing is written;
 *   - Exit (terminate with a callback) returns after the LRS has everything or after 8 s;
 *   - resume through the State API (the player's compact state in one activity state document,
 *     keyed by registration), mirrored in localStorage until the LRS has it;
 *   - makeTransport(profile): the window.coursecTransport the player talks to; the profile
 *     (TinCan launch in xapi.js, cmi5 launch in cmi5.js) supplies the launch and the rules.
 * Credentials (auth) stay in memory only: never in localStorage, never in a statement.
 */
(function () {
  'use strict';
  var XAPI = '1.0.3';
  var V = 'http://adlnet.gov/expapi/verbs/';
  var PROFILE = 'https://w3id.org/coursec/xapi/v1';
  var EXT = PROFILE + '/extensions/';
  var STATE_ID = PROFILE + '/state';
  var WORDS = {
    en: { initialized: 'initialized', experienced: 'experienced', answered: 'answered',
      completed: 'completed', passed: 'passed', failed: 'failed', terminated: 'terminated' },
    de: { initialized: 'initialisiert', experienced: 'erlebt', answered: 'beantwortet',
      completed: 'abgeschlossen', passed: 'bestanden', failed: 'nicht bestanden', terminated: 'beendet' },
    es: { initialized: 'inició', experienced: 'experimentó', answered: 'respondió',
      completed: 'completó', passed: 'aprobó', failed: 'reprobó', terminated: 'terminó' },
    fr: { initialized: 'a initialisé', experienced: 'a consulté', answered: 'a répondu',
      completed: 'a terminé', passed: 'a réussi', failed: 'a échoué', terminated: 'a quitté' },
    ar: { initialized: 'بدأ', experienced: 'اطلع على', answered: 'أجاب', completed: 'أكمل',
      passed: 'نجح', failed: 'رسب', terminated: 'أنهى' }
  };

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function duration(ms) { // ISO 8601, seconds with at most 2 decimals
    var cs = Math.max(0, Math.round(ms / 10)), h = Math.floor(cs / 360000);
    cs -= h * 360000;
    var m = Math.floor(cs / 6000); cs -= m * 6000;
    var s = Math.floor(cs / 100); cs -= s * 100;
    return 'PT' + (h ? h + 'H' : '') + (m ? m + 'M' : '') + s + (cs ? '.' + (cs < 10 ? '0' : '') + cs : '') + 'S';
  }
  function params() {
    var out = {};
    try {
      new URLSearchParams(window.location.search).forEach(function (v, k) { out[k] = v; });
    } catch (e) { /* no parameters */ }
    return out;
  }
  function slash(endpoint) { return endpoint.charAt(endpoint.length - 1) === '/' ? endpoint : endpoint + '/'; }
  function qs(o) {
    return Object.keys(o).filter(function (k) { return o[k] !== undefined && o[k] !== null && o[k] !== ''; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(o[k]); }).join('&');
  }
  var Queue = window.coursecQueue;
  var EXIT_WAIT = 8000; // ms an Exit waits for the LRS before it leaves anyway
  function store() { try { return window.localStorage; } catch (e) { return null; } }
  function readJSON(key, fallback) {
    var s = store();
    try { var v = s && s.getItem(key); return v ? JSON.parse(v) : fallback; } catch (e) { return fallback; }
  }
  function writeJSON(key, value) {
    var s = store();
    try { if (s) s.setItem(key, JSON.stringify(value)); return !!s; } catch (e) { return false; }
  }

  /* ---- the LRS connection ------------------------------------------------------------- */
  function Lrs(endpoint, auth) {
    this.endpoint = slash(endpoint);
    this.auth = auth;
  }
  Lrs.prototype.headers = function (json) {
    var h = { 'X-Experience-API-Version': XAPI };
    if (this.auth) h.Authorization = this.auth;
    if (json) h['Content-Type'] = 'application/json';
    return h;
  };
  /* synchronous request, used only while the page loads (the player's init is synchronous) */
  Lrs.prototype.sync = function (method, path, body) {
    var x = new XMLHttpRequest();
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
    return fetch(this.endpoint + path, {
      method: method, headers: this.headers(body !== undefined), keepalive: !!keepalive,
      body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store'
    });
  };

  /* ---- statements ------------------------------------------------------------------------ */
  function Statements(launch, data) {
    this.launch = launch;
    this.lang = data.lang || 'en';
    var primary = this.lang.split('-')[0].toLowerCase();
    this.words = WORDS[primary] ? { lang: this.lang, w: WORDS[primary] } : { lang: 'en', w: WORDS.en };
    this.course = data.course;
    this.template = launch.contextTemplate || null;
  }
  Statements.prototype.verb = function (name) {
    var d = {}; d[this.words.lang] = this.words.w[name] || name;
    return { id: V + name, display: d };
  };
  Statements.prototype.make = function (name, object, result, ctx) {
    var l = this.launch, context = { language: this.lang, contextActivities: {} };
    if (l.registration) context.registration = l.registration;
    var ca = context.contextActivities;
    ca.grouping = [{ objectType: 'Activity', id: this.course.id }];
    ca.category = [{ objectType: 'Activity', id: PROFILE }];
    if (ctx && ctx.parent) ca.parent = [{ objectType: 'Activity', id: ctx.parent }];
    if (ctx && ctx.category) ca.category = ctx.category.map(function (id) { return { objectType: 'Activity', id: id }; });
    if (ctx && ctx.extensions) context.extensions = ctx.extensions;
    var t = this.template;
    if (t) { // cmi5 contextTemplate: everything in it goes into every statement
      var tca = t.contextActivities || {};
      Object.keys(tca).forEach(function (k) {
        var list = Array.isArray(tca[k]) ? tca[k] : [tca[k]];
        ca[k] = (list.concat(ca[k] || [])).filter(function (a, i, all) {
          for (var j = 0; j < i; j++) if (all[j].id === a.id) return false;
          return true;
        });
      });
      if (t.extensions) {
        context.extensions = context.extensions || {};
        Object.keys(t.extensions).forEach(function (k) { context.extensions[k] = t.extensions[k]; });
      }
      ['instructor', 'team', 'revision', 'platform', 'statement'].forEach(function (k) { if (t[k] !== undefined) context[k] = t[k]; });
    }
    var s = {
      id: uuid(), actor: l.actor, verb: this.verb(name), object: object, context: context,
      timestamp: new Date().toISOString()
    };
    if (result) s.result = result;
    return s;
  };
  Statements.prototype.activity = function (id, type, name, description) {
    var def = { type: type };
    if (name) def.name = name;
    if (description) def.description = description;
    return { objectType: 'Activity', id: id, definition: def };
  };

  /* responses in the xAPI pattern format ([,] list, [.] pair) */
  function response(q, r, number) {
    var id = function (i) { return q.choices[i]; };
    switch (q.kind) {
      case 'single': case 'likert': return id(r);
      case 'true-false': return r === q['true'] ? 'true' : 'false';
      case 'multiple': case 'sequencing': return r.map(id).join('[,]');
      case 'fill-in': return String(r);
      case 'numeric': return isFinite(number) ? String(number) : String(r);
      case 'matching':
        return r.map(function (m, i) { return m < 0 ? '' : q.pairs[i] + '[.]' + q.pairs[m]; })
          .filter(Boolean).join('[,]');
    }
    return String(r);
  }

  /* ---- the transport ------------------------------------------------------------------- */
  function makeTransport(profile) {
    var D = JSON.parse(document.getElementById('cs-data').textContent);
    var X = D.xapi, started = Date.now();
    var launch = null, lrs = null, queue = null, S = null, mode = 'normal', done = false;
    var doc = { state: '', location: '', sent: {}, t: 0 }, mirrorKey = '', stateBusy = false;
    var stateFailed = false, stateDirty = false, experienced = {}, lastScore = null;
    var masteryScore = null, notify = null, told = false;
    var inflight = {}; // by State document key: queued and not yet acknowledged, or refused
    var verdict = ''; // cmi5: the passed/failed of this session, once queued
    var heldFail = null; // cmi5: a failure the learner may still retry, sent at the end
    var writes = true; // the State document is written (not in Browse or Review)

    function stateQuery(l) {
      return 'activities/state?' + qs({ stateId: STATE_ID, activityId: l.activityId,
        agent: JSON.stringify(l.actor), registration: l.registration });
    }
    function putState(keepalive) {
      if (!lrs || !writes) return;
      if (stateBusy && !keepalive) { stateDirty = true; return; }
      stateBusy = true; stateDirty = false;
      var body = JSON.parse(JSON.stringify(doc));
      var p;
      try { p = lrs.send('PUT', stateQuery(launch), body, keepalive); } catch (e) { stateBusy = false; stateFailed = true; return; }
      p.then(function (r) {
        stateBusy = false;
        stateFailed = !(r.status >= 200 && r.status < 300);
        if (!stateFailed) { var m = readJSON(mirrorKey, null); if (m && m.t === body.t) { m.dirty = false; writeJSON(mirrorKey, m); } }
        if (stateDirty) putState(false);
      }, function () { stateBusy = false; stateFailed = true; });
    }
    function settled(deadline, f) { // f once no State document write is in flight (or at deadline)
      if ((!stateBusy && !stateDirty) || Date.now() >= deadline) { f(); return; }
      setTimeout(function () { settled(deadline, f); }, 50);
    }
    function touch() {
      if (!writes) return;
      doc.t = (doc.t || 0) + 1;
      var m = JSON.parse(JSON.stringify(doc)); m.dirty = true;
      writeJSON(mirrorKey, m);
    }
    /* queue a statement; `key`: the State document's sent mark, set when the LRS has it */
    function emit(name, object, result, ctx, key, alone) {
      if (done || !queue) return null;
      var s = S.make(name, object, result, ctx);
      if (key) { inflight[key] = s.id; sentBy[s.id] = key; }
      queue.push(s, { alone: !!alone });
      return s;
    }
    var sentBy = {}; // statement id -> the sent mark it sets when acknowledged
    function acked(s) {
      var key = sentBy[s.id];
      if (!key) return;
      delete sentBy[s.id];
      delete inflight[key];
      if (writes) { doc.sent[key] = 1; touch(); putState(false); }
    }
    function refused(s, status) {
      var key = sentBy[s.id];
      if (key) { delete sentBy[s.id]; inflight[key] = 'refused'; } // not again in this session
      if (!told && notify) { told = true; notify('lrs_refused', status); }
    }
    function marked(key) { return !!(doc.sent[key] || inflight[key]); }
    function cmi5Ctx(name, extra) { return profile.context ? profile.context(name, extra || {}) : extra; }
    function courseObject() {
      return profile.object ? profile.object() : S.activity(launch.activityId || X.course.id,
        'http://adlnet.gov/expapi/activities/course', X.course.name, X.course.description);
    }
    function attemptOpen() { // an assessment attempt started and not yet submitted
      try { var a = window.coursec.state().a; return !!a && a.n > 0 && a.s === 0; } catch (e) { return false; }
    }
    function sendVerdict(ev) {
      var ext = {}, passed = ev.success === 'passed';
      if (masteryScore !== null) ext['https://w3id.org/xapi/cmi5/context/extensions/masteryscore'] = masteryScore;
      var result = { success: passed, score: scoreResult(ev.score), duration: duration(Date.now() - started) };
      emit(passed ? 'passed' : 'failed', courseObject(), result, cmi5Ctx(passed ? 'passed' : 'failed', { extensions: ext }),
        passed ? 'passed' : '');
    }
    function scoreResult(score) {
      return { scaled: Math.round(score * 100) / 10000, raw: score, min: 0, max: 100 };
    }

    /* ---- scenarios: D.scenarios (nodes n, choices c with deltas d), the player's state 's' */
    function scenarioIndex(id) {
      var list = D.scenarios || [];
      for (var i = 0; i < list.length; i++) if (list[i].id === id) return i;
      return -1;
    }
    function playerScenario(at) {
      try { return ((window.coursec.state().s) || [])[at] || null; } catch (e) { return null; }
    }
    function named(sc, values) {
      var out = {};
      (sc.comps || []).forEach(function (name, j) { out[name] = (values || [])[j] || 0; });
      return out;
    }
    function path(sc, kept) {
      if (!kept || !kept.length) return [];
      var node = kept[0], ids = [sc.n[node].id];
      for (var j = 1; j < kept.length; j++) {
        var c = sc.n[node] && sc.n[node].c[kept[j]];
        if (!c) break;
        node = c.to; ids.push(sc.n[node].id);
      }
      return ids;
    }
    function decision(rec) {
      var list = D.scenarios || [], at = -1;
      for (var i = 0; i < list.length; i++) if (rec.q.id.indexOf(list[i].id + '--') === 0) at = i;
      if (at < 0) return;
      var sc = list[at], nodeId = rec.q.id.slice(sc.id.length + 2), node = null;
      sc.n.forEach(function (n) { if (n.id === nodeId) node = n; });
      var c = node && node.c[rec.response], x = X.scenarios[sc.id];
      if (!c || !x) return;
      var saved = playerScenario(at), ext = {};
      ext[EXT + 'competency-deltas'] = named(sc, c.d);
      if (saved) ext[EXT + 'competency-scores'] = named(sc, saved[1]);
      var def = { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice',
        name: {}, description: {}, choices: node.c.map(function (o) {
          var d = {}; d[S.lang] = o.t || o.id; return { id: o.id, description: d };
        }) };
      def.name[S.lang] = (x.name[S.lang] || sc.id) + ': ' + node.id;
      def.description[S.lang] = (x.decisions && x.decisions[node.id]) || node.id;
      emit('answered', { objectType: 'Activity', id: x.id + '/' + node.id, definition: def },
        { response: c.id, duration: duration(rec.latency || 0), extensions: ext },
        cmi5Ctx('answered', { parent: x.id }));
    }

    var T = {
      lrsLaunch: false,
      init: function (opts) {
        opts = opts || {};
        var none = { connected: false, notice: 'no_api', mode: 'normal', entry: '', resumeState: '',
          location: '', masteryOverride: null };
        launch = profile.launch(params(), D);
        if (!launch || !launch.lrs) { if (launch && launch.notice) none.notice = launch.notice; return none; }
        lrs = launch.lrs;
        T.lrsLaunch = true;
        mode = launch.mode || 'normal';
        S = new Statements(launch, X);
        writes = mode === 'normal';
        notify = typeof opts.notify === 'function' ? opts.notify : null;
        var who = launch.registration || JSON.stringify(launch.actor);
        var prefix = 'coursec:lrs:q:' + lrs.endpoint + ':' + who;
        var qkey = launch.session ? prefix + ':' + launch.session : prefix;
        if (launch.session) Queue.discard(Queue.others(prefix + ':', qkey)); // earlier sessions'
        queue = new Queue(qkey, lrs, { ack: acked, refused: refused, forbiddenIsRefusal: !!profile.forbiddenIsRefusal });
        mirrorKey = 'coursec:lrs:s:' + lrs.endpoint + ':' + who + ':' + launch.activityId;
        var got = lrs.sync('GET', stateQuery(launch));
        if (got.status === 200 && got.body && typeof got.body === 'object') doc = got.body;
        var mirror = readJSON(mirrorKey, null);
        if (mirror && mirror.dirty && (mirror.t || 0) > (doc.t || 0)) { // closed while offline
          delete mirror.dirty; doc = mirror; stateDirty = true;
        }
        doc.sent = doc.sent || {};
        masteryScore = launch.masteryScore !== undefined ? launch.masteryScore // cmi5: LaunchData's, or none
          : D.mastery !== null && D.mastery !== undefined ? D.mastery / 100 : null;
        emit('initialized', courseObject(), null, cmi5Ctx('initialized'), '', true);
        if (stateDirty && writes) putState(false);
        return {
          connected: true, notice: mode === 'browse' ? 'browse' : '', mode: mode === 'review' ? 'review' : 'normal',
          lesson: launch.lesson === undefined ? null : launch.lesson,
          entry: doc.state ? 'resume' : 'ab-initio', resumeState: doc.state || '',
          location: doc.location || '',
          masteryOverride: launch.masteryScore !== undefined && launch.masteryScore !== null
            ? Math.round(launch.masteryScore * 10000) / 100 : null
        };
      },
      saveState: function (text) { if (!done && doc.state !== text) { doc.state = text; touch(); } return true; },
      setLocation: function (key) {
        if (done || !queue) return true;
        if (doc.location !== key) { doc.location = key; touch(); }
        if (!experienced[key]) {
          experienced[key] = true;
          for (var i = 0; i < D.pages.length; i++) {
            if (D.pages[i].k !== key) continue;
            var p = X.pages[i], lesson = X.lessons[D.pages[i].l];
            emit('experienced', S.activity(p.id, 'http://activitystrea.ms/schema/1.0/page', p.name),
              null, cmi5Ctx('experienced', { parent: lesson.id }));
          }
        }
        return true;
      },
      report: function (ev) {
        if (done || !queue || !writes || (profile.judged && !profile.judged())) return;
        if (ev.completed && !marked('completed')) {
          emit('completed', courseObject(), { completion: true, duration: duration(Date.now() - started) },
            cmi5Ctx('completed'), 'completed');
        }
        if (ev.score === null || ev.success === 'unknown' || marked('passed')) return;
        var passed = ev.success === 'passed';
        if (profile.verdicts === 'cmi5') {
          if (verdict) return; // one passed/failed per session
          if (!passed && (ev.attemptsLeft || attemptOpen())) { heldFail = ev; return; } // a retry may follow
          heldFail = null;
          verdict = passed ? 'passed' : 'failed';
          sendVerdict(ev);
          return;
        }
        if (passed || ev.score !== lastScore) sendVerdict(ev);
        lastScore = ev.score;
      },
      /* scenarios (scenario.js): an objective per scenario; a new finished attempt = an ending */
      setObjective: function (oid, o) {
        if (done || !queue || !writes || !o.completed) return;
        var at = scenarioIndex(oid), saved = at < 0 ? null : playerScenario(at);
        if (!saved || !saved[6]) return;
        var key = 'e:' + oid + ':' + saved[5];
        if (marked(key)) return;
        var sc = D.scenarios[at], r = saved[6], end = sc.n[r[0]];
        var ext = {};
        ext[EXT + 'competency-scores'] = named(sc, r[2]);
        ext[EXT + 'path'] = path(sc, saved[3]);
        ext[EXT + 'ending'] = end.id;
        ext[EXT + 'outcome'] = end.e;
        var result = { completion: true, extensions: ext };
        if (sc.graded || end.e !== 'neutral') result.success = !!r[1];
        var x = X.scenarios[sc.id];
        emit('completed', S.activity(x.id, 'http://adlnet.gov/expapi/activities/simulation', x.name),
          result, cmi5Ctx('scenario', { parent: X.lessons[D.pages[sc.page].l].id }), key);
      },
      recordInteraction: function (rec) {
        if (done || !queue || !writes) return;
        var q = rec.q;
        if (q.kind === 'decision') { decision(rec); return; }
        var x = X.quizzes[q.i], lesson = X.lessons[D.pages[q.page].l];
        if (!x) return;
        var result = { response: response(q, rec.response, rec.number), duration: duration(rec.latency) };
        if (q.kind !== 'likert') {
          var ok = rec.result === 'correct';
          result.success = ok;
          result.score = { scaled: ok ? 1 : 0, raw: ok ? q.points : 0, min: 0, max: q.points };
        }
        emit('answered', { objectType: 'Activity', id: x.id, definition: x.def }, result,
          cmi5Ctx('answered', { parent: lesson.id }));
      },
      commit: function () {
        if (!lrs) return true;
        putState(false);
        return !stateFailed;
      },
      /* the end of the session: a held-back failure, then terminated, always attempted (also
       * after the credentials were refused). With `then` (Exit): everything else acknowledged,
       * the State document written (a cmi5 LMS refuses any request after terminated), then
       * terminated, then `then`, all within EXIT_WAIT ms. Without (the page is going away):
       * terminated and the State document at once, with keepalive. */
      terminate: function (ev, then) {
        if (done || !queue) return;
        if (ev && !then) T.report(ev);
        if (heldFail && !verdict && !marked('passed')) { verdict = 'failed'; sendVerdict(heldFail); }
        heldFail = null;
        var last = S.make('terminated', courseObject(), { duration: duration(Date.now() - started) },
          cmi5Ctx('terminated'));
        done = true;
        queue.restart();
        if (!then) {
          putState(true);
          queue.push(last);
          queue.beacon();
          return;
        }
        var deadline = Date.now() + EXIT_WAIT;
        var left = function () { return Math.max(1, deadline - Date.now()); };
        queue.whenEmpty(function () {
          putState(false);
          settled(deadline, function () {
            queue.push(last);
            queue.whenEmpty(function () { queue.beacon(); then(); }, left());
          });
        }, left());
      },
      /* for the tests and the curious: what is still queued or was refused */
      pending: function () { return queue ? queue.items.length : 0; },
      rejected: function () { return queue ? queue.rejected.slice() : []; },
      duration: duration
    };
    return T;
  }

  window.coursecLRS = {
    Lrs: Lrs, Queue: Queue, Statements: Statements, makeTransport: makeTransport, params: params,
    uuid: uuid, duration: duration, qs: qs, PROFILE: PROFILE
  };
})();
