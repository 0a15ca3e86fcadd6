"""``coursec preview`` in Chromium: the LMS panel, pages patched in place, relaunch with resume.

The preview runs in this process on a copy of the sample course; the panel page is driven by
Playwright. A prose or question-text save patches the page into the running SCO (asserted: no
second LMSInitialize, the frame's window kept, no API call, the learner's answers shown); an
answer-key edit or a new page relaunches it; a broken save shows the overlay. Timing is
measured by ``bench/preview.py``, never here.
"""

from __future__ import annotations

import io
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requires

from coursec.preview.app import Preview, PreviewOptions

from .lmshost import SCORM_AGAIN

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "courses" / "customer-service"
WAIT_MS = 30000  # for a rebuild and a reload to happen at all; never an assertion on time
LESSON = "01-why-service-matters.md"
PAGE = "why-service-matters--human-touchpoint"
VISIBLE = "section[data-cs-page]:not([hidden])"


# ``browser``: the one Chromium of the session (tests/browser/conftest.py); two sync
# Playwright instances cannot run in one process.


class Running:
    """A preview of a course folder, served and watched in this process."""

    def __init__(self, course: Path, target: str, scorm_again: Path | None = SCORM_AGAIN) -> None:
        self.course = course
        self.app = Preview(PreviewOptions(course_dir=course, target=target, port=0), io.StringIO())
        self.app.site.scorm_again = scorm_again
        self.app.start()
        self.watcher = threading.Thread(target=self.app.watch, daemon=True)
        self.watcher.start()

    def stop(self) -> None:
        self.app.stop()
        self.watcher.join(10)


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Running]:
    course = tmp_path / "customer-service"
    shutil.copytree(SAMPLE, course)
    running = Running(course, "scorm12")
    try:
        yield running
    finally:
        running.stop()


def open_panel(browser: Any, running: Running, query: str = "") -> Any:
    page = browser.new_page()
    page.goto(running.app.url + query)
    page.wait_for_function("window.preview && window.preview.ready", timeout=WAIT_MS)
    return page


def sco(page: Any) -> Any:
    frame = page.frame(name="sco")
    assert frame is not None
    return frame


def reloads(page: Any) -> int:
    return int(page.evaluate("window.preview.reloads.length"))


def go_to(page: Any, key: str) -> None:
    frame = sco(page)
    for _ in range(50):
        if frame.get_attribute(VISIBLE, "data-cs-page") == key:
            return
        frame.click('button[data-cs-nav="next"]')
    raise AssertionError(f"page {key} not reached")


def answer_right(page: Any, quiz_id: str) -> None:
    frame = sco(page)
    data = json.loads(frame.inner_text("#cs-data") or "{}")
    quiz = next(q for q in data["quizzes"] if q["id"] == quiz_id)
    choice = quiz["choices"][quiz["correct"][0]]
    frame.check(f'input[name="{quiz_id}"][value="{choice}"]')
    frame.click(f'form[data-cs-quiz="{quiz_id}"] button[data-cs-check]')


def cell(page: Any, name: str) -> str | None:
    row = page.query_selector(f'#pv-cmi tr[data-name="{name}"] td:last-child')
    return row.inner_text() if row else None


# --------------------------------------------------------------------------------------------


def test_panel_shows_the_values_after_a_scripted_answer(browser: Any, sample: Running) -> None:
    page = open_panel(browser, sample)
    try:
        assert page.evaluate("typeof window.API.LMSInitialize") == "function"
        go_to(page, PAGE)
        answer_right(page, "touchpoint-memory")
        page.wait_for_selector('#pv-cmi tr[data-name="cmi.interactions.0.id"]', timeout=WAIT_MS)
        assert "touchpoint-memory" in (cell(page, "cmi.interactions.0.id") or "")
        assert cell(page, "cmi.interactions.0.result") == "correct"
        assert cell(page, "cmi.core.lesson_location") == PAGE
        suspend = cell(page, "cmi.suspend_data") or ""
        assert suspend.startswith("{")
        shown = page.inner_text("#pv-suspend-text")
        assert shown.startswith(f"{len(suspend)} / 4096 characters")
        calls = page.inner_text("#pv-calls")
        assert 'LMSSetValue("cmi.core.lesson_location"' in calls and "LMSInitialize" in calls
    finally:
        page.close()


