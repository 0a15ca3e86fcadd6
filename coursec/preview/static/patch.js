/*
 * coursec preview: patches changed pages into the live course page, the SCO still running.
 * In:  the course frame's window (same origin as the panel; hook.js holds the player's cs-data
 *      object in it) and a patch of a live-reload event (coursec/preview/repaint.py:
 *      {from, to, pages: [{key, index, html}], texts: {quiz index: new text}, xapi: {quiz
 *      index: its new cs-data xapi.quizzes entry}}).
 * Out: window.coursecPatch.apply(win, patch) -> '' once patched, else why it was not (the
 *      panel then relaunches the SCO as before). A patched page section keeps its element (the
 *      player holds it) and so its hidden state; a quiz form keeps its element (cs-data's
 *      quiz.form) and gets the new content; the quizzes are re-bound with the runtime's own
 *      forms.js as the player does at launch: shuffled with the attempt's seed, the learner's
 *      stored answer applied with its feedback and lock (an answer not checked yet is put back),
 *      hints left open stay open; the question texts are set in cs-data; focus and scroll come
 *      back. Nothing is sent to the LMS.
 */
(function () {
  'use strict';
  function sel(value) { return '"' + String(value).replace(/["\\]/g, '\\$&') + '"'; }

  function whereFocus(doc, sections) { // the focused element inside a patched page, as a path
    var el = doc.activeElement;
    for (var k = 0; k < sections.length; k++) {
      if (!el || !sections[k].contains(el) || el === sections[k]) continue;
      var path = [];
      for (var n = el; n !== sections[k]; n = n.parentElement) {
        path.unshift(Array.prototype.indexOf.call(n.parentElement.children, n));
      }
      return { section: k, id: el.id, path: path };
    }
    return null;
  }
  function refocus(doc, sections, at) {
    if (!at) return;
    var el = at.id ? doc.getElementById(at.id) : null;
    if (!el) {
      el = sections[at.section];
      for (var i = 0; el && i < at.path.length; i++) el = el.children[at.path[i]];
    }
    if (el && typeof el.focus === 'function') el.focus({ preventScroll: true });
  }

  function swap(doc, section, html, quizzes) {
    var range = doc.createRange();
    range.selectNodeContents(section);
    var fresh = range.createContextualFragment(html);
    quizzes.forEach(function (q) { // the player's form element stays, with the new content
      var old = q.form, form = fresh.querySelector('form[data-cs-quiz=' + sel(q.id) + ']');
      if (!old || !form) return;
      while (old.attributes.length) old.removeAttribute(old.attributes[0].name);
      Array.prototype.forEach.call(form.attributes, function (a) { old.setAttribute(a.name, a.value); });
      old.replaceChildren.apply(old, Array.prototype.slice.call(form.childNodes));
      form.parentNode.replaceChild(old, form);
    });
    section.replaceChildren(fresh);
  }

  function rebind(F, q, st, review, draft) { // as player.js does at launch
    F.shuffle(q, st.r);
    var e = st.q[q.i];
    if (review) F.lock(q, true);
    if (q.inA) return;
    if (e) { F.apply(q, e[1]); F.feedback(q, e, true); } else if (draft !== null) F.apply(q, draft);
    if (review || F.isDone(q, e)) F.lock(q, true);
  }

  function setTexts(doc, D, texts, defs) { // in the player's cs-data object and in the page's
    var keys = Object.keys(texts || {}), xkeys = Object.keys(defs || {});
    if (!keys.length && !xkeys.length) return;
    var el = doc.getElementById('cs-data'), data = JSON.parse(el.textContent);
    [D, data].forEach(function (d) {
      keys.forEach(function (i) { if (d.quizzes[+i]) d.quizzes[+i].text = texts[i]; });
      xkeys.forEach(function (i) { if (d.xapi && d.xapi.quizzes[+i]) d.xapi.quizzes[+i] = defs[i]; });
    });
    el.textContent = JSON.stringify(data);
  }

  function apply(win, patch) {
    var doc, c, D;
    try { doc = win.document; c = win.coursec; D = win.coursecPreview && win.coursecPreview.data; }
    catch (e) { return 'the course frame cannot be reached'; }
    if (!D || !c || !c.forms || !c.codec || !c.messages || typeof c.state !== 'function') {
      return 'the course page has not started';
    }
    var all = doc.querySelectorAll('[data-cs-page]'), sections = [];
    for (var k = 0; k < patch.pages.length; k++) {
      var p = patch.pages[k], s = all[p.index];
      if (!s || s.getAttribute('data-cs-page') !== p.key) return 'page ' + p.key + ' is not in the course page';
      sections.push(s);
    }
    var st = c.codec.resume(JSON.stringify(c.state()), D, all.length).state;
    if (!st) return 'the learner state could not be read';
    var S = D.strings || {}, review = doc.documentElement.classList.contains('cs-review');
    var fmt = c.messages.format(S, win.Intl && win.Intl.PluralRules ? new win.Intl.PluralRules(D.lang) : null);
    var F = c.forms.create(doc, D.limits, S, fmt);
    var focus = whereFocus(doc, sections), x = win.scrollX, y = win.scrollY;
    patch.pages.forEach(function (p, k) {
      var section = sections[k];
      var quizzes = D.quizzes.filter(function (q) { return q.page === p.index && q.form; });
      var drafts = quizzes.map(function (q) { return F.collect(q); });
      var open = Array.prototype.map.call(section.querySelectorAll('[data-cs-hint-toggle][aria-expanded="true"]'),
        function (b) { return b.getAttribute('aria-controls'); });
      swap(doc, section, p.html, quizzes);
      quizzes.forEach(function (q, i) { rebind(F, q, st, review, drafts[i]); });
      open.forEach(function (id) {
        var b = section.querySelector('[data-cs-hint-toggle][aria-controls=' + sel(id) + ']'), hint = doc.getElementById(id);
        if (!b || !hint) return;
        hint.hidden = false;
        b.setAttribute('aria-expanded', 'true');
        b.textContent = S.hint_hide;
      });
    });
    setTexts(doc, D, patch.texts, patch.xapi);
    if (c.layout && c.layout.boxes) c.layout.boxes(doc);
    refocus(doc, sections, focus);
    win.scrollTo(x, y);
    return '';
  }

  /* resolves with Date.now() once the frame has painted what changed: the next frame's
   * animation callback runs before its paint, a message posted there is handled after it */
  function painted(win) {
    return new Promise(function (resolve) {
      win.requestAnimationFrame(function () {
        var channel = new win.MessageChannel();
        channel.port1.onmessage = function () { resolve(Date.now()); };
        channel.port2.postMessage(0);
      });
    });
  }

  window.coursecPatch = { apply: apply, painted: painted };
})();
