/* coursec transport for the cmi5 target: the AU side of a cmi5 launch.
 * Launch: endpoint, fetch, actor, registration, activityId from the URL; one POST to fetch
 * (before any other LRS call) for the auth token, used as 'Basic <token>'; then GET the
 * LMS.LaunchData state (never written) and the cmi5LearnerPreferences agent profile. LaunchData
 * wins over cmi5.xml: masteryScore, moveOn, launchMode, returnURL, contextTemplate (merged into
 * every statement, sessionid included; the statement queue belongs to that session). An AU of one
 * lesson (`au=<lesson-id>` in its URL, xapi.au: lesson) plays that lesson only. cmi5-defined
 * statements (initialized, completed, passed, failed, terminated) have the cmi5 category and
 * object.id = activityId; completed/passed/failed also the moveon category, passed/failed the
 * masteryscore extension (when LaunchData has a masteryScore). The cmi5 rules the LMS enforces
 * (9.3.0.0-2..-8): one passed or failed per session, completed and passed once per registration
 * (marked in the State document when the LRS acknowledged them), no failed after passed; none
 * of the three in Browse or Review mode. A 403 from the LMS refuses one statement (a cmi5 rule),
 * not the session. With a returnURL an Exit button (and exit(), the completion screen's Exit)
 * sends terminated, waits for the LRS (at most 8 s, also when it is down), then goes there.
 * In:  the window (create(win)). Out: the transport (lrs.js's, with the cmi5 profile).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).cmi5 = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var L = require('./lrs.js');
  var CAT = 'https://w3id.org/xapi/cmi5/context/categories/';
  var DEFINED = { initialized: 1, completed: 1, passed: 1, failed: 1, terminated: 1 };

  function create(win) {
  var launchMode = 'Normal', returnURL = '', activityId = '', T = null, data = null;
  var doc = win.document;

  T = L.makeTransport({
    launch: function (p, D) {
      if (!p.endpoint || !p.fetch || !p.actor || !p.registration || !p.activityId) return { notice: 'no_api' };
      var actor;
      try { actor = JSON.parse(p.actor); } catch (e) { return { notice: 'init_failed' }; }
      var lrs = new L.Lrs(p.endpoint, '', win);
      var token = lrs.sync('POST', p.fetch);
      if (token.status !== 200 || !token.body || !token.body['auth-token']) return { notice: 'init_failed' };
      lrs.auth = 'Basic ' + token.body['auth-token'];
      var agent = JSON.stringify(actor);
      var ld = lrs.sync('GET', 'activities/state?' + L.qs({ stateId: 'LMS.LaunchData',
        activityId: p.activityId, agent: agent, registration: p.registration }));
      if (ld.status !== 200 || !ld.body || typeof ld.body !== 'object') return { notice: 'init_failed' };
      var prefs = lrs.sync('GET', 'agents/profile?' + L.qs({ agent: agent, profileId: 'cmi5LearnerPreferences' }));
      var got = ld.body;
      data = D;
      launchMode = got.launchMode || 'Normal';
      var tpl = got.contextTemplate || {}, lesson;
      var session = (tpl.extensions || {})['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] || '';
      (D.lessons || []).forEach(function (l, i) { if (p.au && l.id === p.au) lesson = i; });
      returnURL = ld.body.returnURL || '';
      activityId = p.activityId;
      return {
        lrs: lrs, actor: actor, registration: p.registration, activityId: p.activityId,
        contextTemplate: tpl, moveOn: got.moveOn, session: String(session), lesson: lesson,
        masteryScore: typeof got.masteryScore === 'number' ? got.masteryScore : null,
        mode: launchMode === 'Review' ? 'review' : launchMode === 'Browse' ? 'browse' : 'normal',
        preferences: prefs.status === 200 ? prefs.body : null
      };
    },
    object: function () { return { objectType: 'Activity', id: activityId }; },
    context: function (verb, extra) {
      if (!DEFINED[verb]) return extra;
      var cats = [CAT + 'cmi5'];
      if (verb === 'completed' || verb === 'passed' || verb === 'failed') cats.push(CAT + 'moveon');
      var out = { category: cats };
      if (extra.extensions) out.extensions = extra.extensions;
      return out;
    },
    judged: function () { return launchMode === 'Normal'; },
    verdicts: 'cmi5',
    forbiddenIsRefusal: true
  }, win);

  function exitButton() {
    if (!returnURL || !T.lrsLaunch) return;
    var pager = doc.querySelector('[data-cs-nav="next"]');
    if (!pager) return;
    var btn = doc.createElement('button');
    btn.type = 'button';
    btn.className = 'cs-button';
    btn.setAttribute('data-cs-exit', '');
    btn.textContent = (data && data.strings && data.strings.exit) || 'Exit';
    btn.addEventListener('click', function () {
      btn.disabled = true;
      var c = win.coursec;
      if (c && c.state) T.saveState(JSON.stringify(c.state()));
      T.exit(c && c.evaluate ? c.evaluate() : null);
    });
    pager.parentNode.appendChild(btn);
  }
  // Exit (this button or the completion screen's): terminated acknowledged, then the returnURL
  var exit = T.exit;
  T.exit = function (ev, done) {
    exit(ev, function () { if (returnURL) win.location.href = returnURL; else if (done) done(); });
  };
  // the button needs the launch: add it once the player has called init (a timer set when this
  // file runs could fire before player.js runs, between deferred scripts)
  var init = T.init;
  T.init = function (opts) {
    var info = init(opts);
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', function () { win.setTimeout(exitButton, 0); });
    else win.setTimeout(exitButton, 0);
    return info;
  };
  return T;
  }
  return { create: create };
});
if (typeof window === 'object' && window.document && !window.coursecTransport) window.coursecTransport = window.coursec.cmi5.create(window);
