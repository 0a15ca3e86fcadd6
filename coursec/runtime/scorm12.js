/* coursec transport for SCORM 1.2 (window.API). See docs: status mapping and state encoding.
 * Handles: ADL discovery and safe calls (scormapi.js), exit 'suspend' until finished, LMSFinish
 * once and nothing after it, CMITimespan session time, masteryscore, review mode, interactions
 * (write-only; type, correct pattern and ids from cs-data it / rp / rid; an interaction cs-data
 * marks skip is not written - the build reported it; probed and dropped if the LMS rejects
 * them), objectives; restored (a saved state migrated from an earlier release, or not usable):
 * one line appended to cmi.comments for the LMS administrator (resumenote.js; not in review).
 * In:  the window (create(win)); the player's events (player.js), cs-data from init's info.data.
 * Out: the transport object (window.coursecTransport in the page).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).scorm12 = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var scormapi = require('./scormapi.js');
  var durations = require('./durations.js');
  var responses = require('./responses.js');
  var resumenote = require('./resumenote.js');
  var COMMENTS_MAX = 4096; // CMIString4096
  var RANK = { 'not attempted': 0, browsed: 0, incomplete: 1, failed: 2, completed: 2, passed: 3 };

  /* how SCORM 1.2 writes a learner response (responses.js), from cs-data format and limits.text */
  function writing(D) {
    return { format: D.format, text: D.limits.text,
      number: function (n) { return isFinite(n) ? String(n) : ''; } };
  }

  function create(win) {
    var mode = 'normal', failedStatus = 'incomplete', D = {};
    var started = Date.now(), lastStatus = '', lastScore = null, interN = 0, interOff = false;
    var objIdx = {}, objN = 0, objOff = false, objLast = {};
    var lms = scormapi.connect(win, { object: 'API', initialize: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue',
      error: 'LMSGetLastError', commit: 'LMSCommit', finish: 'LMSFinish' });
    var get = lms.get, set = lms.set;
    var target = null;

    return {
      init: function (info) {
        D = (info && info.data) || {};
        failedStatus = info.failedStatus || 'incomplete';
        var none = { connected: false, notice: 'no_api', mode: 'normal', entry: '', resumeState: '',
          location: '', masteryOverride: null };
        none.notice = lms.initialize() || none.notice;
        if (!lms.ok) return none;
        target = writing(D);
        mode = get('cmi.core.lesson_mode', 'normal') || 'normal';
        var mastery = parseFloat(get('cmi.student_data.mastery_score', ''));
        var status = get('cmi.core.lesson_status', '');
        lastStatus = status;
        interN = parseInt(get('cmi.interactions._count', '0'), 10) || 0;
        objN = parseInt(get('cmi.objectives._count', '0'), 10) || 0;
        for (var i = 0; i < objN; i++) {
          var id = get('cmi.objectives.' + i + '.id', '');
          if (id) { objIdx[id] = i; objLast[id] = get('cmi.objectives.' + i + '.status', ''); }
        }
        if (mode !== 'review') {
          if (!status || status === 'not attempted') { set('cmi.core.lesson_status', 'incomplete'); lastStatus = 'incomplete'; }
          set('cmi.core.exit', 'suspend');
        }
        return {
          connected: true, notice: '', mode: mode, entry: get('cmi.core.entry', ''),
          resumeState: get('cmi.suspend_data', ''), location: get('cmi.core.lesson_location', ''),
          masteryOverride: isFinite(mastery) ? mastery : null
        };
      },
      saveState: function (text) { return mode === 'review' || set('cmi.suspend_data', text); },
      setLocation: function (key) { return mode === 'review' || set('cmi.core.lesson_location', key.slice(0, 255)); },
      report: function (ev) {
        if (!lms.live() || mode === 'review') return;
        var status = 'incomplete', score = null;
        if (ev.completed && ev.success === 'passed') { status = 'passed'; score = ev.score; }
        else if (ev.completed && ev.success === 'failed') {
          if (failedStatus === 'incomplete' && ev.attemptsLeft) status = 'incomplete';
          else { status = 'failed'; score = ev.score; }
        } else if (ev.completed) status = 'completed';
        // never step back (a lost state must not undo a finished attempt)
        if ((RANK[status] || 0) < (RANK[lastStatus] || 0)) return;
        if (score !== null && score !== lastScore) {
          set('cmi.core.score.min', '0');
          set('cmi.core.score.max', '100');
          if (set('cmi.core.score.raw', String(score))) lastScore = score;
        }
        if (status !== lastStatus && set('cmi.core.lesson_status', status)) lastStatus = status;
      },
      setObjective: function (id, o) {
        if (!lms.live() || objOff || mode === 'review') return;
        var status = o.success === 'passed' ? 'passed' : o.success === 'failed' ? 'failed'
          : o.completed ? 'completed' : 'incomplete';
        if (objLast[id] === status) return;
        var n = objIdx[id];
        if (n === undefined) {
          n = objN;
          if (!set('cmi.objectives.' + n + '.id', id)) { objOff = true; return; }
          objIdx[id] = n; objN++;
        }
        if (set('cmi.objectives.' + n + '.status', status)) objLast[id] = status;
      },
      recordInteraction: function (rec) {
        var q = rec.q;
        if (!lms.live() || interOff || mode === 'review' || q.skip) return;
        var p = 'cmi.interactions.' + interN + '.';
        if (!set(p + 'id', q.id.slice(0, 255))) { interOff = true; return; } // probe: LMS refuses them
        interN++;
        set(p + 'type', q.it);
        set(p + 'time', durations.clock(rec.time));
        if (responses.weighted(q)) set(p + 'weighting', String(q.points));
        if (q.rp.length) set(p + 'correct_responses.0.pattern', q.rp[0]);
        set(p + 'student_response', responses.response(q, rec.response, rec.number, target));
        set(p + 'result', rec.result === 'incorrect' ? 'wrong' : rec.result);
        set(p + 'latency', durations.timespan(rec.latency));
      },
      restored: function (r) {
        if (!lms.live() || mode === 'review' || !r || !r.actions || !r.actions.length) return;
        var line = resumenote.text(r, COMMENTS_MAX);
        set('cmi.comments', resumenote.appended(get('cmi.comments', ''), line, COMMENTS_MAX));
      },
      commit: lms.commit,
      terminate: function (ev) {
        if (!lms.live()) return;
        if (ev && mode !== 'review') {
          set('cmi.core.exit', ev.finished ? '' : 'suspend');
          set('cmi.core.session_time', durations.timespan(Date.now() - started));
        }
        lms.finish();
      },
      /* the learner's Exit (completion screen): exit '' when finished (a later launch is a new
       * attempt; Moodle keeps the data for review), else 'suspend'; session time; LMSCommit
       * (a click, not unload: sync XHR is allowed); LMSFinish once; then done() */
      exit: function (ev, done) {
        if (lms.live()) {
          if (ev && mode !== 'review') {
            set('cmi.core.exit', ev.finished ? '' : 'suspend');
            set('cmi.core.session_time', durations.timespan(Date.now() - started));
          }
          lms.commit();
          lms.finish();
        }
        if (done) done();
      },
      timespan: durations.timespan
    };
  }
  return { create: create, writing: writing };
});
if (typeof window === 'object' && window.document && !window.coursecTransport) window.coursecTransport = window.coursec.scorm12.create(window);
