/*
 * A test LMS player page, hosting a SCO the way an LMS does (see shared/interop.md):
 *
 * - it owns a scorm-again API object (Scorm12API as window.API, Scorm2004API as
 *   window.API_1484_11) on the top window, preloaded with the launch data the test server
 *   hands out for this session (learner, credit, mode, mastery score, prior state);
 * - it commits to the test server with synchronous XHR and, on Terminate, with sendBeacon,
 *   like Moodle's player; the server keeps what it received ("what the LMS stored");
 * - it loads the SCO in an iframe exactly one frame below, so the SCO must find the API by
 *   walking its parents;
 * - it is as strict as Moodle where scorm-again is not: 2004 response identifiers must match
 *   ^[\w.]{1,250}$ (else SetValue returns false with 406), 1.2 lets the mastery score override
 *   the status at LMSFinish;
 * - every call the SCO makes is recorded in order: method, arguments, return value, the
 *   error code after it, and the time. The checks on the log are made by the Python side.
 */
(function () {
  "use strict";

  var params = new URLSearchParams(window.location.search);
  var sessionId = params.get("session");

  function getJSON(url) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url, false);
    xhr.send(null);
    if (xhr.status !== 200) {
      throw new Error("test LMS: GET " + url + " -> " + xhr.status);
    }
    return JSON.parse(xhr.responseText);
  }

  var launch = getJSON("/launch/" + encodeURIComponent(sessionId));
  var is12 = launch.standard === "scorm12";

  var settings = {
    lmsCommitUrl: "/commit/" + encodeURIComponent(sessionId),
    autocommit: false,
    logLevel: 5,
    dataCommitFormat: "json",
    sendFullCommit: true,
    terminateCommitPayloadField: "coursecTerminate",
    xhrResponseHandler: function (xhr) {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
      var ok = xhr.status >= 200 && xhr.status < 300 && body.result === true;
      return { result: ok ? "true" : "false", errorCode: ok ? 0 : 101 };
    },
  };
  Object.keys(launch.settings || {}).forEach(function (k) { settings[k] = launch.settings[k]; });

  if (is12 && settings.mastery_override === undefined) {
    settings.mastery_override = true; // Moodle's "mastery score overrides status", on by default
  }
  var api = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  if (launch.cmi) {
    api.loadFromFlattenedJSON(launch.cmi);
  }

  var METHODS = is12
    ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
       "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
    : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
       "GetLastError", "GetErrorString", "GetDiagnostic"];
  var getLastError = api[is12 ? "LMSGetLastError" : "GetLastError"].bind(api);

  /* Moodle's 2004 data model checks the identifiers in learner_response and
   * correct_responses.n.pattern against CMIShortIdentifier (^[\w.]{1,250}$) and refuses the
   * SetValue with 406; scorm-again's check is laxer, so the same rule is applied here. */
  var SHORT_ID = /^[A-Za-z0-9_.]{1,250}$/;
  var types = {};
  function idsOk(type, value) {
    var items = String(value).split("[,]");
    if (type === "choice" || type === "sequencing" || type === "likert") {
      return items.every(function (x) { return SHORT_ID.test(x); });
    }
    if (type === "matching") {
      return items.every(function (x) {
        var p = x.split("[.]");
        return p.length === 2 && SHORT_ID.test(p[0]) && SHORT_ID.test(p[1]);
      });
    }
    return true;
  }
  function refused2004(element, value) { // the error code Moodle would give, or null
    var m = /^cmi\.interactions\.(\d+)\.(type|learner_response|correct_responses\.\d+\.pattern)$/
      .exec(String(element));
    if (!m || m[2] === "type") return null;
    return types[m[1]] && !idsOk(types[m[1]], value) ? "406" : null;
  }
  var forcedError = null;

  var calls = [];
  var depth = 0;
  var t0 = Date.now();
  METHODS.forEach(function (name) {
    var original = api[name].bind(api);
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments).map(function (a) {
        return a === undefined ? null : a;
      });
      if (depth > 0) {
        // scorm-again calling its own public methods: not a call by the SCO
        return original.apply(null, arguments);
      }
      depth += 1;
      var result, thrown = null, refusal = null;
      var isErrorMethod = /GetLastError|GetErrorString|GetDiagnostic/.test(name);
      if (!isErrorMethod) forcedError = null;
      if (!is12 && name === "SetValue") refusal = refused2004(args[0], args[1]);
      try {
        if (refusal) {
          result = "false";
        } else {
          result = original.apply(null, arguments);
        }
      } catch (e) {
        thrown = String(e && e.stack || e);
      } finally {
        depth -= 1;
      }
      var error;
      if (refusal) forcedError = refusal;
      if (forcedError !== null && name === "GetLastError") result = forcedError;
      try { error = forcedError !== null ? forcedError : String(getLastError()); } catch (e2) { error = "?"; }
      if (!is12 && name === "SetValue" && String(result) === "true") {
        var t = /^cmi\.interactions\.(\d+)\.type$/.exec(String(args[0]));
        if (t) types[t[1]] = String(args[1]);
      }
      calls.push({
        seq: calls.length,
        method: name,
        args: args,
        result: result === undefined ? null : (typeof result === "string" ? result : String(result)),
        error: error,
        thrown: thrown,
        t: Date.now() - t0,
      });
      if (thrown !== null) {
        throw new Error(thrown);
      }
      return result;
    };
  });

  if (is12) {
    window.API = api;
  } else {
    window.API_1484_11 = api;
  }

  var frame = null;
  window.lms = {
    launch: launch,
    api: api,
    calls: calls,
    frame: function () { return frame; },
    // the CMI as the API holds it now (the server holds what was committed)
    cmi: function () {
      return JSON.parse(JSON.stringify(api.renderCommitCMI(true)));
    },
    // close the SCO the way a learner closing the player does: navigate the frame away,
    // which fires pagehide in the SCO
    closedAt: null,
    closeSco: function () {
      window.lms.closedAt = Date.now() - t0;
      frame.src = "about:blank";
    },
  };

  function start() {
    frame = document.createElement("iframe");
    frame.id = "sco";
    frame.name = "sco";
    frame.title = launch.title || "Course";
    frame.src = launch.sco;
    document.getElementById("player").appendChild(frame);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
