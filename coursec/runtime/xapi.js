/* coursec transport for the xapi target (and for a web page launched with the same parameters):
 * the TinCan launch convention. Query parameters: endpoint, auth (the Authorization header value,
 * kept in memory only), actor (JSON; TinCan's legacy array form is accepted), registration
 * (UUID), activity_id (default: the course's activity id). Statements, queue and State API resume
 * are lrs.js's. In the web package local.js (bundled before this file) has installed its own
 * transport unless endpoint and actor are present; this one installs itself otherwise.
 * In:  the window (create(win)). Out: the transport; agent(a) (the actor, one identifier).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).xapi = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var lrs = require('./lrs.js');
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  function first(v) { return Array.isArray(v) ? v[0] : v; }
  function agent(a) { // one inverse functional identifier, TinCan arrays flattened
    var out = { objectType: 'Agent' };
    if (a.name) out.name = first(a.name);
    if (a.account) {
      var acc = first(a.account);
      out.account = { homePage: acc.homePage || acc.accountServiceHomePage, name: acc.name || acc.accountName };
    } else if (a.mbox) out.mbox = first(a.mbox);
    else if (a.mbox_sha1sum) out.mbox_sha1sum = first(a.mbox_sha1sum);
    else if (a.openid) out.openid = first(a.openid);
    else return null;
    return out;
  }
  function create(win) {
    return lrs.makeTransport({
      launch: function (p, data) {
        if (!p.endpoint || !p.actor) return { notice: 'no_api' };
        var actor = null;
        try { actor = agent(JSON.parse(p.actor)); } catch (e) { actor = null; }
        if (!actor) return { notice: 'init_failed' };
        return {
          lrs: new lrs.Lrs(p.endpoint, p.auth || '', win),
          actor: actor,
          registration: UUID.test(p.registration || '') ? p.registration.toLowerCase() : undefined,
          activityId: p.activity_id || data.xapi.course.id,
          mode: 'normal'
        };
      }
    }, win);
  }
  return { create: create, agent: agent };
});
if (typeof window === 'object' && window.document && !window.coursecTransport) window.coursecTransport = window.coursec.xapi.create(window);
