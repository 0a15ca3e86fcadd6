/* coursec completion: the screen after the last page - the course's status, the assessment
 * score, each scenario's outcome (graded: passed or not; practice: completed, never pass or
 * fail), what remains (links to the pages not visited, the assessment not submitted, graded
 * scenarios without an ending), a note that progress stays in this browser when the transport
 * says so, and the Exit button.
 * In:  the document and P = {data (cs-data: strings, numbers, pages, scenarios), fmt (messages),
 *      evaluate() (progress.evaluate plus attemptOpen), state() (the decoded state), scope(),
 *      entries() (the scenarios' machine entries), threshold() (mastery % or null), title(k)
 *      (page k's heading), note() (a string key to show, e.g. 'local', or ''), exit(done) (the
 *      player ends the session; done() once the transport has)}.
 * Out: create(doc, P) -> {show() (hides the pages and Next, fills the screen, returns {section,
 *      heading}), hide() (Next back), shown()}; the menu's entry for the screen
 *      ([data-cs-finish-entry], hidden in the markup) is shown, and is the current entry while
 *      the screen is. Clicks on its links are the player's (a[href^="#"] to a page key, the menu
 *      entry's data-cs-finish); Exit is handled here: the button is disabled, then the exited
 *      line is shown and scrolled into view. Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).completion = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var messages = require('./messages.js');
  var progress = require('./progress.js');

  function create(doc, P) {
    var D = P.data, S = D.strings || {}, fmt = P.fmt;
    var pager = doc.querySelector('.cs-pager'), host = pager ? pager.parentNode : doc.body;
    var prev = doc.querySelector('[data-cs-nav="prev"]'), next = doc.querySelector('[data-cs-nav="next"]');
    var sec = doc.createElement('section');
    sec.className = 'cs-page cs-done';
    sec.setAttribute('id', 'cs-done');
    sec.setAttribute('data-cs-completion', '');
    sec.setAttribute('aria-labelledby', 'cs-done-h');
    sec.hidden = true;
    host.insertBefore(sec, pager || null);
    var heading = null, exitBtn = null, said = null, ended = false;
    // the menu's entry for this screen (the template hides it: without this script there is none)
    var entry = doc.querySelector('[data-cs-finish-entry]'), link = entry && entry.querySelector('a');
    if (entry) entry.hidden = false;

    function add(parent, tag, text, cls) {
      var el = parent.appendChild(doc.createElement(tag));
      if (text !== undefined) el.textContent = text;
      if (cls) el.className = cls;
      return el;
    }
    /* "{title}: {status}" as the language writes it, the title a link to its page */
    function item(list, k, status) {
      var li = add(list, 'li'), parts = fmt('done_item', { title: '\u0000', status: status }).split('\u0000');
      if (parts[0]) add(li, 'span', parts[0]);
      var a = add(li, 'a', P.title(k));
      a.setAttribute('href', '#' + D.pages[k].k);
      if (parts[1]) add(li, 'span', parts[1]);
      return li;
    }
    function verdict(ev) {
      if (!ev.completed) return S.done_incomplete;
      return ev.success === 'passed' ? S.done_passed : ev.success === 'failed' ? S.done_failed : S.done_complete;
    }
    function scenarios(scope) {
      var list = null, entries = P.entries() || [];
      (D.scenarios || []).forEach(function (sc, i) {
        if (sc.page < scope.lo || sc.page > scope.hi) return;
        if (!list) { add(sec, 'h3', S.done_scenarios); list = add(sec, 'ul', undefined, 'cs-done-list'); }
        var x = entries[i], r = x && x.result, status;
        if (!sc.graded) status = x && x.attempts > 0 ? S.done_sc_practice : S.done_sc_open;
        else status = !r ? S.done_sc_open : r.passed ? S.done_sc_passed : S.done_sc_failed;
        item(list, sc.page, status).setAttribute('data-cs-done-scenario', sc.id);
      });
    }
    function show() {
      var ev = P.evaluate(), st = P.state(), scope = P.scope(), A = D.assessment;
      sec.textContent = '';
      heading = add(sec, 'h2', S.done_title, 'cs-page-title');
      heading.setAttribute('id', 'cs-done-h');
      heading.setAttribute('tabindex', '-1');
      heading.setAttribute('data-cs-heading', '');
      add(sec, 'p', verdict(ev), 'cs-done-status').setAttribute('data-cs-done-status', ev.completed ? ev.success : 'incomplete');
      if (A && st.a.b >= 0 && (scope.lesson === null || A.lesson === scope.lesson)) {
        add(sec, 'h3', S.done_assessment);
        var t = P.threshold();
        var line = fmt('exam_score', { score: messages.percent(st.a.b, D.lang, D.numbers) });
        if (t !== null) line += ' ' + fmt('exam_pass', { pass: messages.percent(t, D.lang, D.numbers) });
        add(sec, 'p', line).setAttribute('data-cs-done-score', String(st.a.b));
      }
      scenarios(scope);
      var todo = progress.remaining(D, st, scope, P.entries() || []);
      if (todo.length) {
        add(sec, 'h3', S.done_todo);
        var list = add(sec, 'ul', undefined, 'cs-done-list');
        todo.forEach(function (t) { item(list, t.page, S['done_todo_' + t.why]).setAttribute('data-cs-todo', t.why); });
      }
      var note = P.note();
      if (note && S[note]) add(sec, 'p', S[note], 'cs-note');
      var row = add(sec, 'p', undefined, 'cs-done-actions');
      exitBtn = add(row, 'button', S.exit, 'cs-button cs-primary');
      exitBtn.type = 'button';
      exitBtn.setAttribute('data-cs-exit', '');
      exitBtn.disabled = ended;
      said = add(sec, 'p', ended ? S.exited : '', 'cs-done-said');
      said.setAttribute('role', 'status');
      said.setAttribute('data-cs-exited', '');
      said.setAttribute('tabindex', '-1');
      Array.prototype.forEach.call(doc.querySelectorAll('[data-cs-page]'), function (p) { p.hidden = true; });
      if (prev) prev.disabled = false;
      if (next) next.hidden = true;
      sec.hidden = false;
      if (link) link.setAttribute('aria-current', 'page');
      return { section: sec, heading: heading };
    }
    sec.addEventListener('click', function (ev) {
      var t = ev.target.closest ? ev.target.closest('[data-cs-exit]') : null;
      if (!t || ended) return;
      ended = true;
      t.disabled = true;
      if (said) said.focus(); // the button is disabled: focus stays on the screen, not <body>
      P.exit(function () {
        if (!said) return;
        said.textContent = S.exited;
        said.scrollIntoView({ block: 'nearest' }); // on a phone the line is below the fold
      });
    });
    return {
      show: show,
      hide: function () { sec.hidden = true; if (next) next.hidden = false; if (link) link.removeAttribute('aria-current'); },
      shown: function () { return !sec.hidden; }
    };
  }
  return { create: create };
});
