/* coursec forms: a quiz's form in the page - read the learner's answer, put a stored one back,
 * lock it, show its feedback, shuffle its choices, move sequencing items.
 * In:  the document, cs-data limits (answer lengths), the UI strings and their formatter, cs-data
 *      numbers (the language's decimal sign); a quiz of cs-data with its form element (q.form).
 * Out: create(doc, limits, strings, fmt, numbers) -> {collect(q) (the response as the state stores it,
 *      or null), apply(q, r), reset(q), lock(q, on), isDone(q, entry), feedback(q, entry,
 *      withText) (withText: the verdict, the authored feedback, the marks and their counts,
 *      and with q.show the answer after the last try or the Show answer button), say(box,
 *      text, more), shuffle(q, seed), move(button) (-> the announcement text), mark(q, entry)
 *      (the per-choice marks of a stored [tries, response, result]: icon and word),
 *      reveal(q) (the correct answer in the form), focus(q) (on the feedback region, after an
 *      action), showAnswer(q, entry) (the Show answer button: the entry marked shown (its 4th
 *      item 1, which isDone and feedback honour on resume), revealed, locked, focus on the
 *      feedback; -> whether the entry changed), changed(form) (the answer changed: the marks and verdict of the last Check
 *      cleared, unless the quiz is locked; a sequencing move does it itself)}.
 * What differs per kind is the kind's module (kinds.js), given C = the DOM helpers, limits,
 * strings and C.num (a number written the language's way, messages.decimal). DOM only: grading, normalisation and orders come from the kinds and rng.js.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).forms = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var kinds = require('./kinds.js');
  var rng = require('./rng.js');
  var messages = require('./messages.js');

  function create(doc, L, S, fmt, numbers) {
    function $(sel, el) { return (el || doc).querySelector(sel); }
    function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
    function updateMoves(list) {
      var items = $$('[data-cs-item]', list);
      items.forEach(function (li, k) {
        $('[data-cs-move="up"]', li).disabled = k === 0 || li.hasAttribute('data-cs-locked');
        $('[data-cs-move="down"]', li).disabled = k === items.length - 1 || li.hasAttribute('data-cs-locked');
      });
    }
    // a mark in host (a label: it becomes part of the control's name) on el (a choice, a pair,
    // an item, an answer box): a glyph for the eye, the word for everyone (S.mark_<state>)
    function badge(host, el, state) {
      host = host || el;
      $$('.cs-mark', host).forEach(function (m) { m.remove(); });
      var m = doc.createElement('span'), glyph = doc.createElement('span'), word = doc.createElement('span');
      m.className = 'cs-mark';
      m.setAttribute('data-cs-mark', state);
      glyph.setAttribute('aria-hidden', 'true');
      glyph.textContent = state === 'incorrect' ? '\u2717' : '\u2713';
      word.className = 'cs-sr-only';
      word.textContent = S['mark_' + state];
      m.appendChild(glyph);
      m.appendChild(word);
      host.appendChild(m);
      el.setAttribute('data-cs-marked', state);
    }
    // a select's chosen text written out in full beside it ([data-cs-echo], hidden from screen
    // readers: they read the select): a closed select cuts a long text on a phone
    function echo(s) {
      var out = $('[data-cs-echo]', s.parentNode), text = '';
      if (!out) return;
      $$('option', s).forEach(function (o) { if (s.value && o.value === s.value) text = o.textContent; });
      out.textContent = text;
      out.hidden = !text;
    }
    // what the kind modules get: the DOM helpers and the limits and strings of the page
    var C = { doc: doc, $: $, $$: $$, L: L, S: S, fmt: fmt, moves: updateMoves, badge: badge, echo: echo,
      num: function (x) { return messages.decimal(x, numbers); } };
    function unmark(f) {
      $$('.cs-mark, [data-cs-shown]', f).forEach(function (m) { m.remove(); });
      $$('[data-cs-marked]', f).forEach(function (el) { el.removeAttribute('data-cs-marked'); });
    }
    // the answer of form f changed: the marks and the verdict of the last Check judged another
    // answer, so they go, as does "choose first" (the tries left stay true); a locked quiz
    // (done, reviewed) keeps them
    function changed(f) {
      if (f) $$('select', f).forEach(echo);
      if (!f || f.hasAttribute('data-cs-locked')) return;
      unmark(f);
      f.removeAttribute('data-cs-result');
      var box = $('[data-cs-feedback]', f);
      if (box) box.textContent = '';
    }
    // the marks of a stored entry [tries, response, result]: which choices, pairs, positions
    // or boxes are right or wrong -> the kind's counts {wrong, missed} or null
    function mark(q, e) {
      unmark(q.form);
      return e && e[1] !== null && kinds[q.kind] ? kinds[q.kind].mark(q, e[1], C) : null;
    }
    function reveal(q) {
      if (!kinds[q.kind]) return;
      kinds[q.kind].reveal(q, C);
      q.form.setAttribute('data-cs-revealed', '');
      var b = $('[data-cs-reveal]', q.form);
      if (b) b.hidden = true;
    }
    function focus(q) { var box = $('[data-cs-feedback]', q.form); box.tabIndex = -1; box.focus(); }
    function collect(q) { var k = kinds[q.kind]; return k ? k.collect(q, C) : null; }
    function apply(q, r) { if (r !== null && r !== undefined && kinds[q.kind]) kinds[q.kind].apply(q, r, C); }
    function lock(q, on) {
      var f = q.form;
      if (on) f.setAttribute('data-cs-locked', ''); else f.removeAttribute('data-cs-locked');
      $$('input, select, [data-cs-check]', f).forEach(function (x) { x.disabled = on; });
      $$('[data-cs-item]', f).forEach(function (li) {
        if (on) li.setAttribute('data-cs-locked', ''); else li.removeAttribute('data-cs-locked');
      });
      var list = $('[data-cs-seq]', f);
      if (list) updateMoves(list);
    }
    function reset(q) {
      var f = q.form;
      $$('input', f).forEach(function (x) { x.checked = false; });
      $$('[data-cs-answer]', f).forEach(function (x) { x.value = ''; });
      $$('select', f).forEach(function (x) { x.value = ''; echo(x); });
      f.removeAttribute('data-cs-result');
      f.removeAttribute('data-cs-revealed');
      unmark(f);
      $('[data-cs-feedback]', f).textContent = '';
      lock(q, false);
    }
    // an entry [tries, response, result, 1]: the learner pressed Show answer (kept on resume)
    function shown(q, e) { return !!q.show && e[3] === 1; }
    function isDone(q, e) { return !!e && (e[2] !== 0 || shown(q, e) || (q.attempts > 0 && e[0] >= q.attempts)); }
    function feedback(q, e, withText) {
      var f = q.form, box = $('[data-cs-feedback]', f), res = e[2];
      f.setAttribute('data-cs-result', res === 1 ? 'correct' : res === 0 ? 'incorrect' : 'answered');
      if (!withText) return;
      box.textContent = '';
      function add(key, cls) {
        var src = $('[data-cs-fb="' + key + '"]', f);
        if (!src) return false;
        var div = doc.createElement('div');
        div.className = cls;
        div.innerHTML = src.innerHTML;
        box.appendChild(div);
        return true;
      }
      // the author's correct/incorrect feedback is the verdict; the theme's words otherwise
      if (!add(res === 1 ? 'correct' : res === 0 ? 'incorrect' : 'none', 'cs-verdict cs-fb')) {
        var verdict = doc.createElement('p');
        verdict.className = 'cs-verdict';
        verdict.textContent = res === 1 ? S.correct : res === 0 ? S.incorrect : S.answered;
        box.appendChild(verdict);
      }
      if (e[1] !== null && kinds[q.kind]) kinds[q.kind].notes(q, e[1]).forEach(function (id) { add('c:' + id, 'cs-fb'); });
      var tries = $('[data-cs-tries]', f);
      if (tries && q.attempts > 0 && res === 0) {
        tries.textContent = e[0] >= q.attempts ? S.no_tries : fmt('tries_left', { n: q.attempts - e[0] });
      }
      var n = mark(q, e);
      if (res === 0 && n) {
        if (n.wrong) say(box, fmt('marked_wrong', { n: n.wrong }), true);
        if (n.missed) say(box, fmt('marked_missed', { n: n.missed }), true);
      }
      // :show-answer: after the last try; with unlimited tries, on the learner's asking
      var b = $('[data-cs-reveal]', f);
      if (b) b.hidden = !(q.show && res === 0 && !(q.attempts > 0));
      if (q.show && res === 0 && isDone(q, e)) { reveal(q); say(box, S.answer_shown, true); }
    }
    // Show answer pressed (unlimited tries): the answer shown, the quiz locked, and the entry
    // marked [tries, response, result, 1] so a resume shows it revealed (feedback above);
    // -> whether the entry changed (the caller saves the state)
    function showAnswer(q, e) {
      if (!q.show || !e) return false;
      e[3] = 1;
      feedback(q, e, true);
      lock(q, true);
      focus(q);
      return true;
    }
    function say(box, text, more) {
      if (!more) box.textContent = '';
      var p = doc.createElement('p');
      p.textContent = text;
      box.appendChild(p);
    }
    function shuffle(q, seed) { if (kinds[q.kind]) kinds[q.kind].shuffle(q, seed ^ rng.hash(q.id), C); }
    function move(btn) {
      var li = btn.closest('[data-cs-item]'), list = li.parentNode, up = btn.getAttribute('data-cs-move') === 'up';
      var other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other || li.hasAttribute('data-cs-locked')) return null;
      list.insertBefore(li, up ? other : other.nextElementSibling);
      updateMoves(list);
      changed(list.closest('form'));
      var items = $$('[data-cs-item]', list);
      if (btn.disabled) btn = $('[data-cs-move="' + (up ? 'down' : 'up') + '"]', li);
      btn.focus();
      return fmt('moved', { item: $('.cs-seq-text', li).textContent, n: items.indexOf(li) + 1, total: items.length });
    }
    return { collect: collect, apply: apply, reset: reset, lock: lock, isDone: isDone,
      feedback: feedback, say: say, shuffle: shuffle, move: move, mark: mark, reveal: reveal,
      focus: focus, showAnswer: showAnswer, changed: changed };
  }
  return { create: create };
});
