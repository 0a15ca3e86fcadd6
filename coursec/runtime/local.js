/* coursec transport for the web target: progress in localStorage, no LMS. When the page was
 * launched with the TinCan parameters, xapi.js (bundled before this file) has already installed
 * the LRS transport, and this one stays out of the way. */
(function () {
  'use strict';
  if (window.coursecTransport) return;
  var key = '', store = null, data = {};
  window.coursecTransport = {
    init: function (info) {
      key = 'coursec:' + info.courseId + ':' + info.version;
      try {
        store = window.localStorage;
        data = JSON.parse(store.getItem(key) || '{}') || {};
      } catch (e) { store = null; data = {}; }
      return {
        connected: !!store, notice: store ? 'local' : 'local_off', mode: 'normal',
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
    terminate: function () { this.commit(); }
  };
})();
