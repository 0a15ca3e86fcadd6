"""Keyboard-only taps for the learner walk: reach a control with Tab / Shift+Tab, use it with
Enter, Space or the arrow keys.

In:  a Playwright page and a label (region, width).
Out: ``Keys.press(locator)`` (the ``tap`` of ``walk.Walker``): moves focus to the control with
     Tab or Shift+Tab (whichever way it lies in document order), then presses Enter on a button,
     Space on a checkbox, the arrow keys in a radio group until the wanted radio is checked, and
     nothing on a text field or a select (``type`` and ``choose`` then use the keys); ``found``
     lists every step where focus fell to ``<body>`` or the focused control had no visible focus
     indicator (outline or box-shadow; an element out of the Tab order, such as the heading
     focused after a page turn, needs none), with the element.
"""

from __future__ import annotations

from typing import Any

MAX_KEYS = 300  # presses to reach one control before giving up

#: -1 / 0 / 1: the target lies before the focus, is focused (or, for a radio, its group is), after
WHERE = """t => {
  const a = document.activeElement;
  if (a === t) return 0;
  if (t.type === 'radio' && a && a.type === 'radio' && a.name === t.name) return 0;
  if (!a || a === document.body) return 1;
  return (a.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) ? 1 : -1;
}"""

#: how the focused element shows its focus
FOCUS = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return {body: true, shown: false, html: ''};
  const s = getComputedStyle(a);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = !!s.boxShadow && s.boxShadow !== 'none';
  // a heading focused after a page turn (tabindex -1) is where reading goes on, not a control:
  // WCAG 2.4.7 asks the indicator of what the keyboard operates
  return {body: false, shown: outline || shadow || a.tabIndex < 0,
          html: a.outerHTML.slice(0, 90)};
}"""


class Keys:
    """The keyboard as the only input device."""

    def __init__(self, page: Any, label: str) -> None:
        self.p = page
        self.label = label
        self.found: list[str] = []
        self.presses = 0

    def key(self, name: str) -> None:
        self.p.keyboard.press(name)
        self.presses += 1
        f = self.p.evaluate(FOCUS)
        if f["body"]:
            self.found.append(f"{self.label}: focus on <body> after {name}")
        elif not f["shown"]:
            self.found.append(f"{self.label}: no visible focus indicator on {f['html']}")

    def reach(self, target: Any) -> None:
        """Tab (or Shift+Tab) until ``target`` (an element handle) has focus."""
        last = 0
        for _ in range(MAX_KEYS):
            where = self.p.evaluate(WHERE, target)
            if where == 0:
                return
            if last and where != last:  # went past it: it cannot take focus
                break
            last = where
            self.key("Tab" if where > 0 else "Shift+Tab")
        html = target.evaluate("e => e.outerHTML.slice(0, 90)")
        raise AssertionError(f"{self.label}: Tab never reaches {html}")

    def press(self, loc: Any) -> None:
        """Use the control as a keyboard user would (see the module docstring)."""
        el = loc.element_handle()
        control = el.evaluate_handle("e => e.tagName === 'LABEL' ? e.control : e").as_element()
        assert control is not None, f"{self.label}: a label without its control"
        kind = control.evaluate("e => e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase()")
        self.reach(control)
        if kind == "radio":
            for _ in range(50):
                if control.evaluate("e => e.checked"):
                    return
                self.key("ArrowDown")
            raise AssertionError(f"{self.label}: the arrows never check the radio")
        if kind == "checkbox":
            self.key("Space")
        elif kind in ("button", "submit", "a"):
            self.key("Enter")

    def choose(self, select: Any, value: str) -> None:
        """Pick an option of the focused select with the arrow keys."""
        want = select.evaluate("(s, v) => [...s.options].findIndex(o => o.value === v)", value)
        assert want >= 0, f"{self.label}: no option {value!r}"
        for _ in range(50):
            now = select.evaluate("s => s.selectedIndex")
            if now == want:
                return
            self.key("ArrowDown" if now < want else "ArrowUp")
        raise AssertionError(f"{self.label}: the arrows never select {value!r}")

    def type(self, text: str) -> None:
        self.p.keyboard.type(text)
