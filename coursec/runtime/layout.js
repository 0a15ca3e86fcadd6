/* coursec layout: what the page does around the content on every screen size - the menu drawer,
 * the per-lesson progress in the menu, the scroll boxes of wide content, and where a page turn
 * puts focus, the viewport and document.title. The look is in coursec.css; this only sets
 * attributes and focus.
 * In:  the document (the template's [data-cs-menu-toggle] button, the #cs-toc nav, the page
 *      sections, the header's [data-cs-progress] bar and [data-cs-progress-text]), the window
 *      (matchMedia, scrolling), the course data (lessons: first/last), the message formatter.
 * Out: create(doc, win, data, fmt) -> { progress(seen, at, scope), turn(section, heading) }:
 *      progress() marks the current page (at; -1: none, the completion screen) and the visited
 *      ones in the menu, writes "2 of 5 pages" beside each lesson (lesson_pages, plural by the
 *      lesson's page count), and sets the bar and its text to one measure, the scope's pages
 *      viewed (pages_viewed) - never a position, so they cannot disagree; turn() focuses the new page's heading without scrolling, brings the page to the
 *      top of the viewport (animated only when the learner allows motion), closes the drawer and
 *      sets document.title to "<page title> - <course title>". Nothing is reported.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else (root.coursec = root.coursec || {}).layout = factory();
})(this, function () {
  'use strict';

  /* wide content scrolls inside its own box: a box that can scroll is focusable (keyboard
   * users scroll it with the arrow keys) and named by its caption or the page's heading */
  function boxes(doc) {
    var wide = doc.querySelectorAll('.cs-prose table, .cs-prose pre');
    Array.prototype.forEach.call(wide, function (el, n) {
      if (el.parentNode && el.parentNode.classList && el.parentNode.classList.contains('cs-scroll')) return;
      var box = doc.createElement('div');
      box.className = 'cs-scroll';
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      var cap = el.tagName === 'TABLE' ? el.querySelector('caption') : null;
      var section = el.closest ? el.closest('[data-cs-page]') : null;
      var h = section ? section.querySelector('[data-cs-heading]') : null;
      if (cap) { if (!cap.id) cap.id = 'cs-cap-' + n; box.setAttribute('aria-labelledby', cap.id); }
      else if (h) box.setAttribute('aria-labelledby', h.id);
      el.parentNode.insertBefore(box, el);
      box.appendChild(el);
    });
  }

  function create(doc, win, data, fmt) {
    var toggle = doc.querySelector('[data-cs-menu-toggle]');
    var toc = doc.getElementById('cs-toc');
    var counts = Array.prototype.slice.call(doc.querySelectorAll('[data-cs-lesson-progress]'));
    var courseTitle = data.course && data.course.title ? data.course.title : doc.title;
    function motion() {
      return !(win.matchMedia && win.matchMedia('(prefers-reduced-motion: reduce)').matches);
    }
    function setOpen(open) {
      if (!toggle || !toc) return;
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open) toc.classList.add('cs-toc--open'); else toc.classList.remove('cs-toc--open');
    }
    function isOpen() { return !!toggle && toggle.getAttribute('aria-expanded') === 'true'; }
    if (toggle && toc) {
      setOpen(false);
      toggle.addEventListener('click', function () {
        var open = !isOpen();
        setOpen(open);
        if (open) {
          var here = toc.querySelector('a[aria-current="page"]') || toc.querySelector('a');
          if (here) here.focus();
        }
      });
      doc.addEventListener('keydown', function (ev) {
        if ((ev.key === 'Escape' || ev.key === 'Esc') && isOpen()) {
          setOpen(false);
          toggle.focus();
        }
      });
    }
    boxes(doc);

    var links = Array.prototype.slice.call(doc.querySelectorAll('[data-cs-toc]'));
    var bar = doc.querySelector('[data-cs-progress]'), text = doc.querySelector('[data-cs-progress-text]');
    function progress(seen, at, scope) {
      var n = 0, k;
      links.forEach(function (a, i) {
        if (i === at) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
        var mark = a.querySelector('.cs-visited');
        if (mark) mark.hidden = !seen[i];
      });
      for (k = scope.lo; k <= scope.hi; k++) if (seen[k]) n++;
      var total = scope.hi - scope.lo + 1;
      if (bar) { bar.max = total; bar.value = n; }
      if (text) text.textContent = fmt('pages_viewed', { done: n, n: total });
      counts.forEach(function (el) {
        var l = data.lessons[+el.getAttribute('data-cs-lesson-progress')];
        if (!l) return;
        var m = 0, size = l.last - l.first + 1;
        for (k = l.first; k <= l.last; k++) if (seen[k]) m++;
        el.textContent = fmt('lesson_pages', { done: m, n: size });
        el.setAttribute('data-cs-done', m === size ? 'true' : 'false');
      });
    }

    function turn(section, heading, focus) {
      var title = heading ? heading.textContent.replace(/\s+/g, ' ').trim() : '';
      doc.title = title ? title + ' - ' + courseTitle : courseTitle;
      if (!focus) return;
      setOpen(false);
      if (heading) heading.focus({ preventScroll: true });
      var behavior = motion() ? 'smooth' : 'auto';
      // the whole first screen when the heading fits on it (the header stays in view), else the
      // page section at the top of the viewport
      var target = section || heading;
      if (!heading || !target || !target.getBoundingClientRect) { win.scrollTo(0, 0); return; }
      var top = target.getBoundingClientRect().top + win.pageYOffset;
      var bottom = heading.getBoundingClientRect().bottom + win.pageYOffset;
      if (bottom <= win.innerHeight) win.scrollTo({ top: 0, behavior: behavior });
      else win.scrollTo({ top: Math.max(0, top - 8), behavior: behavior });
    }
    return { progress: progress, turn: turn, close: function () { setOpen(false); } };
  }
  return { create: create, boxes: boxes };
});
