"""The assessment as the learner takes it, in Chromium (the web target, no LMS).

The sample course's final check (``:draw: 6``, ``:attempts: 2``, ``:pass: 80%``, layout and review
by default): one question per screen with "Question k of 6", Previous/Next keeping the answers,
Submit on the last question, a wrong answer, the results with the review showing the authored
``:correct:``/``:incorrect:`` texts, Retry, and axe on a question screen and on the review. Then
the same course with ``:review: correctness`` and ``:layout: all``: every question on one
screen, right or wrong only after submitting, and no feedback text in the page at all.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import SAMPLE_COURSE, build_course
from .learner import TIMEOUT, CourseLearner
from .test_axe import axe_violations

LESSON = SAMPLE_COURSE / "lessons" / "07-final-assessment.md"
SECTION = "section[data-cs-assessment]"


def authored(option: str) -> dict[str, str]:
    """``{quiz id: its :correct: or :incorrect: text}`` from the lesson's source."""
    out = {}
    for block in LESSON.read_text(encoding="utf-8").split(":::{quiz} ")[1:]:
        quiz_id = block.split("\n", 1)[0].strip()
        found = re.search(rf"^:{option}: (.+)$", block, re.M)
        if found:
            out[quiz_id] = found.group(1).strip()
    return out


def web_build(tmp: Path, course: Path) -> Path:
    build_course(course, tmp, ("web",))
    return tmp / "customer-service" / "en-US" / "web" / "index.html"


@pytest.fixture(scope="module")
def default_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_build(tmp_path_factory.mktemp("exam-default"), SAMPLE_COURSE)


@pytest.fixture(scope="module")
def secret_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exam-secret")
    course = root / "customer-service"
    shutil.copytree(SAMPLE_COURSE, course)
    lesson = course / "lessons" / LESSON.name
    text = lesson.read_text(encoding="utf-8")
    assert ":attempts: 2\n" in text
    options = ":attempts: 2\n:review: correctness\n:layout: all\n"
    lesson.write_text(text.replace(":attempts: 2\n", options, 1), encoding="utf-8")
    return web_build(root / "out", course)


