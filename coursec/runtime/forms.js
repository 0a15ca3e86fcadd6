/* coursec forms: a quiz's form in the page - read the learner's answer, put a stored one back,
 * lock it, show its feedback, shuffle its choices, move sequencing items.
 * In:  the document, cs-data limits (answer lengths), the UI strings and their formatter; a
 *      quiz of cs-data with its form element (q.form).
 * Out: create(doc, limits, strings, fmt) -> {collect(q) (the response as the state stores it,
 *      or null), apply(q, r), reset(q), lock(q, on), isDone(q, entry), feedback(q, entry,
 *      withText), say(box, text), shuffle(q, seed), move(button) (-> the announcement text)}.
 * DOM only: grading, normalisation and orders come from answers.js and rng.js.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).forms = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var answers = require('./answers.js');
  var rng = require('./rng.js');

  function create(doc, L, S, fmt) {
    function $(sel, el) { return (el || doc).querySelector(sel); }
    function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
    function choiceInputs(q) { return $$('input[name="' + q.id + '"]', q.form); }
    function collect(q) {
      var f = q.form, inputs, out;
      switch (q.kind) {
        case 'single': case 'true-false': case 'likert':
          inputs = choiceInputs(q).filter(function (x) { return x.checked; });
          return inputs.length ? q.choices.indexOf(inputs[0].value) : null;
        case 'multiple':
          out = [];
          choiceInputs(q).forEach(function (x) { if (x.checked) out.push(q.choices.indexOf(x.value)); });
          out.sort(function (a, b) { return a - b; });
          return out.length ? out : null;
        case 'fill-in': return answers.fillIn($('[data-cs-answer]', f).value, L.fill);
        case 'numeric': return answers.numericText($('[data-cs-answer]', f).value, L.num);
        case 'matching':
          out = q.pairs.map(function (p) {
            var sel = $('select[data-cs-pair="' + p + '"]', f);
            return sel && sel.value ? q.pairs.indexOf(sel.value) : -1;
          });
          return out.some(function (x) { return x >= 0; }) ? out : null;
        case 'sequencing':
          return $$('[data-cs-item]', f).map(function (li) { return q.choices.indexOf(li.getAttribute('data-cs-item')); });
      }
      return null;
    }
    function updateMoves(list) {
      var items = $$('[data-cs-item]', list);
      items.forEach(function (li, k) {
        $('[data-cs-move="up"]', li).disabled = k === 0 || li.hasAttribute('data-cs-locked');
        $('[data-cs-move="down"]', li).disabled = k === items.length - 1 || li.hasAttribute('data-cs-locked');
      });
    }
    function orderSequence(q, order) {
      var list = $('[data-cs-seq]', q.form), items = {};
      $$('[data-cs-item]', list).forEach(function (li) { items[li.getAttribute('data-cs-item')] = li; });
      order.forEach(function (i) { if (items[q.choices[i]]) list.appendChild(items[q.choices[i]]); });
      updateMoves(list);
    }
    function apply(q, r) {
      var f = q.form;
      if (r === null || r === undefined) return;
      switch (q.kind) {
        case 'single': case 'true-false': case 'likert': case 'multiple':
          var chosen = Array.isArray(r) ? r : [r];
          choiceInputs(q).forEach(function (x) { x.checked = chosen.indexOf(q.choices.indexOf(x.value)) >= 0; });
          break;
        case 'fill-in': case 'numeric': $('[data-cs-answer]', f).value = r; break;
        case 'matching':
          q.pairs.forEach(function (p, i) {
            var sel = $('select[data-cs-pair="' + p + '"]', f);
            if (sel) sel.value = r[i] >= 0 ? q.pairs[r[i]] : '';
          });
          break;
        case 'sequencing': orderSequence(q, r); break;
      }
    }
    function lock(q, on) {
      var f = q.form;
      $$('input, select, [data-cs-check]', f).forEach(function (x) { x.disabled = on; });
      $$('[data-cs-item]', f).forEach(function (li) {
        if (on) li.setAttribute('data-cs-locked', ''); else li.removeAttribute('data-cs-locked');
      });
      var list = $('[data-cs-seq]', f);
      if (list) updateMoves(list);
    }
    function reset(q) {
      var f = q.form;
      choiceInputs(q).forEach(function (x) { x.checked = false; });
      $$('[data-cs-answer]', f).forEach(function (x) { x.value = ''; });
      $$('select', f).forEach(function (x) { x.value = ''; });
      f.removeAttribute('data-cs-result');
      $('[data-cs-feedback]', f).textContent = '';
      lock(q, false);
    }
    function isDone(q, e) { return !!e && (e[2] !== 0 || (q.attempts > 0 && e[0] >= q.attempts)); }
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
      if (q.choices && e[1] !== null && (q.kind !== 'sequencing')) {
        (Array.isArray(e[1]) ? e[1] : [e[1]]).forEach(function (i) { add('c:' + q.choices[i], 'cs-fb'); });
      }
      var tries = $('[data-cs-tries]', f);
      if (tries && q.attempts > 0 && res === 0) {
        tries.textContent = e[0] >= q.attempts ? S.no_tries : fmt('tries_left', { n: q.attempts - e[0] });
      }
    }
    function say(box, text) { box.textContent = ''; var p = doc.createElement('p'); p.textContent = text; box.appendChild(p); }
    function shuffle(q, seed) {
      var box = q.form && $('[data-cs-choices]', q.form);
      var s = seed ^ rng.hash(q.id);
      if (q.kind === 'sequencing') { orderSequence(q, rng.sequenceStart(q.choices.length, s)); return; }
      if (!q.shuffle) return;
      if (box) {
        var nodes = {};
        $$('[data-cs-choice]', box).forEach(function (n) { nodes[n.getAttribute('data-cs-choice')] = n; });
        rng.permutation(q.choices.length, s).forEach(function (i) { box.appendChild(nodes[q.choices[i]]); });
      } else if (q.kind === 'matching') {
        var rows = $$('.cs-pair', q.form), parent = rows.length && rows[0].parentNode;
        rng.permutation(rows.length, s).forEach(function (i) { parent.appendChild(rows[i]); });
      }
    }
    function move(btn) {
      var li = btn.closest('[data-cs-item]'), list = li.parentNode, up = btn.getAttribute('data-cs-move') === 'up';
      var other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other || li.hasAttribute('data-cs-locked')) return null;
      list.insertBefore(li, up ? other : other.nextElementSibling);
      updateMoves(list);
      var items = $$('[data-cs-item]', list);
      if (btn.disabled) btn = $('[data-cs-move="' + (up ? 'down' : 'up') + '"]', li);
      btn.focus();
      return fmt('moved', { item: $('.cs-seq-text', li).textContent, n: items.indexOf(li) + 1, total: items.length });
    }
    return { collect: collect, apply: apply, reset: reset, lock: lock, isDone: isDone,
      mark: function () {}, reveal: function () {},
      feedback: feedback, say: say, shuffle: shuffle, move: move };
  }
  return { create: create };
});
