/* coursec transport for the web target: progress in localStorage, no LMS. When the page was
 * launched with the TinCan parameters (endpoint and actor), it stays out of the way and xapi.js
 * (bundled after this file) installs the LRS transport.
 * In:  the window (create(win)); init's info {courseId, version}.
 * Out: create(win) -> the transport: the resume text, location and status under
 *      'coursec:<course>:<version>' (init's note 'local': the completion screen says progress
 *      stays in this browser; no line on every page); wanted(win): no TinCan parameters in the URL.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).local = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var lrs = require('./lrs.js');
  /* whether the page was launched without the TinCan parameters (else xapi.js's transport) */
  function wanted(win) { var p = lrs.params(win); return !(p.endpoint && p.actor); }
  function create(win) {
    var key = '', store = null, data = {};
    return {
      init: function (info) {
        key = 'coursec:' + info.courseId + ':' + info.version;
        try {
          store = win.localStorage;
          data = JSON.parse(store.getItem(key) || '{}') || {};
        } catch (e) { store = null; data = {}; }
        return {
          connected: !!store, notice: store ? '' : 'local_off', note: store ? 'local' : '', mode: 'normal',
          entry: data.state ? 'resume' : 'ab-initio', resumeState: data.state || '',
          location: data.location || '', masteryOverride: null
        };
      },
      saveState: function (text) { data.state = text; return true; },
      setLocation: function (k) { data.location = k; return true; },
      report: function (ev) {
        data.completion = ev.completed ? 'completed' : 'incomplete';
        data.success = ev.success;
        data.score = ev.score;
      },
      setObjective: function () { /* no LMS */ },
      recordInteraction: function () { /* no LMS */ },
      commit: function () {
        if (!store) return true;
        try { store.setItem(key, JSON.stringify(data)); return true; } catch (e) { return false; }
      },
      terminate: function () { this.commit(); },
      exit: function (ev, done) { if (ev) this.report(ev); this.commit(); if (done) done(); }
    };
  }
  return { create: create, wanted: wanted };
});
if (typeof window === 'object' && window.document && !window.coursecTransport && window.coursec.local.wanted(window)) {
  window.coursecTransport = window.coursec.local.create(window);
}
