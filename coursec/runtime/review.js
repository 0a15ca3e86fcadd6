/* coursec review: the results screen of a submitted assessment attempt - the score written the
 * course language's way, passed or not against the pass mark, and each question marked right or
 * wrong, with (review full) the authored feedback, the marks per choice and the correct answer.
 * In:  the document and P = {forms (forms.js), strings (cs-data UI strings), fmt, lang (the
 *      course language), numbers (cs-data number signs, when Intl is missing)}.
 * Out: create(doc, P) -> {summary(box, a, threshold) (box: the [data-cs-score] element; a: the
 *      state's assessment record), show(q, slot, entry, mode) (mode 'full' | 'correctness'),
 *      hide(slot)}. DOM only: the grades are in the entries ([tries, response, result]).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require);
  else (root.coursec = root.coursec || {}).review = factory(function (dep) {
    return root.coursec[dep.replace('./', '').replace('.js', '')]; });
})(this, function (require) {
  'use strict';
  var messages = require('./messages.js');

  function create(doc, P) {
    var F = P.forms, S = P.strings || {}, fmt = P.fmt;
    function pct(x) { return messages.percent(x, P.lang, P.numbers); }
    function line(box, cls, text) {
      var span = doc.createElement('span');
      span.className = cls;
      span.textContent = text;
      box.appendChild(span);
      return span;
    }
    function summary(box, a, threshold) {
      box.textContent = '';
      line(box, 'cs-score-value', fmt('exam_score', { score: pct(a.l >= 0 ? a.l : a.b) }));
      line(box, 'cs-score-verdict', a.p ? S.passed : S.failed);
      if (threshold !== null) line(box, 'cs-score-pass', fmt('exam_pass', { pass: pct(threshold) }));
      box.setAttribute('data-cs-passed', a.p ? 'true' : 'false');
    }
    function show(q, slot, e, mode) {
      var mark = slot.querySelector('[data-cs-review-mark]');
      e = e || [1, null, 0];
      var verdict = e[1] === null ? 'unanswered' : e[2] === 1 ? 'right' : e[2] === 0 ? 'wrong' : null;
      if (mark) {
        mark.textContent = '';
        mark.hidden = verdict === null;
        if (verdict) {
          mark.setAttribute('data-cs-verdict', verdict);
          line(mark, 'cs-mark-icon', verdict === 'right' ? '\u2713' : verdict === 'wrong' ? '\u2717' : '\u2013')
            .setAttribute('aria-hidden', 'true');
          line(mark, 'cs-mark-text', S['exam_' + verdict]);
        }
      }
      if (mode === 'full') {
        F.feedback(q, e, true);
        F.mark(q, e);
        F.reveal(q);
      } else {
        F.feedback(q, e, false);
      }
    }
    function hide(slot) {
      var mark = slot.querySelector('[data-cs-review-mark]');
      if (mark) { mark.hidden = true; mark.textContent = ''; }
    }
    return { summary: summary, show: show, hide: hide };
  }
  return { create: create };
});
