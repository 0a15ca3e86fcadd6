/*
 * coursec preview: the LMS panel. It hosts the package's SCO in an iframe the way an LMS does:
 * for SCORM it owns a scorm-again API object (window.API for 1.2, window.API_1484_11 for 2004)
 * preloaded with Moodle-like launch data, and keeps what the SCO commits ("what the LMS
 * stored", also in sessionStorage so a reload of this page keeps it). It shows the data model
 * values and every API call live, the suspend_data size against the target's limit, and on
 * every rebuild (server-sent events) it patches the changed pages into the running SCO when the
 * event carries a patch for what is shown (patch.js: prose and question texts; nothing reaches
 * the LMS), and otherwise closes the SCO (pagehide: LMSFinish) and launches it again with the
 * stored data, so the learner resumes where they were. For the web target the
 * package keeps its own progress in localStorage and the panel shows that. For xapi and cmi5
 * the panel launches the package against the preview's local statement sink (/_preview/lrs/),
 * as the TinCan launch or a cmi5 LMS does (for cmi5 it writes LMS.LaunchData first), keeps the
 * registration across relaunches (resume through the State API) and lists the statements.
 */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var frame = $('pv-sco');
  var info = null, status = null, view = { region: '', target: '' };
  var api = null, stored = {}, calls = [], launched = null, previous = {};
  var preview = window.preview = {
    reloads: [], patches: [], relaunches: [], calls: calls, ready: false,
    status: function () { return status; },
    stored: function () { return stored; },
    cmi: function () { return currentCmi(); }
  };

  function getJSON(url) {
    return fetch(url, { cache: 'no-store' }).then(function (r) { return r.json(); });
  }
  function storeKey() { return 'coursec-preview:' + view.region + ':' + view.target; }
  function isScorm(adapter) { return adapter === 'scorm12' || adapter === 'scorm2004'; }
  function isLrs(adapter) { return adapter === 'xapi' || adapter === 'cmi5'; }
  var LRS = location.origin + '/_preview/lrs/';
  var ACTOR = JSON.stringify({ objectType: 'Agent', name: 'Preview Learner', account: { homePage: location.origin, name: 'preview' } });
  var statements = [];
  function newId() { return crypto.randomUUID(); }
  function registration() {
    var key = storeKey() + ':registration', reg = null;
    try { reg = sessionStorage.getItem(key); } catch (e) { reg = null; }
    if (!reg) { reg = newId(); try { sessionStorage.setItem(key, reg); } catch (e) { /* */ } }
    return reg;
  }
  function query(o) {
    return Object.keys(o).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(o[k]); }).join('&');
  }
  function lrsLaunch() {
    var reg = registration(), q = { endpoint: LRS, actor: ACTOR, registration: reg };
    if (status.adapter === 'xapi') {
      q.auth = 'Basic ' + btoa('preview:preview');
      return Promise.resolve(status.launch + '?' + query(q));
    }
    var au = status.au || {}, session = newId();
    q.fetch = LRS + 'fetch/' + session;
    q.activityId = au.activityId;
    var launchData = {
      contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': session } },
      launchMode: 'Normal', moveOn: au.moveOn, returnURL: ''
    };
    if (au.masteryScore !== null && au.masteryScore !== undefined) launchData.masteryScore = au.masteryScore;
    var url = LRS + 'activities/state?' + query({ stateId: 'LMS.LaunchData', activityId: au.activityId, agent: ACTOR, registration: reg });
    return fetch(url, { method: 'PUT', body: JSON.stringify(launchData), headers: { 'Content-Type': 'application/json' } })
      .then(function () { return status.launch + '?' + query(q); });
  }
  function loadStatements() {
    if (!status || !isLrs(status.adapter)) return Promise.resolve();
    return getJSON(LRS + 'statements?registration=' + encodeURIComponent(registration())).then(function (r) {
      statements = r.statements || [];
      scheduleShow();
    });
  }
  function statementRows() {
    var out = {};
    statements.forEach(function (st, i) {
      var verb = (st.verb && st.verb.id || '').split('/').pop();
      var result = st.result ? ' ' + JSON.stringify(st.result) : '';
      out[('000' + i).slice(-4) + ' ' + verb] = (st.object && st.object.id || '') + result;
    });
    return out;
  }
  function text(el, value) { el.textContent = value; return el; }
  function make(tag, value) { return text(document.createElement(tag), value === undefined ? '' : value); }

  var launchData = window.coursecLaunchData;

  /* ---- the LMS side: a scorm-again API with every call recorded ----------------------- */
  function makeApi(adapter) {
    var is12 = adapter === 'scorm12';
    var settings = { autocommit: false, lmsCommitUrl: false, dataCommitFormat: 'flattened', logLevel: 5 };
    var a = is12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
    a.loadFromFlattenedJSON(launchData(adapter, stored, status.mastery));
    var methods = is12
      ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']
      : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit'];
    var lastError = (is12 ? a.LMSGetLastError : a.GetLastError).bind(a);
    var depth = 0;
    methods.forEach(function (name) {
      var original = a[name].bind(a);
      a[name] = function () {
        if (depth > 0) return original.apply(null, arguments);
        depth += 1;
        var result;
        try { result = original.apply(null, arguments); } finally { depth -= 1; }
        var call = { method: name, args: Array.prototype.slice.call(arguments), result: String(result), error: String(lastError()) };
        calls.push(call);
        if (calls.length > 500) calls.shift();
        if (result === 'true' && /Commit|Finish|Terminate/.test(name)) {
          snapshot(a, /Finish|Terminate/.test(name));
        }
        showCall(call);
        scheduleShow();
        return result;
      };
    });
    return a;
  }
  function snapshot(a, terminate) {
    var flat = a.renderCommitCMI(terminate);
    stored = {};
    Object.keys(flat).forEach(function (k) {
      var v = flat[k];
      if (v !== null && v !== undefined && v !== '' && typeof v !== 'object') stored[k] = String(v);
    });
    try { sessionStorage.setItem(storeKey(), JSON.stringify(stored)); } catch (e) { /* private mode */ }
  }
  function currentCmi() {
    if (api) {
      var flat = api.renderCommitCMI(false), out = {};
      Object.keys(flat).forEach(function (k) {
        var v = flat[k];
        if (v !== null && v !== undefined && v !== '' && typeof v !== 'object') out[k] = String(v);
      });
      return out;
    }
    if (status && status.adapter === 'local') return localData();
    if (status && isLrs(status.adapter)) return statementRows();
    return {};
  }
  function localData() {
    var out = {};
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k.indexOf('coursec:') !== 0) continue;
        var d = JSON.parse(localStorage.getItem(k) || '{}');
        Object.keys(d).forEach(function (f) { out[k + ' ' + f] = typeof d[f] === 'string' ? d[f] : JSON.stringify(d[f]); });
      }
    } catch (e) { /* no storage */ }
    return out;
  }

  /* ---- launching and closing the SCO -------------------------------------------------- */
  function closeSco() {
    return new Promise(function (resolve) {
      if (!frame.getAttribute('src') || frame.getAttribute('src') === 'about:blank') { resolve(); return; }
      frame.addEventListener('load', function done() { frame.removeEventListener('load', done); resolve(); });
      frame.setAttribute('src', 'about:blank'); // pagehide in the SCO: it terminates
    });
  }
  function launch() {
    delete window.API;
    delete window.API_1484_11;
    api = null;
    if (!status || !status.launch) return Promise.resolve();
    var adapter = status.adapter, note = $('pv-lms-note');
    if (isScorm(adapter)) {
      if (window.scormAgainMissing || !window.Scorm12API) {
        text(note, info.scormAgainHint);
      } else {
        api = makeApi(adapter);
        if (adapter === 'scorm12') window.API = api; else window.API_1484_11 = api;
        text(note, 'scorm-again ' + (adapter === 'scorm12' ? 'Scorm12API (window.API)' : 'Scorm2004API (window.API_1484_11)') +
          '; entry: ' + (api.cmi.core ? api.cmi.core.entry : api.cmi.entry) + '.');
      }
    } else if (adapter === 'local') {
      text(note, 'web target: no LMS; the package keeps its progress in localStorage (shown below).');
    } else if (isLrs(adapter)) {
      statements = [];
      text(note, status.target + ': launched against the local statement sink (' + LRS + '), registration ' +
        registration() + '. The statements it received:');
    }
    launched = status.served + ':' + status.region + ':' + status.target;
    var source = isLrs(adapter) ? lrsLaunch() : Promise.resolve(status.launch);
    return source.then(function (src) { return new Promise(function (resolve) {
      frame.addEventListener('load', function done() {
        frame.removeEventListener('load', done);
        preview.reloads.push({ generation: status.served, at: now(), marks: marks });
        marks = {};
        preview.ready = true;
        scheduleShow();
        resolve();
      });
      frame.setAttribute('src', src);
    }); });
  }
  function now() { return performance.timeOrigin + performance.now(); }
  var marks = {};
  function relaunch() {
    preview.ready = false;
    marks.close = now();
    return closeSco().then(function () { marks.closed = now(); return launch(); });
  }

  /* ---- showing things ----------------------------------------------------------------- */
  var pending = false;
  function scheduleShow() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; showData(); });
  }
  function showData() {
    var cmi = currentCmi(), body = $('pv-cmi').tBodies[0];
    body.textContent = '';
    Object.keys(cmi).sort().forEach(function (k) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-name', k);
      if (previous[k] !== cmi[k]) tr.className = 'pv-changed';
      tr.appendChild(make('td', k));
      tr.appendChild(make('td', cmi[k]));
      body.appendChild(tr);
    });
    previous = cmi;
    var suspend = cmi['cmi.suspend_data'] || '';
    if (status && status.adapter === 'local') {
      Object.keys(cmi).forEach(function (k) { if (/ state$/.test(k)) suspend = cmi[k]; });
    }
    if (status && isLrs(status.adapter)) suspend = '';
    var limit = status && status.suspendLimit, meter = $('pv-suspend-meter'), label = $('pv-suspend-text');
    text(label, suspend.length + (limit ? ' / ' + limit + ' characters (' + Math.round(100 * suspend.length / limit) + '% of the ' + status.target + ' limit)' : ' characters (no limit for this target)'));
    label.className = limit && suspend.length > limit ? 'pv-over' : '';
    meter.value = limit ? Math.min(1, suspend.length / limit) : 0;
    showHere();
  }
  function showCall(call) {
    var li = make('li', call.method + '(' + call.args.map(function (a) { return JSON.stringify(a); }).join(', ') + ') = ' +
      JSON.stringify(call.result) + (call.error !== '0' ? ' [error ' + call.error + ']' : ''));
    if (call.error !== '0' || call.result === 'false') li.className = 'pv-fail';
    var list = $('pv-calls');
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 200) list.removeChild(list.lastChild);
  }
  function currentPage() {
    try {
      var d = frame.contentDocument, s = d && d.querySelector('section[data-cs-page]:not([hidden])');
      return s ? s.getAttribute('data-cs-page') : null;
    } catch (e) { return null; }
  }
  function showHere() {
    var here = $('pv-scenario-here'), page = currentPage(), found = (status ? status.scenarios : []).filter(function (s) { return s.page === page; });
    here.textContent = '';
    here.hidden = found.length === 0;
    found.forEach(function (s) {
      var a = make('a', 'Graph of the scenario on this page: ' + s.title);
      a.href = s.graph; a.target = '_blank'; a.rel = 'noopener';
      here.appendChild(a);
    });
  }
  function showStatus() {
    var build = $('pv-build'), overlay = $('pv-overlay');
    if (status.ok) {
      text(build, 'build ' + status.generation + ': ' + status.milliseconds + ' ms (' + status.parsed + ' parsed, ' + status.reused + ' cached)' + (how ? '; ' + how : ''));
      build.className = '';
      overlay.hidden = true;
    } else {
      var errors = status.diagnostics.filter(function (d) { return d.severity === 'error'; }).length;
      text(build, 'build ' + status.generation + ': ' + errors + ' error(s)');
      build.className = 'pv-bad';
      text($('pv-diagnostics'), status.diagnostics.map(function (d) { return d.text; }).join('\n\n') +
        (status.served ? '' : '\n\n(no good build yet)'));
      overlay.hidden = false;
    }
    var list = $('pv-graphs');
    list.textContent = '';
    if (!status.scenarios.length) list.appendChild(make('li', 'none in this course'));
    status.scenarios.forEach(function (s) {
      var li = document.createElement('li'), a = make('a', s.title + ' (' + s.id + ')');
      a.href = s.graph; a.target = '_blank'; a.rel = 'noopener';
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  var chain = Promise.resolve();
  function serial(fn) {
    chain = chain.then(fn).catch(function (e) { console.error('coursec preview:', e); });
    return chain;
  }
  function refresh() { return serial(update); }
  var how = '';
  function patchIn(data) { // the event's patch for this view, applied to the running SCO
    var p = data.patches && data.patches[view.region + '/' + view.target], m = marks;
    how = '';
    if (!p) return null;
    var why = p.relaunch !== undefined ? p.relaunch : !preview.ready || launched !== p.from + ':' + view.region + ':' + view.target
      ? 'the course shown is not the build the patch is for' : window.coursecPatch.apply(frame.contentWindow, p);
    how = why ? 'relaunched: ' + why : 'patched ' + p.pages.length + ' page(s) in place';
    if (why) { preview.relaunches.push(why); return null; }
    launched = p.to + ':' + view.region + ':' + view.target;
    m.patched = now();
    return window.coursecPatch.painted(frame.contentWindow).then(function (at) {
      preview.patches.push({ generation: p.to, at: at, pages: p.pages.map(function (x) { return x.key; }),
        marks: m, server: { detected: data.detected, built: data.built, planned: data.planned, cpu: data.buildCpu } });
    });
  }
  function update() {
    var url = '/_preview/status?region=' + encodeURIComponent(view.region) + '&target=' + encodeURIComponent(view.target);
    return getJSON(url).then(function (s) {
      marks.status = now();
      status = s;
      showStatus();
      if (s.served && s.served + ':' + s.region + ':' + s.target !== launched) return relaunch();
      return null;
    });
  }

  /* ---- controls ----------------------------------------------------------------------- */
  function choose() {
    serial(function () { return closeSco().then(function () {
      view.region = $('pv-region').value;
      view.target = $('pv-target').value;
      history.replaceState(null, '', '?region=' + encodeURIComponent(view.region) + '&target=' + encodeURIComponent(view.target));
      loadStored();
      launched = null;
      return update();
    }); });
  }
  function loadStored() {
    try { stored = JSON.parse(sessionStorage.getItem(storeKey()) || '{}') || {}; } catch (e) { stored = {}; }
  }
  function reset() {
    serial(function () { return closeSco().then(function () {
      stored = {};
      try {
        sessionStorage.removeItem(storeKey());
        sessionStorage.removeItem(storeKey() + ':registration');
        for (var i = localStorage.length - 1; i >= 0; i--) {
          var k = localStorage.key(i);
          if (k.indexOf('coursec:') === 0) localStorage.removeItem(k);
        }
      } catch (e) { /* no storage */ }
      calls.length = 0;
      $('pv-calls').textContent = '';
      return launch();
    }); });
  }
  function fill(select, values, chosen) {
    values.forEach(function (v) { var o = make('option', v); o.value = v; select.appendChild(o); });
    select.value = chosen;
    select.addEventListener('change', choose);
  }

  getJSON('/_preview/info').then(function (i) {
    info = i;
    text($('pv-title'), i.title);
    document.title = i.title + ' - coursec preview';
    var q = new URLSearchParams(location.search);
    view.region = i.regions.indexOf(q.get('region')) >= 0 ? q.get('region') : i.region;
    view.target = i.targets.indexOf(q.get('target')) >= 0 ? q.get('target') : i.target;
    fill($('pv-region'), i.regions, view.region);
    fill($('pv-target'), i.targets, view.target);
    $('pv-relaunch').addEventListener('click', function () { serial(relaunch); });
    $('pv-reset').addEventListener('click', reset);
    $('pv-peek').addEventListener('click', function () { $('pv-overlay').hidden = true; });
    setInterval(showHere, 500);
    loadStored();
    var events = new EventSource('/_preview/events');
    events.onmessage = function (m) {
      var data = JSON.parse(m.data);
      if (data.statements !== undefined) { loadStatements(); return; }
      marks = { event: now(), received: Date.now() };
      serial(function () { return patchIn(data); });
      refresh();
    };
    return refresh();
  });
})();
