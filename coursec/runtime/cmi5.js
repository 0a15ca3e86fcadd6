/* coursec transport for the cmi5 target: the AU side of a cmi5 launch.
 * Launch: endpoint, fetch, actor, registration, activityId from the URL; one POST to fetch
 * (before any other LRS call) for the auth token, used as 'Basic <token>'; then GET the
 * LMS.LaunchData state (never written) and the cmi5LearnerPreferences agent profile. LaunchData
 * wins over cmi5.xml: masteryScore, moveOn, launchMode, returnURL, contextTemplate (merged into
 * every statement, sessionid included). cmi5-defined statements (initialized, completed, passed,
 * failed, terminated) have the cmi5 category and object.id = activityId; completed/passed/failed
 * also the moveon category, passed/failed the masteryscore extension; at most one completed and
 * one passed per registration (remembered in the state document), one failed per session, none
 * of the three in Browse or Review mode. With a returnURL an Exit button sends terminated, waits
 * for the LRS to acknowledge everything, then goes there.
 */
(function () {
  'use strict';
  var L = window.coursecLRS;
  var CAT = 'https://w3id.org/xapi/cmi5/context/categories/';
  var DEFINED = { initialized: 1, completed: 1, passed: 1, failed: 1, terminated: 1 };
  var launchMode = 'Normal', returnURL = '', activityId = '', T = null;

  T = L.makeTransport({
    launch: function (p) {
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
      returnURL = data.returnURL || '';
      activityId = p.activityId;
      return {
        lrs: lrs, actor: actor, registration: p.registration, activityId: p.activityId,
        contextTemplate: data.contextTemplate || {}, moveOn: data.moveOn,
        masteryScore: typeof data.masteryScore === 'number' ? data.masteryScore : null,
        mode: launchMode === 'Review' ? 'review' : 'normal',
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
    oncePerSession: true
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
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { setTimeout(exitButton, 0); });
  else setTimeout(exitButton, 0);
})();
