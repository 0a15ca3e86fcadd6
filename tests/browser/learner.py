"""A scripted learner for a coursec page, driving it only through the DOM contract.

DOM contract (coursec/runtime + coursec/themes/default):
- page sections ``section[data-cs-page="<lessonId>--<pageId>"]``, the visible one without
  ``hidden``; ``button[data-cs-nav="next"|"prev"]``;
- quizzes ``form[data-cs-quiz="<quizId>"]``: choice inputs ``input[name=<quizId>][value=<id>]``,
  fill-in/numeric ``input[data-cs-answer]``, matching ``select[data-cs-pair=<pairId>]``,
  sequencing ``li[data-cs-item=<choiceId>]`` with ``button[data-cs-move="up"|"down"]``,
  ``button[data-cs-check]``, ``[data-cs-feedback]``, then ``data-cs-result`` on the form;
- assessment ``section[data-cs-assessment]``, ``button[data-cs-start]``, the drawn questions'
  slots ``[data-cs-slot=<quizId>]`` with ``data-cs-pos`` (1, 2, ...), one shown at a time
  (``button[data-cs-prev]``/``[data-cs-next]``) unless ``:layout: all``, ``button[data-cs-submit]``
  (on the last question), ``[data-cs-score]`` with ``data-cs-passed``, ``button[data-cs-retry]``;
- the answer key in ``<script type="application/json" id="cs-data">``.

The learner reads the answer key only to answer right or wrong on purpose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

VISIBLE_PAGE = "section[data-cs-page]:not([hidden])"
TIMEOUT = 5000  # ms for any single UI reaction


@dataclass
class Answered:
    """What the learner did to one quiz, and what the page showed."""

    quiz: str
    kind: str
    correct: bool
    result: str | None  # the form's data-cs-result
    inputs: dict[str, Any] = field(default_factory=dict)  # control state, to compare on resume
    text: str = ""  # the form's visible text (the question)


def find_quiz(data: Any, quiz_id: str) -> dict[str, Any] | None:
    """The quiz with this id in the cs-data JSON (``quizzes``: id, kind, choices, correct...)."""
    for quiz in data.get("quizzes") or []:
        if quiz.get("id") == quiz_id:
            return dict(quiz)
    return None


def quiz_kind(quiz: dict[str, Any]) -> str:
    return str(quiz.get("kind") or "")


def choice_ids(quiz: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(right, wrong) choice ids: ``choices`` are ids, ``correct`` indexes into them."""
    choices = [str(c) for c in quiz.get("choices") or []]
    correct = set(quiz.get("correct") or [])
    right = [c for i, c in enumerate(choices) if i in correct]
    wrong = [c for i, c in enumerate(choices) if i not in correct]
    return right, wrong


# ------------------------------------------------------------------------------------------
# branching scenarios (cs-data "scenarios", the rules of runtime/scenario.js)
# ------------------------------------------------------------------------------------------

_OPS = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    "<": lambda a, b: a < b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def _test(sc: dict[str, Any], e: Any, scores: tuple[int, ...], flags: frozenset[int]) -> bool:
    op = e[0]
    if op == "cmp":
        comps = sc["comps"]
        value = sum(scores) if e[1] == "total" else (
            scores[comps.index(e[1])] if e[1] in comps else 0)
        return bool(_OPS[e[2]](value, e[3]))
    if op == "flag":
        return e[1] in sc["flags"] and sc["flags"].index(e[1]) in flags
    if op == "not":
        return not _test(sc, e[1], scores, flags)
    if op == "and":
        return all(_test(sc, x, scores, flags) for x in e[1:])
    if op == "or":
        return any(_test(sc, x, scores, flags) for x in e[1:])
    return False


