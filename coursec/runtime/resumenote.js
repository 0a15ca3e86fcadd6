/* coursec resumenote: the LMS comment a SCORM adapter writes when a launch migrated a saved
 * state from an earlier release, or could not use it (the player's restored event). Written
 * for the LMS administrator who reads the attempt's data (Moodle: the track details of the
 * attempt), in English like the data model itself; the learner sees the theme's resume_* lines.
 * In:  text({kept, actions}, max): codec.resume's actions ({do, question, page, scenario,
 *      assessment, from, to, why}); appended(old, line, max): the field's earlier text.
 * Out: one line, e.g. "coursec: saved progress migrated from an earlier release: question-reset
 *      goodwill-limit-check (answer key changed)", at most max characters (cut with '...');
 *      appended: old + '\n' + line, the oldest lines dropped first to stay within max.
 * Pure. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).resumenote = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function () {
  'use strict';
  function what(a) {
    var on = a.question || a.scenario || a.assessment || a.page || '';
    if (a.do === 'bookmark-moved') on = (a.from || '?') + ' -> ' + (a.to || '?');
    if (a.do === 'scenario-restarted' && a.result) on += ' (result ' + a.result + ')';
    return a.do + (on ? ' ' + on : '') + (a.why ? ' (' + a.why + ')' : '');
  }
  function cut(s, max) { return s.length <= max ? s : s.slice(0, Math.max(0, max - 3)) + '...'; }
  function text(r, max) {
    var acts = (r && r.actions) || [];
    var head = r && r.kept ? 'coursec: saved progress migrated from an earlier release: '
      : 'coursec: saved progress not used, the learner started again: ';
    var fresh = acts.filter(function (a) { return a.do === 'fresh'; });
    var body = r && r.kept ? acts.map(what).join('; ') : (fresh.length ? fresh[0].why : 'unknown state');
    return cut(head + body, max);
  }
  function appended(old, line, max) {
    var lines = (old ? String(old).split('\n') : []).concat([line]);
    while (lines.length > 1 && lines.join('\n').length > max) lines.shift();
    return cut(lines.join('\n'), max);
  }
  return { text: text, appended: appended };
});
