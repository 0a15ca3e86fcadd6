"""The learner walk: a course page driven through every state a learner sees, and checked there.

In:  a Playwright page with a coursec single-document course open (the web target), a label
     (region and width), an optional folder for screenshots and whether to run axe-core.
Out: ``Walker.walk()`` turns every page with Next; on the way it answers every practice quiz
     before / wrong / right (``reveal``: before / wrong / revealed, a walk of its own, as the
     correct answer shown locks the quiz), plays every
     scenario to an ending and takes the assessment through to its result (one question per
     screen or all at once, whichever the page offers). ``Walker.states`` lists the states seen,
     ``Walker.found`` every problem, one line each naming the state, the width, the region and
     the element; ``Walker.notes`` what is worth a look but not a failure (the feedback of a
     Check drawn below the screen).
Checked in every state: the document never scrolls sideways, focus is not on ``<body>`` and the
focused element is on the screen, axe-core finds nothing in what the state changed (the screen
shown after a page turn; the quiz, scenario or assessment acted on otherwise); after each
page turn the ``test_layout`` checks (heading on the first screen and focused, document.title,
every control of the page at least 44 x 44 px); every control the walker uses is tapped with a
real click (``locator.click``) and measured first. One screenshot per state, viewport only.

The right answers come from the course's cs-data (the model the compiler ships); a wrong one is
derived from them (``learner.choice_ids`` and friends), never written here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .learner import TIMEOUT, CourseLearner, choice_ids, find_quiz, scenario_path
from .test_axe import axe_violations
from .test_layout import PAGE_STATE, TARGET, problems
from .walk_keys import Keys

#: what every state is checked for, read in the page
STATE = """() => {
  const a = document.activeElement, r = a && a !== document.body ? a.getBoundingClientRect()
                                                                  : null;
  return {scrollWidth: document.scrollingElement.scrollWidth, width: innerWidth,
          height: innerHeight, body: !a || a === document.body,
          focus: a ? a.outerHTML.slice(0, 80) : '',
          onScreen: !r || (r.bottom > 0 && r.top < innerHeight && r.right > 0 &&
                           r.left < innerWidth)};
}"""

#: what the learner sees in the main column: a page, or the completion screen after the last
SCREEN = ("section[data-cs-page]:not([hidden]), "
          "section[data-cs-completion]:not([hidden])")
#: test_layout's page state, of whichever screen is shown
SCREEN_STATE = PAGE_STATE.replace("'section[data-cs-page]:not([hidden])'", f"'{SCREEN}'")
assert SCREEN_STATE != PAGE_STATE, "test_layout.PAGE_STATE no longer names the page section"

#: the control that shows the correct answer after a try (``:show-answer:``); the form then has
#: ``data-cs-revealed``
SHOW_ANSWER = "button[data-cs-reveal]:visible"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60]


class Walker:
    """Walks one course page (a Playwright ``Page``) and collects what is wrong."""

    def __init__(self, page: Any, label: str, shots: Path | None = None, axe: bool = True,
                 keys: Keys | None = None, once: bool = False, reveal: bool = False) -> None:
        """``keys``: use only the keyboard; ``once``: only the first quiz of each kind and the
        first scenario (the keyboard runs); ``reveal``: the quizzes wrong, then their correct
        answer shown (Show answer, or the last try used up) instead of answered right, and
        nothing else (no scenario, no assessment; the pages audited by the walk before)."""
        self.p = page
        self.label = label
        self.shots = shots
        self.axe = axe
        self.learner = CourseLearner(page)
        self.data = self.learner.data
        self.found: list[str] = []
        self.notes: list[str] = []  # seen, not failed on: feedback below the screen
        self.states: list[str] = []
        self.page_id = ""
        self.keys = keys
        self.once = once
        self.reveal = reveal
        self._kinds: set[str] = set()
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)

    # ---------------------------------------------------------------- checks

    def tap(self, loc: Any, what: str) -> None:
        """Tap a control with a real click, after checking it is big enough to be tapped."""
        box = loc.bounding_box(timeout=TIMEOUT)
        if box is None:
            self.found.append(f"{self.label} {self.page_id}: {what} is not drawn")
        elif box["width"] < TARGET or box["height"] < TARGET:
            html = loc.evaluate("e => e.outerHTML.slice(0, 100)")
            self.found.append(f"{self.label} {self.page_id}: {what} is {box['width']:.0f} x "
                              f"{box['height']:.0f} px (< {TARGET}): {html}")
        if self.keys is not None:
            self.keys.press(loc)
        else:
            loc.click(timeout=TIMEOUT)  # a real click: the control must be on top where drawn

    def record(self, state: str, turned: bool = False, acted: bool = True,
               scope: str = SCREEN) -> None:
        """Check the state the page is in now, and screenshot it.

        ``acted``: the state follows a tap (focus must be kept, on the screen); False for a
        state the walker only scrolled to (the DOM audited in the state before, so axe is
        not run again either). ``scope``: what axe-core audits, the part of the screen the
        state changed (a quiz's form, a scenario, the assessment; the rest of the screen was
        audited unchanged in an earlier state), else the whole screen shown.
        """
        name = f"{self.page_id} {state}".strip()
        where = f"{self.label} {name}"
        self.states.append(name)
        s = self.p.evaluate(STATE)
        if s["scrollWidth"] > s["width"]:
            self.found.append(f"{where}: the page scrolls sideways ({s['scrollWidth']} > "
                              f"{s['width']} px)")
        if not acted:
            pass
        elif s["body"]:
            self.found.append(f"{where}: focus lost to <body>")
        elif not s["onScreen"]:
            self.found.append(f"{where}: the focused element is off the screen: {s['focus']}")
        if turned and self.reveal:
            return  # only a way to the next quiz: the walk checked and audited the pages
        if turned:
            self.found += problems(self.p.evaluate(SCREEN_STATE), True, where)
        if self.axe and acted:
            self.found += axe_violations(self.p, where, scope)
        if self.shots is not None:
            n = len(self.states)
            file = f"{n:03d}-{_slug(self.page_id)[:40]}-{_slug(state)}.png"
            self.p.screenshot(path=str(self.shots / file))

    # ---------------------------------------------------------------- pages

    def visible_id(self) -> str:
        ids = self.p.eval_on_selector_all(SCREEN, "els => els.map(e => e.id)")
        assert len(ids) == 1, f"{self.label}: expected one screen shown, found {ids}"
        return str(ids[0])

    def turn(self) -> bool:
        """Tap Next; False on the last page (Next disabled or gone)."""
        nxt = self.p.locator("button[data-cs-nav='next']:visible")
        if not nxt.count() or nxt.first.is_disabled():
            return False
        before = self.page_id
        self.tap(nxt.first, "Next")
        self.p.wait_for_function(
            "([sel, before]) => { const v = document.querySelectorAll(sel);"
            " return v.length === 1 && v[0].id !== before; }",
            arg=[SCREEN, before], timeout=TIMEOUT)
        self.page_id = self.visible_id()
        return True

    def walk(self) -> list[str]:
        """Every page from the first to the last, every state of what is on each."""
        self.page_id = self.visible_id()
        pages = [self.page_id]
        self.record("first", acted=False)
        if self.axe:  # the whole document once: header, menu and pager too
            self.found += axe_violations(self.p, f"{self.label} {self.page_id} (document)")
        for _ in range(len(self.learner.pages()) + 2):
            for quiz in self.learner.visible_quizzes():
                self.quiz_states(quiz)
            for sc in [] if self.reveal else self.learner.visible_scenarios():
                if not (self.once and "scenario" in self._kinds):
                    self._kinds.add("scenario")
                    self.play(sc)
            if self.learner.assessment().count() and not self.reveal:
                self.exam()
            if not self.turn():
                return pages
            pages.append(self.page_id)
            self.record("page", turned=True)
            if self.p.locator("section[data-cs-completion]:visible").count():
                self.finish()
                return pages
        raise AssertionError(f"{self.label}: Next never ends: {pages}")

    def finish(self) -> None:
        """The completion screen: Exit ends the session (the screen says so)."""
        exit_ = self.p.locator("section[data-cs-completion] button[data-cs-exit]:visible")
        if exit_.count():
            self.tap(exit_.first, "Exit")
            self.p.wait_for_function(
                "() => { const b = document.querySelector('[data-cs-exit]');"
                " return !b || b.disabled; }", timeout=TIMEOUT)
            self.p.wait_for_function(
                "() => { const s = document.querySelector('[data-cs-exited]');"
                " return s && s.textContent.trim() !== ''; }", timeout=TIMEOUT)
            shown = self.p.evaluate(
                "() => { const r = document.querySelector('[data-cs-exited]')"
                ".getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }")
            if not (shown[0] >= 0 and shown[1] <= shown[2]):
                self.found.append(f"{self.label}: the line saying the session ended is off "
                                  f"the screen (top {shown[0]:.0f}, bottom {shown[1]:.0f}, "
                                  f"viewport {shown[2]} px)")
            self.record("exited")

    # ---------------------------------------------------------------- quizzes

    def fill(self, quiz_id: str, correct: bool) -> None:
        """Put a right (or a derived wrong) answer into a quiz's controls, tapping each."""
        quiz = find_quiz(self.data, quiz_id)
        assert quiz is not None, f"quiz {quiz_id} not in cs-data"
        form = self.learner.form(quiz_id)
        kind = str(quiz.get("kind"))
        if kind == "matching":
            ids = [str(p) for p in quiz.get("pairs") or []]
            for i, pid in enumerate(ids):
                sel = form.locator(f"select[data-cs-pair='{pid}']")
                value = pid if correct else ids[(i + 1) % len(ids)]
                self.tap(sel, f"the select of pair {pid}")
                if self.keys is not None:
                    self.keys.choose(sel, value)
                else:  # the tap opened the list: closed unchanged, then the option chosen
                    sel.press("Escape")
                    sel.select_option(value=value)
        elif kind == "sequencing":
            self._order(form, quiz, correct)
        elif kind in ("fill-in", "numeric"):
            box = form.locator("input[data-cs-answer]")
            self.tap(box, "the answer field")
            text = self.learner._text_answer(quiz, correct)
            if self.keys is not None:
                box.evaluate("e => e.select()")  # as Ctrl+A would: typing replaces the text
                self.keys.type(text)
            else:
                box.fill(text)
        else:
            right, wrong = choice_ids(quiz)
            if kind == "likert" or not right:
                picks = {str((quiz.get("choices") or [])[0])}
            else:
                picks = set(right) if correct else {wrong[0]}
            for cid in [str(c) for c in quiz.get("choices") or []]:
                box = form.locator(f"input[name='{quiz_id}'][value='{cid}']")
                if box.is_checked() != (cid in picks) and (
                        cid in picks or box.get_attribute("type") == "checkbox"):
                    self.tap(form.locator(f"[data-cs-choice='{cid}'] label"),
                             f"the label of choice {cid}")

    def _order(self, form: Any, quiz: dict[str, Any], correct: bool) -> None:
        target = [str(c) for c in quiz.get("choices") or []]  # cs-data: the correct order
        if not correct:
            target = target[1:] + target[:1]  # a rotation is never the correct order
        for _ in range(len(target) ** 2 + 1):
            order = self.learner._order(form)
            if order == target:
                return
            pos = next(i for i, (a, b) in enumerate(zip(order, target, strict=True)) if a != b)
            want = target[pos]
            self.tap(form.locator(f"li[data-cs-item='{want}'] button[data-cs-move='up']"),
                     f"the move-up button of {want}")
        raise AssertionError(f"{self.label}: could not put {target} in order")

    def check(self, quiz_id: str, want: str) -> None:
        form = self.learner.form(quiz_id)
        self.tap(form.locator("button[data-cs-check]"), "Check")
        try:
            self.p.wait_for_function(
                "([q, want]) => document.querySelector(`form[data-cs-quiz='${q}']`)"
                ".getAttribute('data-cs-result') === want", arg=[quiz_id, want], timeout=TIMEOUT)
        except Exception:  # reported as a finding, the walk goes on
            got = form.get_attribute("data-cs-result")
            self.found.append(f"{self.label} {self.page_id} {quiz_id}: the result is {got!r} "
                              f"after checking, expected {want!r}")
        box = form.locator("[data-cs-feedback]").bounding_box()
        height = self.p.viewport_size["height"]
        if box and (box["y"] >= height or box["y"] + box["height"] <= 0):
            self.notes.append(f"{self.label} {self.page_id} {quiz_id} {want}: the feedback is "
                              f"off the screen after Check (top at {box['y']:.0f} px of "
                              f"{height})")

    def quiz_states(self, quiz_id: str) -> None:
        quiz = find_quiz(self.data, quiz_id) or {}
        if self.once and quiz.get("kind") in self._kinds:
            return
        self._kinds.add(str(quiz.get("kind")))
        form = self.learner.form(quiz_id)
        form.scroll_into_view_if_needed(timeout=TIMEOUT)
        scope = f"form[data-cs-quiz='{quiz_id}']"
        if self.reveal:
            if quiz.get("show"):  # cs-data: the course shows the answer after the last try
                self.fill(quiz_id, False)
                self.check(quiz_id, "incorrect")
                self.revealed(quiz_id, scope)
            return
        self.record(f"{quiz_id} before", acted=False)
        if quiz.get("kind") == "likert":  # ungraded: any answer is an answer
            self.fill(quiz_id, True)
            self.check(quiz_id, "answered")
            self.record(f"{quiz_id} answered", scope=scope)
            return
        self.fill(quiz_id, False)
        self.check(quiz_id, "incorrect")
        self.record(f"{quiz_id} wrong", scope=scope)
        check = form.locator("button[data-cs-check]")
        if check.count() and check.is_enabled():
            self.fill(quiz_id, True)
            self.check(quiz_id, "correct")
            self.record(f"{quiz_id} right", scope=scope)

    def revealed(self, quiz_id: str, scope: str) -> None:
        """After a wrong try: Show answer where it is offered, else wrong tries until the last
        (the correct answer is then shown by itself)."""
        form = self.learner.form(quiz_id)
        check = form.locator("button[data-cs-check]")
        for _ in range(10):
            if form.get_attribute("data-cs-revealed") is not None:
                break
            button = form.locator(SHOW_ANSWER)
            if button.count():
                self.tap(button.first, "Show answer")
                self.p.wait_for_function(
                    "q => document.querySelector(`form[data-cs-quiz='${q}']`)"
                    ".hasAttribute('data-cs-revealed')", arg=quiz_id, timeout=TIMEOUT)
            elif check.count() and check.is_enabled():
                self.fill(quiz_id, False)
                self.check(quiz_id, "incorrect")
            else:
                return  # no way to the correct answer: the test tells which quiz
        self.record(f"{quiz_id} revealed", scope=scope)

    # ---------------------------------------------------------------- scenarios

    def play(self, scenario_id: str) -> None:
        sc = next(x for x in self.data.get("scenarios") or [] if x["id"] == scenario_id)
        path = scenario_path(sc, True) or scenario_path(sc, False)
        assert path, f"scenario {scenario_id}: no path to an ending"
        section = self.p.locator(f"section[data-cs-scenario='{scenario_id}']")
        section.scroll_into_view_if_needed(timeout=TIMEOUT)
        self.record(f"{scenario_id} start", acted=False)
        for step, k in enumerate(path, 1):
            node = section.locator("[data-cs-node-index]:visible")
            self.tap(node.locator(f"button[data-cs-sc-choice='{k}']"), f"scenario choice {k}")
            self.record(f"{scenario_id} step {step}",
                        scope=f"section[data-cs-scenario='{scenario_id}']")
        debrief = section.locator("[data-cs-node-index]:visible [data-cs-sc-debrief]")
        if not debrief.count():
            self.found.append(f"{self.label} {self.page_id} {scenario_id}: no debrief shown "
                              f"after the path {path}")

    # ---------------------------------------------------------------- assessment

    def exam(self) -> None:
        """Start, answer (the first question wrong, the others right), submit, see the result."""
        section = self.learner.assessment()
        scope = "section[data-cs-assessment]"
        start = section.locator("button[data-cs-start]:visible, button[data-cs-retry]:visible")
        if not start.count():
            return
        self.tap(start.first, "Start")
        section.locator("form[data-cs-quiz]:visible").first.wait_for(timeout=TIMEOUT)
        self.record("exam started", scope=scope)
        done: list[str] = []
        for screen in range(1, 60):
            for qid in section.locator("form[data-cs-quiz]:visible").evaluate_all(
                    "els => els.map(e => e.getAttribute('data-cs-quiz'))"):
                if qid not in done:
                    self.fill(qid, correct=bool(done))
                    done.append(qid)
            self.record(f"exam screen {screen} answered", scope=scope)
            forward = section.locator("button[data-cs-next]:visible")
            submit = section.locator("button[data-cs-submit]:visible")
            if forward.count():
                self.tap(forward.first, "the next-question button")
                self.record(f"exam screen {screen + 1}", scope=scope)
            elif submit.count():
                self.tap(submit.first, "Submit")
                break
            else:
                raise AssertionError(f"{self.label}: no way forward in the assessment")
        score = section.locator("[data-cs-score]")
        score.wait_for(state="visible", timeout=TIMEOUT)
        self.record("exam result", scope=scope)
        review = section.locator("[data-cs-review-title]:visible, [data-cs-review-mark]:visible")
        if review.count():  # the review below the result: its last question on the screen
            section.locator("[data-cs-slot]:visible").last.scroll_into_view_if_needed()
            self.record("exam review", acted=False)
        if not done:
            self.found.append(f"{self.label} {self.page_id}: the assessment showed no question")