@pytest.fixture
def open_course(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []
    errors: list[str] = []

    def opener(index: Path) -> CourseLearner:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(index.as_uri())
        learner = CourseLearner(page)
        learner.goto(next(p for p in learner.pages() if p.startswith("final-assessment")))
        if not learner.assessment().count():
            learner.next()
        return learner

    yield opener
    for context in contexts:
        context.close()
    assert errors == [], errors


def text(learner: CourseLearner, selector: str) -> str:
    return " ".join(learner.assessment().locator(selector).first.inner_text().split())


def visible_slots(learner: CourseLearner) -> list[str]:
    return list(learner.assessment().locator("[data-cs-slot]:visible").evaluate_all(
        "els => els.map(e => e.getAttribute('data-cs-slot'))"))


def focused(learner: CourseLearner) -> str:
    return str(learner.f.evaluate("() => document.activeElement.textContent.trim()"))


def test_one_question_per_screen_review_and_retry(open_course: Any, default_page: Path) -> None:
    learner = open_course(default_page)
    section = learner.assessment()
    assert text(learner, "[data-cs-attempts]") == "You have 2 attempts."
    drawn = learner.start_assessment()
    assert len(drawn) == 6
    assert text(learner, "[data-cs-attempts]") == "Attempt 1 of 2"
    assert visible_slots(learner) == [drawn[0]]
    assert focused(learner) == "Question 1 of 6"
    assert section.locator("[data-cs-bar]").evaluate("b => [b.value, b.max]") == [1, 6]
    hidden = "button[data-cs-prev]:visible, button[data-cs-submit]:visible"
    assert section.locator(hidden).count() == 0
    learner.fill(drawn[0], False)
    first = learner.controls(drawn[0])
    section.locator("button[data-cs-next]").click()
    assert visible_slots(learner) == [drawn[1]]
    assert focused(learner) == "Question 2 of 6"
    section.locator("button[data-cs-prev]").click()
    assert focused(learner) == "Question 1 of 6"
    assert learner.controls(drawn[0]) == first, "the answer was lost on Next and Previous"
    for qid in drawn[1:]:
        learner.fill(qid, qid != drawn[1])  # two wrong of six: 66.67 %, below the 80 % pass mark
    assert visible_slots(learner) == [drawn[-1]]
    assert section.locator("button[data-cs-next]:visible").count() == 0
    violations = axe_violations(learner.f, "question screen", SECTION)
    section.locator("button[data-cs-submit]").click()

    score = section.locator("[data-cs-score]")
    score.wait_for(state="visible", timeout=TIMEOUT)
    assert score.get_attribute("data-cs-passed") == "false"
    assert " ".join(score.inner_text().split()) == (
        "Your score: 66.67% You did not pass. The pass mark is 80%.")
    assert text(learner, "[data-cs-attempts]") == "1 attempt left."
    assert visible_slots(learner) == drawn, "the review shows every question of the attempt"
    right, wrong = authored("correct"), authored("incorrect")
    for k, qid in enumerate(drawn):
        slot = section.locator(f"[data-cs-slot='{qid}']")
        verdict = slot.locator("[data-cs-review-mark]")
        expected = "wrong" if k < 2 else "right"
        assert verdict.get_attribute("data-cs-verdict") == expected, qid
        feedback = " ".join(slot.locator("[data-cs-feedback]").inner_text().split())
        assert feedback.startswith(wrong[qid] if k < 2 else right[qid]), (qid, feedback)
        assert slot.locator("input:enabled, select:enabled").count() == 0, f"{qid} not locked"
    violations += axe_violations(learner.f, "review", SECTION)

    learner.assessment().locator("button[data-cs-retry]").click()
    again = learner.drawn()
    assert text(learner, "[data-cs-attempts]") == "Attempt 2 of 2"
    assert visible_slots(learner) == [again[0]]
    assert focused(learner) == "Question 1 of 6"
    shown = section.locator(f"[data-cs-slot='{again[0]}'] [data-cs-review-mark]:visible")
    assert shown.count() == 0
    for qid in again:
        learner.fill(qid, True)
    section.locator("button[data-cs-submit]").click()
    learner.f.wait_for_function(
        "() => document.querySelector('[data-cs-score]').getAttribute('data-cs-passed') === 'true'",
        timeout=TIMEOUT)
    assert section.locator("button[data-cs-retry]:visible").count() == 0
    state = learner.f.evaluate("() => window.coursec.state().a")
    assert [state["n"], state["s"], state["b"], state["p"]] == [2, 1, 100, 1]
    assert violations == [], "\n".join(violations)


def test_review_correctness_layout_all(open_course: Any, secret_page: Path) -> None:
    html = secret_page.read_text(encoding="utf-8")
    for quiz_id, said in {**authored("correct"), **authored("incorrect")}.items():
        assert said not in html, f"the feedback of {quiz_id} is shipped in a secret pool"
    assert "data-cs-fb=" not in html.split('data-cs-assessment="final-check"', 1)[1]
    learner = open_course(secret_page)
    section = learner.assessment()
    drawn = learner.start_assessment()
    assert visible_slots(learner) == drawn, "layout all: every drawn question on one screen"
    assert section.locator("button[data-cs-next]:visible, button[data-cs-prev]:visible, "
                           "[data-cs-bar]:visible").count() == 0
    for k, qid in enumerate(drawn):
        learner.fill(qid, k != 0)
    section.locator("button[data-cs-submit]").click()
    score = section.locator("[data-cs-score]")
    score.wait_for(state="visible", timeout=TIMEOUT)
    assert score.get_attribute("data-cs-passed") == "true"  # 5 of 6: 83.33 %
    marks = [section.locator(f"[data-cs-slot='{q}'] [data-cs-review-mark]").get_attribute(
        "data-cs-verdict") for q in drawn]
    assert marks == ["wrong"] + ["right"] * 5
    for qid in drawn:
        assert section.locator(f"[data-cs-slot='{qid}'] [data-cs-feedback]").inner_text() == ""
    violations = axe_violations(learner.f, "review (correctness)", SECTION)
    assert violations == [], "\n".join(violations)


def test_an_open_attempt_has_one_row_of_buttons(open_course: Any, default_page: Path) -> None:
    """While an attempt is open its own Previous / Next / Submit are the only row: the page's
    Back / Next are hidden (phones and keyboards meet one set of buttons), the menu stays the
    way out; they come back with the results."""
    learner = open_course(default_page)
    page = learner.f
    page.set_viewport_size({"width": 320, "height": 700})
    pager = page.locator(".cs-pager")
    assert pager.is_visible()
    drawn = learner.start_assessment()
    assert not pager.is_visible()
    menu = page.locator("[data-cs-menu-toggle]")
    assert menu.is_visible() and menu.is_enabled()
    learner.fill(drawn[0], True)
    learner.assessment().locator("button[data-cs-next]").click()
    assert not pager.is_visible()
    for qid in drawn[1:]:
        learner.fill(qid, True)
    learner.assessment().locator("button[data-cs-submit]").click()
    learner.assessment().locator("[data-cs-score]").wait_for(state="visible", timeout=TIMEOUT)
    assert pager.is_visible()
