"""Feedback that teaches (issue 14), on a course with one quiz of each kind: after a wrong
answer the marks say which choices, pairs, positions or boxes are wrong (a glyph and a word
from the catalog, not colour alone), ``:show-answer:`` reveals the correct answer in the form
(after the last try, or with the Show answer button when tries are unlimited), the focus is on
the feedback after Check and after Show answer, and axe finds nothing in either state.

Screenshots of the wrong multiple-response and matching quizzes at 375 and 1280 px are written
to ``COURSEC_SCREENS`` when it names a folder (for a reviewer; never compared)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, build_course
from .lmshost import AXE
from .test_axe import axe_violations

COURSE = FIXTURES / "kinds-course"
WORDS = {"correct": "correct", "incorrect": "incorrect", "missed": "correct answer, not chosen",
         "answer": "correct answer"}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kinds-feedback")
    build_course(COURSE, out, ("web",))
    found = out / "kinds-feedback" / "en-US" / "web" / "index.html"
    assert found.exists()
    return found


@pytest.fixture
def page(browser: Any, index: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(index.as_uri())
    tab.wait_for_function("() => document.documentElement.classList.contains('cs-js')")
    tab.add_script_tag(path=str(AXE))
    yield tab
    context.close()
    assert not errors, errors


def form(page: Any, quiz: str) -> Any:
    return page.locator(f'form[data-cs-quiz="{quiz}"]')


#: [what is marked (choice, pair or item id, or "box"), state, word, glyph] per mark
MARKS = """q => Array.from(document.querySelectorAll(`form[data-cs-quiz="${q}"] .cs-mark`))
  .map(m => {
    const at = m.closest('[data-cs-choice], .cs-pair, [data-cs-item]');
    const what = !at ? 'box' : at.getAttribute('data-cs-choice')
      || at.getAttribute('data-cs-item') || at.querySelector('select').getAttribute('data-cs-pair');
    return [what, m.getAttribute('data-cs-mark'), m.querySelector('.cs-sr-only').textContent,
            m.querySelector('[aria-hidden="true"]').textContent];
  })"""


def marks(page: Any, quiz: str) -> list[tuple[str, str, str]]:
    """(what is marked, its state, the word a screen reader reads) per mark, in page order;
    each mark also shows a glyph (hidden from screen readers): a tick, or a cross when wrong."""
    found: list[list[str]] = page.evaluate(MARKS, quiz)
    for _, state, _, glyph in found:
        assert glyph == ("\u2717" if state == "incorrect" else "\u2713"), (state, glyph)
    return [(what, state, word) for what, state, word, _ in found]


def feedback(page: Any, quiz: str) -> str:
    text: str = form(page, quiz).locator("[data-cs-feedback]").inner_text()
    return " ".join(text.split())


def focused_on_feedback(page: Any, quiz: str) -> bool:
    return bool(page.evaluate(
        """q => document.activeElement === document.querySelector(
             `form[data-cs-quiz="${q}"] [data-cs-feedback]`)""", quiz))


def choose(page: Any, quiz: str, *labels: str) -> None:
    for label in labels:
        form(page, quiz).get_by_label(label, exact=False).check()


def check(page: Any, quiz: str) -> None:
    form(page, quiz).locator("[data-cs-check]").click()
    assert focused_on_feedback(page, quiz), f"{quiz}: the focus is not on the feedback"


def show_answer(page: Any, quiz: str) -> None:
    button = form(page, quiz).locator("[data-cs-reveal]")
    assert button.is_visible(), f"{quiz}: no Show answer button"
    button.click()
    assert focused_on_feedback(page, quiz), f"{quiz}: the focus is lost after Show answer"
    assert not button.is_visible()


def clean(page: Any, quiz: str, state: str) -> None:
    found = axe_violations(page, f"{quiz} {state}", f'form[data-cs-quiz="{quiz}"]')
    assert not found, "\n".join(found)


def words_match(found: list[tuple[str, str, str]]) -> None:
    for _, state, word in found:
        assert word == WORDS[state], (state, word)


def shoot(page: Any, quiz: str, name: str) -> None:
    folder = os.environ.get("COURSEC_SCREENS")
    if not folder:
        return
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        form(page, quiz).scroll_into_view_if_needed()
        form(page, quiz).screenshot(path=str(Path(folder) / f"kinds-{name}-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 800})


def test_single_choice_wrong_then_revealed_after_the_last_try(page: Any) -> None:
    choose(page, "q-single", "Email")
    check(page, "q-single")
    found = marks(page, "q-single")
    words_match(found)
    # the only try: the wrong choice is marked, and the answer shown
    assert [(w, s) for w, s, _ in found] == [("email", "incorrect"), ("phone", "answer")]
    assert "Not quite." in feedback(page, "q-single")
    assert "The correct answer is now shown." in feedback(page, "q-single")
    assert form(page, "q-single").get_attribute("data-cs-revealed") == ""
    assert not form(page, "q-single").locator("[data-cs-reveal]").is_visible()
    clean(page, "q-single", "revealed")


def test_multiple_response_says_which_are_wrong_and_missed(page: Any) -> None:
    choose(page, "q-multiple", "What happened next?", "Is that all?")
    check(page, "q-multiple")
    found = marks(page, "q-multiple")
    words_match(found)
    assert [(w, s) for w, s, _ in found] == [
        ("what-happened-next", "correct"), ("is-that-all", "incorrect"),
        ("how-can-i-help", "missed")]
    text = feedback(page, "q-multiple")
    assert "1 answer is wrong." in text and "1 correct choice was not chosen." in text
    # the name of each marked checkbox carries the word
    name = form(page, "q-multiple").get_by_role("checkbox", name="Is that all? incorrect")
    assert name.count() == 1
    clean(page, "q-multiple", "wrong")
    shoot(page, "q-multiple", "multiple-wrong")
    show_answer(page, "q-multiple")
    assert form(page, "q-multiple").locator("input:disabled").count() == 4
    clean(page, "q-multiple", "revealed")


def test_true_false(page: Any) -> None:
    choose(page, "q-tf", "False")
    check(page, "q-tf")
    found = marks(page, "q-tf")
    words_match(found)
    assert [(w, s) for w, s, _ in found] == [("true", "answer"), ("false", "incorrect")]
    clean(page, "q-tf", "revealed")


def test_fill_in_verdict_on_the_box_and_the_accepted_answer(page: Any) -> None:
    form(page, "q-fill").locator("[data-cs-answer]").fill("cold")
    check(page, "q-fill")
    found = marks(page, "q-fill")
    words_match(found)
    assert [s for _, s, _ in found] == ["incorrect"]
    assert form(page, "q-fill").locator("[data-cs-shown]").inner_text() == "Correct answer: warm"
    assert form(page, "q-fill").get_by_role("textbox", name="Your answer incorrect").count() == 1
    clean(page, "q-fill", "revealed")


def test_numeric_with_unlimited_tries_shows_the_answer_on_asking(page: Any) -> None:
    form(page, "q-numeric").locator("[data-cs-answer]").fill("7")
    check(page, "q-numeric")
    assert [s for _, s, _ in marks(page, "q-numeric")] == ["incorrect"]
    assert form(page, "q-numeric").locator("[data-cs-shown]").count() == 0
    clean(page, "q-numeric", "wrong")
    show_answer(page, "q-numeric")
    assert form(page, "q-numeric").locator("[data-cs-shown]").inner_text() == "Correct answer: 14"
    clean(page, "q-numeric", "revealed")


def test_matching_marks_the_wrong_pairs_and_sets_them_when_revealed(page: Any) -> None:
    selects = form(page, "q-matching").locator("select")
    pairs = [selects.nth(i).get_attribute("data-cs-pair") for i in range(selects.count())]
    # Greet gets its own match, the other two are swapped
    selects.nth(0).select_option(pairs[0])
    selects.nth(1).select_option(pairs[2])
    selects.nth(2).select_option(pairs[1])
    check(page, "q-matching")
    assert "2 answers are wrong." in feedback(page, "q-matching")
    found = marks(page, "q-matching")
    words_match(found)
    assert [(w, s) for w, s, _ in found] == [
        (pairs[0], "correct"), (pairs[1], "incorrect"), (pairs[2], "incorrect")]
    clean(page, "q-matching", "wrong")
    shoot(page, "q-matching", "matching-wrong")
    show_answer(page, "q-matching")
    assert [selects.nth(i).input_value() for i in range(3)] == pairs
    found = marks(page, "q-matching")
    words_match(found)
    assert [s for _, s, _ in found] == ["answer"] * 3
    clean(page, "q-matching", "revealed")


def test_sequencing_marks_positions_then_orders_on_asking(page: Any) -> None:
    check(page, "q-sequencing")  # the start order is never the right one
    found = marks(page, "q-sequencing")
    words_match(found)
    wrong = [w for w, s, _ in found if s == "incorrect"]
    assert wrong and len(found) == 4
    assert f"{len(wrong)} answer" in feedback(page, "q-sequencing")
    clean(page, "q-sequencing", "wrong")
    show_answer(page, "q-sequencing")
    items = form(page, "q-sequencing").locator("[data-cs-item]")
    assert [items.nth(i).get_attribute("data-cs-item") for i in range(4)] == [
        "greet", "listen", "solve", "close"]
    assert [s for _, s, _ in marks(page, "q-sequencing")] == ["answer"] * 4
    clean(page, "q-sequencing", "revealed")


def test_a_correct_answer_keeps_the_focus_on_the_feedback(page: Any) -> None:
    choose(page, "q-multiple", "What happened next?", "How can I help?")
    check(page, "q-multiple")
    assert form(page, "q-multiple").locator("[data-cs-check]").is_disabled()
    assert [s for _, s, _ in marks(page, "q-multiple")] == ["correct", "correct"]
    assert not form(page, "q-multiple").locator("[data-cs-reveal]").is_visible()


def test_changing_the_answer_clears_the_marks_of_the_last_check(page: Any) -> None:
    # a click on another checkbox (the browser's own input and change events)
    choose(page, "q-multiple", "What happened next?", "Is that all?")
    check(page, "q-multiple")
    assert marks(page, "q-multiple") and "1 answer is wrong." in feedback(page, "q-multiple")
    form(page, "q-multiple").get_by_label("Is that all?", exact=False).uncheck()
    assert marks(page, "q-multiple") == []
    assert feedback(page, "q-multiple") == ""
    assert form(page, "q-multiple").get_attribute("data-cs-result") is None
    # typing in a box (input events), with unlimited tries
    box = form(page, "q-numeric").locator("[data-cs-answer]")
    box.fill("7")
    check(page, "q-numeric")
    assert [s for _, s, _ in marks(page, "q-numeric")] == ["incorrect"]
    box.press_sequentially("1")
    assert marks(page, "q-numeric") == [] and feedback(page, "q-numeric") == ""
    assert form(page, "q-numeric").locator("[data-cs-reveal]").is_visible()
    # a quiz that is done keeps its marks (its inputs are locked: nothing can change them)
    choose(page, "q-single", "Email")
    check(page, "q-single")
    before = marks(page, "q-single")
    page.evaluate("""() => document.querySelector('form[data-cs-quiz="q-single"] input')
                     .dispatchEvent(new Event('change', {bubbles: true}))""")
    assert marks(page, "q-single") == before and before


def test_a_shown_answer_is_kept_when_the_learner_comes_back(page: Any) -> None:
    """Show answer is part of the resume state: after a reload the quiz is still revealed and
    locked (its entry [tries, response, result, 1]), the button gone."""
    form(page, "q-numeric").locator("[data-cs-answer]").fill("7")
    check(page, "q-numeric")
    show_answer(page, "q-numeric")
    entry = page.evaluate("""() => { const q = JSON.parse(document.getElementById('cs-data')
        .textContent).quizzes.findIndex(x => x.id === 'q-numeric');
      return window.coursec.state().q[q]; }""")
    assert entry == [1, "7", 0, 1]
    page.reload()
    page.wait_for_function("() => document.documentElement.classList.contains('cs-js')")
    again = form(page, "q-numeric")
    assert again.get_attribute("data-cs-revealed") == ""
    assert again.locator("[data-cs-shown]").inner_text() == "Correct answer: 14"
    assert feedback(page, "q-numeric").endswith("The correct answer is now shown.")
    assert not again.locator("[data-cs-reveal]").is_visible()
    assert again.locator("[data-cs-answer]").is_disabled()
    assert again.locator("[data-cs-check]").is_disabled()


def test_a_chosen_match_is_written_out_in_full_under_its_select(page: Any) -> None:
    """A closed select cuts a long text (a phone's 320 px): the chosen match is repeated in
    full, wrapped, under the select (hidden from screen readers, which read the select); the
    select stays a 44 px touch target."""
    page.set_viewport_size({"width": 320, "height": 800})
    selects = form(page, "q-matching").locator("select")
    echoes = form(page, "q-matching").locator("[data-cs-echo]")
    assert echoes.count() == selects.count() and not echoes.first.is_visible()
    chosen = selects.first.locator("option").nth(2).inner_text()
    selects.first.select_option(index=2)
    assert echoes.first.is_visible() and echoes.first.inner_text() == chosen
    assert echoes.first.get_attribute("aria-hidden") == "true"
    box = selects.first.bounding_box()
    assert box is not None and box["height"] >= 44
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    selects.first.select_option(index=0)
    assert not echoes.first.is_visible()