def patches(page: Any) -> int:
    return int(page.evaluate("window.preview.patches.length"))


def inits(page: Any) -> int:
    """LMSInitialize / Initialize calls in the LMS panel's API log."""
    return int(
        page.evaluate(
            "window.preview.calls.filter(c => /^(LMS)?Initialize$/.test(c.method)).length"
        )
    )


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def save_and_patch(page: Any, path: Path, old: str, new: str) -> dict[str, Any]:
    """Edit ``path``; wait for the panel to patch the page in; the patch's record."""
    count = patches(page)
    edit(path, old, new)
    page.wait_for_function(f"window.preview.patches.length > {count}", timeout=WAIT_MS)
    record: dict[str, Any] = page.evaluate(
        "window.preview.patches[window.preview.patches.length - 1]"
    )
    return record


def save_and_relaunch(page: Any, path: Path, old: str, new: str) -> str:
    """Edit ``path``; wait for the panel to relaunch the SCO; the reason it gave."""
    count, refused = reloads(page), int(page.evaluate("window.preview.relaunches.length"))
    edit(path, old, new)
    page.wait_for_function(
        f"window.preview.reloads.length > {count} && window.preview.ready", timeout=WAIT_MS
    )
    assert int(page.evaluate("window.preview.relaunches.length")) == refused + 1
    return str(page.evaluate("window.preview.relaunches[window.preview.relaunches.length - 1]"))


QUIZ_FORM = 'form[data-cs-quiz="touchpoint-memory"]'
RIGHT = f'{QUIZ_FORM} input[value="how-the-agent-treated"]'


def mark_frame(page: Any) -> None:
    """A property on the course frame's window: it survives a patch, not a reload."""
    sco(page).evaluate("window.__stillHere = 'yes'")


def frame_kept(page: Any) -> bool:
    return bool(sco(page).evaluate("window.__stillHere === 'yes'"))


def test_prose_edit_patches_without_relaunching(browser: Any, sample: Running) -> None:
    page = open_panel(browser, sample)
    try:
        go_to(page, PAGE)
        answer_right(page, "touchpoint-memory")
        page.wait_for_selector('#pv-cmi tr[data-name="cmi.interactions.0.id"]', timeout=WAIT_MS)
        frame = sco(page)
        frame.focus(f"#{PAGE}-h")
        frame.evaluate("window.scrollTo(0, 120)")
        scrolled = frame.evaluate("window.scrollY")
        mark_frame(page)
        before_calls = page.evaluate("window.preview.calls.length")
        before_cmi = page.evaluate("window.preview.cmi()")
        started, count = inits(page), reloads(page)
        path = sample.course / "lessons" / LESSON
        save_and_patch(page, path, "exactly as late", "exactly as late (patched)")
        assert reloads(page) == count and inits(page) == started == 1 and frame_kept(page)
        assert "exactly as late (patched)" in frame.inner_text(VISIBLE)
        assert frame.get_attribute(VISIBLE, "data-cs-page") == PAGE  # the current page stays
        # the learner's answer, re-applied from the state: checked, graded, locked
        assert frame.get_attribute(QUIZ_FORM, "data-cs-result") == "correct"
        assert frame.is_checked(RIGHT) and frame.is_disabled(RIGHT)
        feedback = frame.inner_text(f"{QUIZ_FORM} [data-cs-feedback]")
        assert "Right. The facts fade quickly" in feedback
        assert frame.evaluate("document.activeElement.id") == f"{PAGE}-h"
        assert frame.evaluate("window.scrollY") == scrolled
        assert frame.query_selector(f"#{PAGE} .cs-scroll table")  # layout.js boxed the table
        # nothing reached the LMS
        assert page.evaluate("window.preview.calls.length") == before_calls
        assert page.evaluate("window.preview.cmi()") == before_cmi

        # an edit of a page the learner is not on, then back to the answered quiz
        go_to(page, "why-service-matters--three-layers")
        save_and_patch(page, path, "exactly as late (patched)", "exactly as late (again)")
        assert frame.get_attribute(VISIBLE, "data-cs-page") == "why-service-matters--three-layers"
        frame.click('button[data-cs-nav="prev"]')
        assert "exactly as late (again)" in frame.inner_text(VISIBLE)
        assert frame.is_checked(RIGHT) and frame.is_disabled(RIGHT)
        assert inits(page) == 1 and reloads(page) == count and frame_kept(page)
        assert cell(page, "cmi.interactions.0.result") == "correct"
        assert "patched 1 page(s) in place" in page.inner_text("#pv-build")
    finally:
        page.close()


