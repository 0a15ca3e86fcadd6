/* coursec transport for SCORM 1.2 (window.API). See docs: status mapping and state encoding.
 * Handles: ADL discovery (parents <= 500, then opener chains, try/catch each step), LMSGetLastError
 * after every call, bounded commit retries, exit 'suspend' until finished, LMSFinish once and
 * nothing after it, CMITimespan session time, masteryscore, review mode, interactions (write-only,
 * single-character choice responses, probed and dropped if the LMS rejects them), objectives.
 */
(function () {
  'use strict';
  var CH = 'abcdefghijklmnopqrstuvwxyz0123456789';
  var mode = 'normal', failedStatus = 'incomplete';
  var started = Date.now(), lastStatus = '', lastScore = null, interN = 0, interOff = false;
  var objIdx = {}, objN = 0, objOff = false, objLast = {};
  var RANK = { 'not attempted': 0, browsed: 0, incomplete: 1, failed: 2, completed: 2, passed: 3 };

  var lms = window.coursecScormApi({ object: 'API', initialize: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue',
    error: 'LMSGetLastError', commit: 'LMSCommit', finish: 'LMSFinish' });
  var get = lms.get, set = lms.set, pad = lms.pad;
  function timespan(ms) { // CMITimespan HHHH:MM:SS.SS
    var cs = Math.max(0, Math.round(ms / 10)), h = Math.min(9999, Math.floor(cs / 360000));
    cs -= Math.floor(cs / 360000) * 360000;
    var m = Math.floor(cs / 6000); cs -= m * 6000;
    var s = Math.floor(cs / 100); cs -= s * 100;
    return pad(h, 4) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(cs, 2);
  }
  function clock(d) { return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2); }

  function ch(i) { return CH.charAt(i); }
  function tf(q, i) { return i === q['true'] ? 't' : 'f'; }
  function response(q, r, number) {
    switch (q.kind) {
      case 'decision': return ch(r); // a scenario decision: the choice's index in its node
      case 'single': case 'likert': return ch(r);
      case 'true-false': return tf(q, r);
      case 'multiple': case 'sequencing': return r.map(ch).join(',');
      case 'fill-in': return String(r).slice(0, 255);
      case 'numeric': return isFinite(number) ? String(number) : '';
      case 'matching':
        return r.map(function (m, i) { return m < 0 ? '' : ch(i) + '.' + ch(m); })
          .filter(Boolean).join(',');
    }
    return '';
  }
  function pattern(q) {
    switch (q.kind) {
      case 'single': return ch(q.correct[0]);
      case 'true-false': return tf(q, q.correct[0]);
      case 'multiple': return q.correct.map(ch).join(',');
      case 'fill-in': return String(q.answers[0] || '').slice(0, 255);
      case 'numeric': return q.ranges[0] && q.ranges[0][0] === q.ranges[0][1] ? String(q.ranges[0][0]) : null;
      case 'matching': return q.pairs.map(function (p, i) { return ch(i) + '.' + ch(i); }).join(',');
      case 'sequencing': return q.choices.map(function (c, i) { return ch(i); }).join(',');
    }
    return null;
  }
  var TYPES = { single: 'choice', multiple: 'choice', 'true-false': 'true-false', 'fill-in': 'fill-in',
    numeric: 'numeric', matching: 'matching', sequencing: 'sequencing', likert: 'likert',
    decision: 'choice' };

  window.coursecTransport = {
    init: function (info) {
      failedStatus = info.failedStatus || 'incomplete';
      var none = { connected: false, notice: 'no_api', mode: 'normal', entry: '', resumeState: '',
        location: '', masteryOverride: null };
      none.notice = lms.initialize() || none.notice;
      if (!lms.ok) return none;
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
    saveState: function (text) {
      if (text.length > 4096 && window.console) console.warn('coursec: suspend_data over 4096 characters');
      return mode === 'review' || set('cmi.suspend_data', text);
    },
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
      if (!lms.live() || interOff || mode === 'review') return;
      if ((q.choices && q.choices.length > CH.length) || (q.pairs && q.pairs.length > CH.length)) return;
      var p = 'cmi.interactions.' + interN + '.';
      if (!set(p + 'id', q.id.slice(0, 255))) { interOff = true; return; } // probe: LMS refuses them
      interN++;
      set(p + 'type', TYPES[q.kind]);
      set(p + 'time', clock(rec.time));
      if (q.kind !== 'likert' && q.kind !== 'decision') set(p + 'weighting', String(q.points));
      var correct = pattern(q);
      if (correct !== null) set(p + 'correct_responses.0.pattern', correct);
      set(p + 'student_response', response(q, rec.response, rec.number));
      set(p + 'result', rec.result === 'incorrect' ? 'wrong' : rec.result);
      set(p + 'latency', timespan(rec.latency));
    },
    commit: lms.commit,
    terminate: function (ev) {
      if (!lms.live()) return;
      if (ev && mode !== 'review') {
        set('cmi.core.exit', ev.finished ? '' : 'suspend');
        set('cmi.core.session_time', timespan(Date.now() - started));
      }
      lms.finish();
    },
    timespan: timespan
  };
})();
