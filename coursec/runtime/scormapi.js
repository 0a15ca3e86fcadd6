/* coursec scormapi: what the SCORM 1.2 and 2004 adapters share - finding the LMS's API object and
 * calling it safely. ADL discovery: walk window.parent (<= 500 hops), then the opener and the top
 * window's opener, each step in try/catch (a cross-origin frame throws). Every call is followed
 * by GetLastError; a call that throws or leaves an error counts as failed. Commit is retried a
 * bounded number of times; finish (LMSFinish / Terminate) runs once and nothing runs after it.
 * In:  the window the content runs in; `names`, the standard's spelling: {object, initialize,
 *      get, set, error, commit, finish}.
 * Out: connect(win, names) -> {initialize() ('' or the notice key), live(), get(key, fallback),
 *      set(key, value) -> ok, commit() -> ok, finish(), ok, done}. A failed set is logged.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).scormapi = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function connect(win, names) {
    var lms = { api: null, ok: false, done: false };
    function findIn(w0) {
      var w = w0, hops = 0;
      while (w && hops <= 500) {
        try {
          var candidate = w[names.object];
          if (candidate && typeof candidate[names.initialize] === 'function') return candidate;
        } catch (e) { /* cross-origin */ }
        var p = null;
        try { p = w.parent; } catch (e) { p = null; }
        if (!p || p === w) return null;
        w = p; hops++;
      }
      return null;
    }
    function discover() {
      var found = findIn(win);
      try { if (!found && win.opener) found = findIn(win.opener); } catch (e) { /* closed or cross-origin */ }
      try { if (!found && win.top && win.top.opener) found = findIn(win.top.opener); } catch (e) { /* idem */ }
      return found;
    }
    function lastError() {
      try { var e = lms.api[names.error](); return e === null || e === undefined ? '0' : String(e); } catch (x) { return '101'; }
    }
    function fine(r) { var e = lastError(); return String(r) === 'true' && (e === '0' || e === ''); }
    lms.live = function () { return lms.ok && !lms.done; };
    /* '' when connected, else the theme string key of the learner notice */
    lms.initialize = function () {
      lms.api = discover();
      if (!lms.api) return 'no_api';
      try { lms.ok = String(lms.api[names.initialize]('')) === 'true'; } catch (e) { lms.ok = false; }
      return lms.ok ? '' : 'init_failed';
    };
    lms.get = function (key, fallback) {
      if (!lms.live()) return fallback;
      try {
        var v = lms.api[names.get](key), e = lastError();
        return (e !== '0' && e !== '') || v === null || v === undefined ? fallback : String(v);
      } catch (x) { return fallback; }
    };
    lms.set = function (key, value) {
      if (!lms.live()) return false;
      try {
        if (fine(lms.api[names.set](key, String(value)))) return true;
      } catch (x) { /* reported below */ }
      if (win.console) win.console.warn('coursec: ' + names.set + '(' + key + ') failed, error ' + lastError());
      return false;
    };
    lms.commit = function () {
      if (!lms.live()) return true;
      for (var i = 0; i < 3; i++) {
        try { if (fine(lms.api[names.commit](''))) return true; } catch (x) { /* retry */ }
      }
      return false;
    };
    lms.finish = function () {
      if (!lms.live()) return;
      try { lms.api[names.finish](''); } catch (x) { /* nothing more can be done */ }
      lms.done = true;
    };
    return lms;
  }
  return { connect: connect };
});