def scenario_path(sc: dict[str, Any], passing: bool = True, max_steps: int = 40
                  ) -> list[int] | None:
    """The shortest list of choice indexes from the start to an ending that passes (or that
    does not pass, with ``passing=False``), by breadth-first search over the scenario's states.
    """
    lo, hi = sc["lo"], sc["hi"]
    start: tuple[int, tuple[int, ...], frozenset[int]] = (
        sc["start"], tuple(max(lo, min(hi, 0)) for _ in sc["comps"]), frozenset())
    frontier: list[tuple[tuple[int, tuple[int, ...], frozenset[int]], list[int]]] = [(start, [])]
    seen = {start}
    for _ in range(max_steps):
        nxt = []
        for (n, scores, flags), path in frontier:
            for k, c in enumerate(sc["n"][n]["c"] or []):
                if c.get("w") and not _test(sc, c["w"], scores, flags):
                    continue
                d = c.get("d") or []
                new_scores = tuple(max(lo, min(hi, v + (d[j] if j < len(d) else 0)))
                                   for j, v in enumerate(scores))
                new_flags = (flags | set(c.get("s") or [])) - set(c.get("u") or [])
                state = (c["to"], new_scores, frozenset(new_flags))
                ending = sc["n"][c["to"]].get("e")
                if ending:
                    ok = ending == "pass" and (
                        not sc.get("pass") or _test(sc, sc["pass"], new_scores, state[2]))
                    if ok == passing:
                        return [*path, k]
                    continue
                if state not in seen:
                    seen.add(state)
                    nxt.append((state, [*path, k]))
        frontier = nxt
    return None