def test_an_unchecked_answer_and_an_open_hint_survive_a_patch(
    browser: Any, sample: Running
) -> None:
    page = open_panel(browser, sample)
    try:
        go_to(page, PAGE)
        frame = sco(page)
        frame.check(RIGHT)
        frame.click(f"{QUIZ_FORM} [data-cs-hint-toggle]")
        path = sample.course / "lessons" / LESSON
        save_and_patch(page, path, "what people tell their friends", "what people tell friends")
        assert frame.is_checked(RIGHT) and not frame.is_disabled(RIGHT)
        assert frame.get_attribute(QUIZ_FORM, "data-cs-result") is None
        hint = frame.get_attribute(f"{QUIZ_FORM} [data-cs-hint-toggle]", "aria-controls")
        assert "what people tell friends" in frame.inner_text(f"#{hint}")
        assert frame.is_visible(f"#{hint}")
        frame.click(f"{QUIZ_FORM} button[data-cs-check]")  # the re-bound form still grades
        assert frame.get_attribute(QUIZ_FORM, "data-cs-result") == "correct"
        assert inits(page) == 1
    finally:
        page.close()


def test_question_text_edit_patches_and_reaches_the_lms(browser: Any, sample: Running) -> None:
    page = open_panel(browser, sample, "?target=scorm2004")
    try:
        go_to(page, PAGE)
        mark_frame(page)
        path = sample.course / "lessons" / LESSON
        save_and_patch(page, path, "arrives two days late", "arrives three days late")
        frame = sco(page)
        assert "arrives three days late" in frame.inner_text(f"{QUIZ_FORM} legend, {QUIZ_FORM}")
        data = json.loads(frame.inner_text("#cs-data"))
        assert "three days late" in data["quizzes"][0]["text"]
        assert frame_kept(page) and inits(page) == 1
        answer_right(page, "touchpoint-memory")
        # the running SCO reports the new text: the player's own cs-data object was updated
        page.wait_for_selector(
            '#pv-cmi tr[data-name="cmi.interactions.0.description"]', timeout=WAIT_MS
        )
        assert "three days late" in (cell(page, "cmi.interactions.0.description") or "")
    finally:
        page.close()


def test_question_text_edit_reaches_the_cmi5_statements(browser: Any, sample: Running) -> None:
    page = open_panel(browser, sample, "?target=cmi5")
    try:
        go_to(page, PAGE)
        mark_frame(page)
        path = sample.course / "lessons" / LESSON
        save_and_patch(page, path, "arrives two days late", "arrives three days late")
        answer_right(page, "touchpoint-memory")
        page.wait_for_selector('#pv-cmi tr[data-name$=" answered"]', timeout=WAIT_MS)
        [answered] = [
            s for s in sample.app.site.sink.statements if s["verb"]["id"].endswith("/answered")
        ]
        assert "three days late" in json.dumps(answered["object"]["definition"])
        assert frame_kept(page) and reloads(page) == 1
    finally:
        page.close()


def test_answer_key_edit_or_a_new_page_relaunches(browser: Any, sample: Running) -> None:
    page = open_panel(browser, sample)
    try:
        go_to(page, PAGE)
        path = sample.course / "lessons" / LESSON
        text = path.read_text(encoding="utf-8")
        rekeyed = text.replace("- [x] How the agent", "- [ ] How the agent", 1).replace(
            "- [ ] The exact date", "- [x] The exact date", 1
        )
        reason = save_and_relaunch(page, path, text, rekeyed)
        assert "touchpoint-memory changed beyond its texts" in reason
        assert sco(page).get_attribute(VISIBLE, "data-cs-page") == PAGE  # resumed there
        assert inits(page) == 2
        reason = save_and_relaunch(
            page, path, "## Three layers", "## A new page {#new-page}\n\nNew.\n\n## Three layers"
        )
        assert reason == "pages were added, removed or moved"
        assert sco(page).query_selector('[data-cs-page="why-service-matters--new-page"]')
        assert inits(page) == 3 and patches(page) == 0
    finally:
        page.close()


