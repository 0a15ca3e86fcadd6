/* coursec transport for SCORM 2004 3rd/4th edition (window.API_1484_11).
 * Handles: ADL discovery and safe calls (scormapi.js), cmi.exit 'suspend' + adl.nav.request
 * 'suspendAll' when the page goes away (finished too: the LMS keeps the data for review only
 * then), 'normal' + 'exitAll' when the learner presses Exit on a finished course (exit()),
 * Terminate once and nothing after it, ISO 8601 durations (<= 2 decimals), scaled_passing_score,
 * review mode, completion and success kept apart, interactions with description, timestamp,
 * latency, type / patterns / short identifiers from cs-data it / rp / rid (probed and dropped if
 * the LMS rejects them), objectives per lesson; a failure with tries left keeps the attempt open;
 * restored (a saved state migrated from an earlier release, or not usable): one new
 * cmi.comments_from_learner entry with a timestamp, for the LMS administrator (resumenote.js;
 * not in review).
 * In:  the window (create(win)); the player's events (player.js), cs-data from init's info.data.
 * Out: the transport object (window.coursecTransport in the page).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).scorm2004 = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var scormapi = require('./scormapi.js');
  var durations = require('./durations.js');
  var responses = require('./responses.js');
  var resumenote = require('./resumenote.js');
  var COMMENT_MAX = 4000; // comments_from_learner.n.comment: characterstring, SPM 4000
  function num(x) { return String(Math.round(x * 1e7) / 1e7); }

  /* how SCORM 2004 writes a learner response (responses.js), from cs-data format and limits.text;
   * a learner_response may not start with '{' (it would read as a {lang=...} delimiter) */
  function writing(D) {
    return { format: D.format, text: D.limits.text,
      fillIn: function (t) { return t.replace(/^\{+/, ''); },
      number: function (n) { return isFinite(n) ? num(n) : ''; } };
  }

  function create(win) {
    var mode = 'normal', failedStatus = 'incomplete', D = {};
    var started = Date.now(), last = { c: '', s: '', score: null, pm: null }, interN = 0, interOff = false;
    var objIdx = {}, objN = 0, objOff = false, objLast = {};
    var lms = scormapi.connect(win, { object: 'API_1484_11', initialize: 'Initialize', get: 'GetValue', set: 'SetValue',
      error: 'GetLastError', commit: 'Commit', finish: 'Terminate' });
    var get = lms.get, set = lms.set;
    var target = null;

    return {
      init: function (info) {
        D = (info && info.data) || {};
        failedStatus = (info && info.failedStatus) || 'incomplete';
        var none = { connected: false, notice: 'no_api', mode: 'normal', entry: '', resumeState: '',
          location: '', masteryOverride: null };
        none.notice = lms.initialize() || none.notice;
        if (!lms.ok) return none;
        target = writing(D);
        mode = get('cmi.mode', 'normal') || 'normal';
        var passing = parseFloat(get('cmi.scaled_passing_score', ''));
        last.c = get('cmi.completion_status', '');
        last.s = get('cmi.success_status', '');
        interN = parseInt(get('cmi.interactions._count', '0'), 10) || 0;
        objN = parseInt(get('cmi.objectives._count', '0'), 10) || 0;
        for (var i = 0; i < objN; i++) {
          var oid = get('cmi.objectives.' + i + '.id', '');
          if (oid) objIdx[oid] = i;
        }
        if (mode !== 'review') {
          if (last.c !== 'completed' && last.c !== 'incomplete') { set('cmi.completion_status', 'incomplete'); last.c = 'incomplete'; }
          set('cmi.exit', 'suspend');
        }
        var entry = get('cmi.entry', '');
        // ab-initio: nothing stored yet (reading it would be error 403), except in review, which
        // Moodle launches ab-initio after exit 'normal' while it keeps the finished attempt's data
        var fresh = entry === 'ab-initio' && mode !== 'review';
        return {
          connected: true, notice: '', mode: mode, entry: entry,
          resumeState: fresh ? '' : get('cmi.suspend_data', ''),
          location: fresh ? '' : get('cmi.location', ''),
          masteryOverride: isFinite(passing) ? Math.round(passing * 10000) / 100 : null
        };
      },
      saveState: function (text) { return mode === 'review' || set('cmi.suspend_data', text); },
      setLocation: function (key) { return mode === 'review' || set('cmi.location', key.slice(0, 1000)); },
      report: function (ev) {
        if (!lms.live() || mode === 'review') return;
        // failed with tries left: the LMS attempt stays open (incomplete, success and score not
        // yet known), else the LMS closes it and the learner cannot try again
        var open = ev.success === 'failed' && ev.attemptsLeft && failedStatus === 'incomplete';
        var c = ev.completed && !open ? 'completed' : 'incomplete';
        if (c !== last.c && last.c !== 'completed' && set('cmi.completion_status', c)) last.c = c;
        var pm = c === 'completed' ? 1 : Math.min(0.99, Math.round(ev.progress * 100) / 100);
        if (pm !== last.pm && set('cmi.progress_measure', String(pm))) last.pm = pm;
        if (ev.score !== null && ev.score !== last.score && !open) {
          set('cmi.score.min', '0');
          set('cmi.score.max', '100');
          set('cmi.score.raw', String(ev.score));
          if (set('cmi.score.scaled', num(ev.score / 100))) last.score = ev.score;
        }
        var s = open ? 'unknown' : ev.success;
        if (s !== 'unknown' && s !== last.s && last.s !== 'passed' && set('cmi.success_status', s)) last.s = s;
      },
      setObjective: function (oid, o) {
        if (!lms.live() || objOff || mode === 'review') return;
        var key = (o.completed ? 'c' : 'i') + (o.success || '');
        if (objLast[oid] === key) return;
        var n = objIdx[oid];
        if (n === undefined) {
          n = objN;
          if (!set('cmi.objectives.' + n + '.id', oid)) { objOff = true; return; }
          objIdx[oid] = n; objN++;
        }
        var p = 'cmi.objectives.' + n + '.';
        set(p + 'completion_status', o.completed ? 'completed' : 'incomplete');
        if (o.success) set(p + 'success_status', o.success);
        objLast[oid] = key;
      },
      recordInteraction: function (rec) {
        var q = rec.q;
        if (!lms.live() || interOff || mode === 'review' || q.skip) return;
        var p = 'cmi.interactions.' + interN + '.';
        if (!set(p + 'id', q.id)) { interOff = true; return; } // probe: LMS refuses them
        interN++;
        set(p + 'type', q.it);
        if (q.text) set(p + 'description', q.text.slice(0, 250));
        set(p + 'timestamp', durations.timestamp(rec.time));
        if (responses.weighted(q)) set(p + 'weighting', String(q.points));
        q.rp.forEach(function (pat, k) { set(p + 'correct_responses.' + k + '.pattern', pat); });
        set(p + 'learner_response', responses.response(q, rec.response, rec.number, target));
        set(p + 'result', rec.result);
        set(p + 'latency', durations.iso(rec.latency));
      },
      restored: function (r) {
        if (!lms.live() || mode === 'review' || !r || !r.actions || !r.actions.length) return;
        var n = parseInt(get('cmi.comments_from_learner._count', '0'), 10) || 0;
        var p = 'cmi.comments_from_learner.' + n + '.';
        if (set(p + 'comment', resumenote.text(r, COMMENT_MAX))) set(p + 'timestamp', durations.timestamp(new Date()));
      },
      commit: lms.commit,
      terminate: function (ev) {
        if (!lms.live()) return;
        if (ev && mode !== 'review') {
          // 'suspend' also when finished: an LMS keeps the attempt's data only after a suspend
          // (SCORM 2004 RTE 4.2.8; Moodle drops it otherwise), and review must show the course
          set('cmi.exit', 'suspend');
          set('adl.nav.request', 'suspendAll');
          set('cmi.session_time', durations.iso(Date.now() - started));
        }
        lms.finish();
      },
      /* the learner's Exit (completion screen): finished -> cmi.exit 'normal' and adl.nav.request
       * 'exitAll' (the attempt is over; Moodle and scorm-again leave the SCO; Moodle relaunches
       * it in review with the data kept), else 'suspend' + 'suspendAll'; in review only the nav
       * request; session time; Commit (a click, not unload); Terminate once; then done() */
      exit: function (ev, done) {
        if (lms.live()) {
          if (ev && mode !== 'review') {
            set('cmi.exit', ev.finished ? 'normal' : 'suspend');
            set('adl.nav.request', ev.finished ? 'exitAll' : 'suspendAll');
            set('cmi.session_time', durations.iso(Date.now() - started));
          } else set('adl.nav.request', 'exitAll');
          lms.commit();
          lms.finish();
        }
        if (done) done();
      },
      duration: durations.iso
    };
  }
  return { create: create, writing: writing };
});
if (typeof window === 'object' && window.document && !window.coursecTransport) window.coursecTransport = window.coursec.scorm2004.create(window);