class CourseLearner:
    """Drives one course page (a Playwright ``Frame`` or ``Page``)."""

    def __init__(self, frame: Any) -> None:
        self.f = frame
        raw = frame.locator("script#cs-data").text_content(timeout=TIMEOUT)
        assert raw, "the page has no <script id='cs-data'> answer key"
        self.data = json.loads(raw)
        self.answered: dict[str, Answered] = {}

    # ---------------------------------------------------------------- navigation

    def pages(self) -> list[str]:
        return list(self.f.eval_on_selector_all(
            "section[data-cs-page]", "els => els.map(e => e.getAttribute('data-cs-page'))"))

    def current(self) -> str:
        visible = self.f.eval_on_selector_all(
            VISIBLE_PAGE, "els => els.map(e => e.getAttribute('data-cs-page'))")
        assert len(visible) == 1, f"expected exactly one visible page section, found {visible}"
        return str(visible[0])

    def _nav(self, direction: str) -> str:
        before = self.current()
        button = self.f.locator(f"button[data-cs-nav='{direction}']:visible").first
        button.click(timeout=TIMEOUT)
        self.f.wait_for_function(
            "([sel, before]) => { const v = document.querySelectorAll(sel);"
            " return v.length === 1 && v[0].getAttribute('data-cs-page') !== before; }",
            arg=[VISIBLE_PAGE, before], timeout=TIMEOUT,
        )
        return self.current()

    def next(self) -> str:
        return self._nav("next")

    def prev(self) -> str:
        return self._nav("prev")

    def can_go_next(self) -> bool:
        """Whether Next leads to another page (on the last one it opens the completion screen)."""
        button = self.f.locator("button[data-cs-nav='next']:visible")
        if not (button.count() > 0 and button.first.is_enabled()):
            return False
        # the last page in scope (a cmi5 AU of one lesson hides the other lessons in the menu)
        last = self.f.evaluate(
            "() => { const a = Array.from(document.querySelectorAll('a[data-cs-toc]'))"
            ".filter(x => !x.closest('[hidden]')); return a.length ?"
            " a[a.length - 1].getAttribute('data-cs-toc') : null; }")
        return self.current() != (last or self.pages()[-1])

    def finish(self) -> Any:
        """Next on the last page: the completion screen (``section[data-cs-completion]``)."""
        self.f.locator("button[data-cs-nav='next']:visible").first.click(timeout=TIMEOUT)
        done = self.f.locator("section[data-cs-completion]")
        done.wait_for(state="visible", timeout=TIMEOUT)
        return done

    def exit(self) -> str:
        """Exit on the completion screen; the line shown once the session has ended."""
        self.f.locator("section[data-cs-completion] button[data-cs-exit]").click(timeout=TIMEOUT)
        self.f.wait_for_function(
            "() => { const p = document.querySelector('[data-cs-exited]');"
            " return !!p && p.textContent.length > 0; }", timeout=TIMEOUT)
        return str(self.f.locator("[data-cs-exited]").text_content())

    def jump(self, page_id: str) -> None:
        """Open a page from the table of contents (``a[data-cs-toc]``)."""
        self.f.locator(f"a[data-cs-toc='{page_id}']").click(timeout=TIMEOUT)
        self.f.wait_for_function(
            "([sel, id]) => { const v = document.querySelectorAll(sel);"
            " return v.length === 1 && v[0].getAttribute('data-cs-page') === id; }",
            arg=[VISIBLE_PAGE, page_id], timeout=TIMEOUT,
        )

    def goto(self, page_id: str) -> None:
        order = self.pages()
        assert page_id in order, f"no page {page_id} in {order}"
        for _ in range(len(order) + 1):
            cur = self.current()
            if cur == page_id:
                return
            if order.index(cur) < order.index(page_id):
                self.next()
            else:
                self.prev()
        raise AssertionError(f"could not reach page {page_id}")

    # ---------------------------------------------------------------- quizzes

    def visible_quizzes(self) -> list[str]:
        """Quiz ids in the visible page section, outside any assessment."""
        return list(self.f.eval_on_selector_all(
            f"{VISIBLE_PAGE} form[data-cs-quiz]",
            "els => els.filter(e => !e.closest('[data-cs-assessment]') && e.offsetParent !== null)"
            ".map(e => e.getAttribute('data-cs-quiz'))",
        ))

    def form(self, quiz_id: str) -> Any:
        return self.f.locator(f"form[data-cs-quiz='{quiz_id}']")

    def fill(self, quiz_id: str, correct: bool) -> str:
        """Put an answer into a quiz's controls (without checking it). Returns the kind."""
        quiz = find_quiz(self.data, quiz_id)
        assert quiz is not None, f"quiz {quiz_id} not in the cs-data answer key"
        if quiz.get("inA"):
            self.show_question(quiz_id)
        form = self.form(quiz_id)
        kind = quiz_kind(quiz)
        if form.locator("select[data-cs-pair]").count():
            self._fill_matching(form, quiz, correct)
            return kind or "matching"
        if form.locator("li[data-cs-item]").count():
            self._fill_sequencing(form, quiz, correct)
            return kind or "sequencing"
        if form.locator("input[data-cs-answer]").count():
            form.locator("input[data-cs-answer]").first.fill(self._text_answer(quiz, correct))
            return kind or "fill-in"
        right, wrong = choice_ids(quiz)
        if kind == "likert" or not right:  # ungraded: any answer
            picks = [str((quiz.get("choices") or [])[0])]
        elif correct:
            picks = right
        else:
            picks = [wrong[0]] if wrong else []
        for cid in picks:
            form.locator(f"input[name='{quiz_id}'][value='{cid}']").check(timeout=TIMEOUT)
        return kind or ("multiple" if len(right) > 1 else "single")

    def _text_answer(self, quiz: dict[str, Any], correct: bool) -> str:
        answers = quiz.get("answers") or []
        ranges = quiz.get("ranges") or []
        if ranges:
            lows = [float(r[0]) for r in ranges]
            highs = [float(r[1]) for r in ranges]
            if correct:
                return _num(lows[0])
            return _num(max(highs) + 1000)
        if correct:
            assert answers, f"no accepted answers for {quiz.get('id')} in cs-data"
            return str(answers[0])
        return "zzzz wrong answer"

    def _fill_matching(self, form: Any, quiz: dict[str, Any], correct: bool) -> None:
        selects = form.locator("select[data-cs-pair]")
        ids = [selects.nth(i).get_attribute("data-cs-pair") for i in range(selects.count())]
        for i, pid in enumerate(ids):
            value = pid if correct else ids[(i + 1) % len(ids)]
            form.locator(f"select[data-cs-pair='{pid}']").select_option(value=value)

    def _order(self, form: Any) -> list[str]:
        return list(form.locator("li[data-cs-item]").evaluate_all(
            "els => els.map(e => e.getAttribute('data-cs-item'))"))

    def _fill_sequencing(self, form: Any, quiz: dict[str, Any], correct: bool) -> None:
        target = [str(c) for c in quiz.get("choices") or []]  # in the correct order
        if not target:
            target = sorted(self._order(form))
        if not correct:
            target = target[1:] + target[:1]  # a rotation is never the correct order
        for _ in range(len(target) * len(target) + 1):
            order = self._order(form)
            if order == target:
                return
            # move the first misplaced item's target up into place, one step
            pos = next(i for i, (a, b) in enumerate(zip(order, target, strict=True)) if a != b)
            want = target[pos]
            idx = order.index(want)
            form.locator(f"li[data-cs-item='{want}'] button[data-cs-move='up']").click(
                timeout=TIMEOUT)
            self.f.wait_for_function(
                "([q, item, idx]) => { const els = [...document.querySelectorAll("
                "`form[data-cs-quiz='${q}'] li[data-cs-item]`)];"
                " return els.findIndex(e => e.getAttribute('data-cs-item') === item) < idx; }",
                arg=[form.get_attribute("data-cs-quiz"), want, idx], timeout=TIMEOUT,
            )
        raise AssertionError(f"could not put {target} in order")

    def controls(self, quiz_id: str) -> dict[str, Any]:
        """The state of a quiz's controls, to compare after a resume."""
        return dict(self.form(quiz_id).evaluate(
            """f => ({
                checked: [...f.querySelectorAll('input[type=radio],input[type=checkbox]')]
                    .filter(i => i.checked).map(i => i.value),
                text: [...f.querySelectorAll('input[data-cs-answer]')].map(i => i.value),
                pairs: [...f.querySelectorAll('select[data-cs-pair]')]
                    .map(s => [s.getAttribute('data-cs-pair'), s.value]),
                order: [...f.querySelectorAll('li[data-cs-item]')]
                    .map(l => l.getAttribute('data-cs-item')),
                result: f.getAttribute('data-cs-result'),
            })"""
        ))

    def answer(self, quiz_id: str, correct: bool = True) -> Answered:
        """Answer a practice quiz on the visible page and check it."""
        kind = self.fill(quiz_id, correct)
        form = self.form(quiz_id)
        form.locator("button[data-cs-check]").click(timeout=TIMEOUT)
        self.f.wait_for_function(
            "q => document.querySelector(`form[data-cs-quiz='${q}']`)"
            ".hasAttribute('data-cs-result')",
            arg=quiz_id, timeout=TIMEOUT,
        )
        done = Answered(quiz_id, kind, correct, form.get_attribute("data-cs-result"),
                        self.controls(quiz_id), _norm(form.inner_text()))
        self.answered[quiz_id] = done
        return done

    def answer_visible(self, correct: bool = True) -> list[Answered]:
        return [self.answer(q, correct) for q in self.visible_quizzes()]

    # ---------------------------------------------------------------- scenarios

    def visible_scenarios(self) -> list[str]:
        return list(self.f.eval_on_selector_all(
            f"{VISIBLE_PAGE} section[data-cs-scenario]",
            "els => els.map(e => e.getAttribute('data-cs-scenario'))"))

    def play_scenario(self, scenario_id: str, passing: bool = True) -> str | None:
        """Play a scenario to an ending that passes (or not); returns the debrief's
        ``data-cs-passed`` (None for an ungraded/neutral ending)."""
        sc = next((x for x in self.data.get("scenarios") or [] if x["id"] == scenario_id), None)
        assert sc is not None, f"scenario {scenario_id} not in cs-data"
        path = scenario_path(sc, passing) or scenario_path(sc, not passing)
        assert path, f"scenario {scenario_id}: no path to any ending"
        section = self.f.locator(f"section[data-cs-scenario='{scenario_id}']")
        replay = section.locator("button[data-cs-sc-replay]:visible")
        if replay.count():  # played before (a resumed state): start again
            replay.first.click(timeout=TIMEOUT)
        for k in path:
            node = section.locator("[data-cs-node-index]:visible")
            node.locator(f"button[data-cs-sc-choice='{k}']").click(timeout=TIMEOUT)
        debrief = section.locator("[data-cs-node-index]:visible [data-cs-sc-debrief]")
        debrief.wait_for(state="attached", timeout=TIMEOUT)
        passed: str | None = debrief.get_attribute("data-cs-passed")
        return passed

    # ---------------------------------------------------------------- assessment

    def assessment(self) -> Any:
        return self.f.locator(f"{VISIBLE_PAGE} section[data-cs-assessment]")

    def start_assessment(self) -> list[str]:
        """Press start (or retry); returns the ids of the drawn questions."""
        section = self.assessment()
        assert section.count() == 1, "no assessment on the visible page"
        section.locator("button[data-cs-start]:visible, button[data-cs-retry]:visible").first.click(
            timeout=TIMEOUT)
        section.locator("form[data-cs-quiz]:visible").first.wait_for(timeout=TIMEOUT)
        return self.drawn()

    def drawn(self) -> list[str]:
        """The ids of the questions of the attempt, in the order they are asked."""
        return list(self.assessment().locator("[data-cs-slot][data-cs-pos]").evaluate_all(
            "els => els.map(e => [+e.getAttribute('data-cs-pos'), e.getAttribute('data-cs-slot')])"
            ".sort((a, b) => a[0] - b[0]).map(p => p[1])"))

    def show_question(self, quiz_id: str) -> None:
        """Step with Previous/Next to the screen of a question of the running attempt."""
        section = self.assessment()
        slot = section.locator(f"[data-cs-slot='{quiz_id}']")
        want = slot.get_attribute("data-cs-pos")
        for _ in range(2 * len(self.data.get("quizzes") or []) + 1):
            if not want or slot.is_visible():
                return
            here = section.locator("[data-cs-slot][data-cs-pos]:visible").first.get_attribute(
                "data-cs-pos")
            step = "next" if int(here or 0) < int(want) else "prev"
            section.locator(f"button[data-cs-{step}]").click(timeout=TIMEOUT)
        raise AssertionError(f"could not step to question {quiz_id}")

    def take_assessment(self, n_correct: int | None = None, before_submit: Any = None
                        ) -> dict[str, Any]:
        """Start the assessment, answer ``n_correct`` questions right (all when None), submit.

        ``before_submit()`` is called once every answer is in. Returns the drawn ids, the result
        shown and what was answered.
        """
        drawn = self.start_assessment()
        section = self.assessment()
        answered = []
        for i, qid in enumerate(drawn):
            right = n_correct is None or i < n_correct
            kind = self.fill(qid, right)
            text = _norm(self.form(qid).inner_text())
            answered.append(Answered(qid, kind, right, None, self.controls(qid), text))
        if before_submit is not None:
            before_submit()
        self.show_question(drawn[-1])  # Submit is on the last question
        section.locator("button[data-cs-submit]").click(timeout=TIMEOUT)
        score = section.locator("[data-cs-score]")
        score.wait_for(state="visible", timeout=TIMEOUT)
        self.f.wait_for_function(
            "s => { const e = document.querySelector(s);"
            " return e && e.hasAttribute('data-cs-passed'); }",
            arg=f"{VISIBLE_PAGE} [data-cs-score]", timeout=TIMEOUT,
        )
        for a in answered:
            self.answered[a.quiz] = a
        return {
            "drawn": drawn,
            "answered": answered,
            "passed": score.get_attribute("data-cs-passed"),
            "score_text": _norm(score.inner_text()),
            "retry_visible": section.locator("button[data-cs-retry]:visible").count() > 0,
        }

    # ---------------------------------------------------------------- whole course

    def walk(self, *, answer: bool = True, correct: bool = True, scenarios: bool = True,
             stop_at_assessment: bool = True, on_page: Any = None) -> list[str]:
        """Step through the course from the visible page with Next, answering practice quizzes
        (``answer``, right or wrong by ``correct``) and playing scenarios to a passing ending
        (``scenarios``).

        Stops on the page holding the assessment (when ``stop_at_assessment``) or at the end.
        ``on_page(page_id)`` is called on every page reached. Returns the pages seen.
        """
        seen = []
        for _ in range(len(self.pages()) + 1):
            cur = self.current()
            seen.append(cur)
            if answer:
                self.answer_visible(correct)
            if scenarios:
                for scenario in self.visible_scenarios():
                    self.play_scenario(scenario, passing=True)
            if on_page is not None:
                on_page(cur)
            if stop_at_assessment and self.assessment().count():
                return seen
            if not self.can_go_next():
                return seen
            self.next()
        raise AssertionError(f"walked more pages than the course has: {seen}")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _norm(text: str) -> str:
    return " ".join(text.split())