def test_broken_save_shows_the_overlay_over_the_last_good_page(
    browser: Any, sample: Running
) -> None:
    page = open_panel(browser, sample)
    try:
        go_to(page, PAGE)
        answer_right(page, "touchpoint-memory")
        count = reloads(page)
        path = sample.course / "lessons" / LESSON
        text = path.read_text(encoding="utf-8")
        broken = text.replace("- [x] How the agent treated", "- [ ] How the agent treated", 1)
        assert broken != text
        path.write_text(broken, encoding="utf-8")
        page.wait_for_selector("#pv-overlay:not([hidden])", timeout=WAIT_MS)
        shown = page.inner_text("#pv-diagnostics")
        assert f"{LESSON}:44:1: error[CS205]" in shown
        assert ":::{quiz} touchpoint-memory" in shown  # the source snippet
        assert reloads(page) == count and patches(page) == 0  # the last good page stays
        assert sco(page).get_attribute(VISIBLE, "data-cs-page") == PAGE
        assert sco(page).is_checked(RIGHT) and inits(page) == 1
        path.write_text(text, encoding="utf-8")  # fixed: the page is patched (same structure)
        page.wait_for_selector("#pv-overlay", state="hidden", timeout=WAIT_MS)
        page.wait_for_function("window.preview.patches.length > 0", timeout=WAIT_MS)
        assert reloads(page) == count and inits(page) == 1
    finally:
        page.close()


def test_target_switch_without_restarting(browser: Any, sample: Running) -> None:
    page = open_panel(browser, sample)
    try:
        count = reloads(page)
        page.select_option("#pv-target", "scorm2004")
        page.wait_for_function(
            f"window.preview.reloads.length > {count} && window.preview.ready", timeout=WAIT_MS
        )
        assert "/scorm2004/" in sco(page).url
        assert page.evaluate("typeof window.API_1484_11.Initialize") == "function"
        assert page.evaluate("typeof window.API") == "undefined"
        page.wait_for_selector('#pv-cmi tr[data-name="cmi.location"]', timeout=WAIT_MS)
        assert "/ 64000 characters" in page.inner_text("#pv-suspend-text")
        page.select_option("#pv-target", "web")
        page.wait_for_function(
            f"window.preview.reloads.length > {count + 1} && window.preview.ready",
            timeout=WAIT_MS,
        )
        assert "/web/" in sco(page).url
        assert "localStorage" in page.inner_text("#pv-lms-note")
    finally:
        page.close()


@pytest.mark.parametrize("target", ["xapi", "cmi5"])
def test_statement_sink_shows_the_statements(browser: Any, sample: Running, target: str) -> None:
    page = open_panel(browser, sample, f"?target={target}")
    try:
        assert f"/{target}/" in sco(page).url
        page.wait_for_selector('#pv-cmi tr[data-name$=" initialized"]', timeout=WAIT_MS)
        go_to(page, PAGE)
        answer_right(page, "touchpoint-memory")
        page.wait_for_selector('#pv-cmi tr[data-name$=" answered"]', timeout=WAIT_MS)
        stored = sample.app.site.sink.statements
        answered = [s for s in stored if s["verb"]["id"].endswith("/answered")]
        assert answered and answered[0]["result"]["success"] is True
        if target == "cmi5":
            first = stored[0]
            assert first["verb"]["id"].endswith("/initialized")
            assert "https://w3id.org/xapi/cmi5/context/extensions/sessionid" in json.dumps(first)
    finally:
        page.close()


def test_scenario_page_links_to_its_graph(browser: Any, sample: Running) -> None:
    scenarios = sample.app.builder.result("en-US", "scorm12").scenarios()
    assert scenarios, "the sample course's scenarios are missing from the preview"
    page = open_panel(browser, sample)
    try:
        go_to(page, scenarios[0].page)
        link = page.wait_for_selector("#pv-scenario-here a", timeout=WAIT_MS)
        href = link.get_attribute("href")
        assert href.endswith(f"/{scenarios[0].id}.svg")
        requires.dot()
        response = page.request.get(sample.app.url.rstrip("/") + href)
        assert response.status == 200 and b"<svg" in response.body()
    finally:
        page.close()
