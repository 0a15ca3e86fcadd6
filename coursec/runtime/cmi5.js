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
 * not the session. With a returnURL an Exit button sends terminated, waits for the LRS (at most
 * 8 s, also when it is down), then goes there.
 */
(function () {
  'use strict';
  var L = window.coursecLRS;
  var CAT = 'https://w3id.org/xapi/cmi5/context/categories/';
  var DEFINED = { initialized: 1, completed: 1, passed: 1, failed: 1, terminated: 1 };
  var launchMode = 'Normal', returnURL = '', activityId = '', T = null;

  T = L.makeTransport({
    launch: function (p, D) {
      if (!p.endpoint || !p.fetch || !p.actor || !p.registration || !p.activityId) return { notice: 'no_api' };
      var actor;
      try { actor = JSON.parse(p.actor); } catch (e) { return { notice: 'init_failed' }; }
      var lrs = new L.Lrs(p.endpoint, '');
      var token = lrs.sync('POST', p.fetch);
      if (token.status !== 200 || !token.body || !token.body['auth-token']) return { notice: 'init_failed' };
      lrs.auth = 'Basic ' + token.body['auth-token'];
      var agent = JSON.stringify(actor);
      var ld = lrs.sync('GET', 'activities/state?' + L.qs({ stateId: 'LMS.LaunchData',
        activityId: p.activityId, agent: agent, registration: p.registration }));
      if (ld.status !== 200 || !ld.body || typeof ld.body !== 'object') return { notice: 'init_failed' };
      var prefs = lrs.sync('GET', 'agents/profile?' + L.qs({ agent: agent, profileId: 'cmi5LearnerPreferences' }));
      var data = ld.body;
      launchMode = data.launchMode || 'Normal';
      var tpl = data.contextTemplate || {}, lesson;
      var session = (tpl.extensions || {})['https://w3id.org/xapi/cmi5/context/extensions/sessionid'] || '';
      (D.lessons || []).forEach(function (l, i) { if (p.au && l.id === p.au) lesson = i; });
      returnURL = data.returnURL || '';
      activityId = p.activityId;
      return {
        lrs: lrs, actor: actor, registration: p.registration, activityId: p.activityId,
        contextTemplate: tpl, moveOn: data.moveOn, session: String(session), lesson: lesson,
        masteryScore: typeof data.masteryScore === 'number' ? data.masteryScore : null,
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
  });
  window.coursecTransport = T;

  function exitButton() {
    if (!returnURL || !T.lrsLaunch) return;
    var pager = document.querySelector('[data-cs-nav="next"]');
    if (!pager) return;
    var D = JSON.parse(document.getElementById('cs-data').textContent);
    var btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'cs-button';
    btn.setAttribute('data-cs-exit', '');
    btn.textContent = (D.strings && D.strings.exit) || 'Exit';
    btn.addEventListener('click', function () {
      btn.disabled = true;
      var c = window.coursec;
      if (c && c.state) T.saveState(JSON.stringify(c.state()));
      if (c && c.status) T.report(statusEvent(c.status()));
      T.terminate(null, function () { window.location.href = returnURL; });
    });
    pager.parentNode.appendChild(btn);
  }
  function statusEvent(s) {
    return { completed: s.completion === 'completed', success: s.success, score: s.score };
  }
  // the button needs the launch: add it once the player has called init (a timer set when this
  // file runs could fire before player.js runs, between deferred scripts)
  var init = T.init;
  T.init = function (opts) {
    var info = init(opts);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { setTimeout(exitButton, 0); });
    else setTimeout(exitButton, 0);
    return info;
  };
})();
