/* coursec statements: xAPI 1.0.3 statements built from the player's events (language maps and
 * context.language in the page's region; a cmi5 contextTemplate merged into every statement).
 * In:  the launch {actor, registration, contextTemplate}, cs-data (xapi: activity ids and
 *      definitions; verbs {IRI: display} and verbLang; scenarios, pages, lang) and the
 *      environment {uuid() -> a UUID, now() -> a Date}.
 * Out: new Statements(launch, data, env): verb(name), make(name, object, result, ctx) (a complete
 *      statement), activity(id, type, name, description), and from decoded records:
 *      answered(rec) / decision(rec) / ending(o) / page(index) -> {object, result, parent} or
 *      null; score(%) -> result.score; restored({kept, actions}) -> {result} of the 'resumed'
 *      statement (result.extensions[EXT + 'restored'] = {kept, actions}: what a launch kept of
 *      a state saved under an earlier release, codec.resume's actions). response(q, r, number,
 *      writing(data)): result.response.
 * Pure: ids and times come from env. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).statements = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var responses = require('./responses.js');
  var durations = require('./durations.js');
  var V = 'http://adlnet.gov/expapi/verbs/';
  var PROFILE = 'https://w3id.org/coursec/xapi/v1';
  var EXT = PROFILE + '/extensions/';
  var INTERACTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';
  /* how xAPI writes result.response (responses.js), from cs-data format and limits.text */
  function writing(data) {
    return { format: data.format, text: data.limits.text,
      number: function (n, raw) { return isFinite(n) ? String(n) : String(raw); } };
  }

  function Statements(launch, data, env) {
    var X = data.xapi;
    this.launch = launch;
    this.data = data;
    this.X = X;
    this.env = env;
    this.lang = X.lang || 'en';
    this.words = { lang: data.verbLang, verbs: data.verbs };
    this.template = launch.contextTemplate || null;
    this.target = writing(data);
  }
  Statements.prototype.verb = function (name) {
    var d = {}; d[this.words.lang] = this.words.verbs[V + name] || name;
    return { id: V + name, display: d };
  };
  Statements.prototype.make = function (name, object, result, ctx) {
    var l = this.launch, context = { language: this.lang, contextActivities: {} };
    if (l.registration) context.registration = l.registration;
    var ca = context.contextActivities;
    ca.grouping = [{ objectType: 'Activity', id: this.X.course.id }];
    ca.category = [{ objectType: 'Activity', id: PROFILE }];
    if (ctx && ctx.parent) ca.parent = [{ objectType: 'Activity', id: ctx.parent }];
    if (ctx && ctx.category) ca.category = ctx.category.map(function (id) { return { objectType: 'Activity', id: id }; });
    if (ctx && ctx.extensions) context.extensions = ctx.extensions;
    var t = this.template;
    if (t) { // cmi5 contextTemplate: everything in it goes into every statement
      var tca = t.contextActivities || {};
      Object.keys(tca).forEach(function (k) {
        var list = Array.isArray(tca[k]) ? tca[k] : [tca[k]];
        ca[k] = (list.concat(ca[k] || [])).filter(function (a, i, all) {
          for (var j = 0; j < i; j++) if (all[j].id === a.id) return false;
          return true;
        });
      });
      if (t.extensions) {
        context.extensions = context.extensions || {};
        Object.keys(t.extensions).forEach(function (k) { context.extensions[k] = t.extensions[k]; });
      }
      ['instructor', 'team', 'revision', 'platform', 'statement'].forEach(function (k) { if (t[k] !== undefined) context[k] = t[k]; });
    }
    var s = { id: this.env.uuid(), actor: l.actor, verb: this.verb(name), object: object, context: context,
      timestamp: this.env.now().toISOString() };
    if (result) s.result = result;
    return s;
  };
  Statements.prototype.activity = function (id, type, name, description) {
    var def = { type: type };
    if (name) def.name = name;
    if (description) def.description = description;
    return { objectType: 'Activity', id: id, definition: def };
  };
  Statements.prototype.score = function (score) {
    return { scaled: Math.round(score * 100) / 10000, raw: score, min: 0, max: 100 };
  };
  Statements.prototype.lessonOf = function (page) { return this.X.lessons[this.data.pages[page].l].id; };
  Statements.prototype.page = function (i) {
    var p = this.X.pages[i];
    return { object: this.activity(p.id, 'http://activitystrea.ms/schema/1.0/page', p.name), parent: this.lessonOf(i) };
  };
  function response(q, r, number, target) {
    return responses.response(q, r, number, target);
  }
  Statements.prototype.answered = function (rec) {
    var q = rec.q, x = this.X.quizzes[q.i];
    if (!x) return null;
    var result = { response: response(q, rec.response, rec.number, this.target), duration: durations.iso(rec.latency) };
    if (responses.weighted(q)) {
      var ok = rec.result === 'correct';
      result.success = ok;
      result.score = { scaled: ok ? 1 : 0, raw: ok ? q.points : 0, min: 0, max: q.points };
    }
    return { object: { objectType: 'Activity', id: x.id, definition: x.def }, result: result, parent: this.lessonOf(q.page) };
  };
  function named(sc, values) {
    var out = {};
    (sc.comps || []).forEach(function (name, j) { out[name] = (values || [])[j] || 0; });
    return out;
  }
  /* a scenario step: rec.scenario (index), rec.node (the node it was taken at), rec.scores */
  Statements.prototype.decision = function (rec) {
    var sc = (this.data.scenarios || [])[rec.scenario], lang = this.lang;
    var node = sc && sc.n[rec.node], c = node && node.c[rec.response], x = sc && this.X.scenarios[sc.id];
    if (!c || !x) return null;
    var ext = {};
    ext[EXT + 'competency-deltas'] = named(sc, c.d);
    ext[EXT + 'competency-scores'] = named(sc, rec.scores);
    var def = { type: INTERACTION, interactionType: 'choice', name: {}, description: {},
      choices: node.c.map(function (o) { var d = {}; d[lang] = o.t || o.id; return { id: o.id, description: d }; }) };
    def.name[lang] = (x.name[lang] || sc.id) + ': ' + node.id;
    def.description[lang] = (x.decisions && x.decisions[node.id]) || node.id;
    return { object: { objectType: 'Activity', id: x.id + '/' + node.id, definition: def },
      result: { response: c.id, duration: durations.iso(rec.latency || 0), extensions: ext }, parent: x.id };
  };
  /* a scenario's attempt that counts: ending {scenario, node, passed, scores, path} */
  Statements.prototype.ending = function (e) {
    var sc = this.data.scenarios[e.scenario], end = sc.n[e.node], x = this.X.scenarios[sc.id], ext = {};
    ext[EXT + 'competency-scores'] = named(sc, e.scores);
    ext[EXT + 'path'] = e.path;
    ext[EXT + 'ending'] = end.id;
    ext[EXT + 'outcome'] = end.e;
    var result = { completion: true, extensions: ext };
    if (sc.graded || end.e !== 'neutral') result.success = !!e.passed;
    return { object: this.activity(x.id, 'http://adlnet.gov/expapi/activities/simulation', x.name), result: result,
      parent: this.lessonOf(sc.page) };
  };
  /* the learner came back to a state saved under an earlier release, or to one that could not
   * be used: what was kept and what was reset (see docs/releases.md) */
  Statements.prototype.restored = function (r) {
    var ext = {};
    ext[EXT + 'restored'] = { kept: !!r.kept, actions: r.actions || [] };
    return { result: { extensions: ext } };
  };
  return { Statements: Statements, response: response, writing: writing, PROFILE: PROFILE };
});
