"""``coursec preview`` in Chromium: the LMS panel, live reload with resume, the overlay.

The preview runs in this process on a copy of the sample course; the panel page is driven by
Playwright. The save-to-reloaded-page time is measured (file written -> the SCO's ``load``
event in the panel, both on the wall clock of this machine) and printed, never asserted.

Run as a script to measure any course (for the 20x benchmark course, for instance):

    python tests/browser/test_preview_browser.py /tmp/bench-20x --target scorm2004 --runs 5
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coursec.preview.app import Preview, PreviewOptions

try:
    from .lmshost import CHROMIUM, CHROMIUM_ARGS, SCORM_AGAIN, missing_browser
except ImportError:  # run as a script: python tests/browser/test_preview_browser.py
    from lmshost import (  # type: ignore[no-redef,import-not-found,unused-ignore]
        CHROMIUM,
        CHROMIUM_ARGS,
        SCORM_AGAIN,
        missing_browser,
    )

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

    def __init__(self, course: Path, target: str) -> None:
        self.course = course
        self.app = Preview(PreviewOptions(course_dir=course, target=target, port=0), io.StringIO())
        self.app.site.scorm_again = SCORM_AGAIN
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


def save_and_wait(page: Any, path: Path, old: str, new: str) -> float:
    """Edit ``path``; wait for the panel to reload the SCO; the milliseconds it took."""
    count = reloads(page)
    text = path.read_text(encoding="utf-8")
    assert old in text
    start = time.time() * 1000
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    page.wait_for_function(
        f"window.preview.reloads.length > {count} && window.preview.ready", timeout=WAIT_MS
    )
    last = page.evaluate("window.preview.reloads[window.preview.reloads.length - 1].at")
    return float(last) - start


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


def test_save_reloads_the_page_and_keeps_the_place(browser: Any, sample: Running) -> None:
    page = open_panel(browser, sample)
    try:
        go_to(page, PAGE)
        answer_right(page, "touchpoint-memory")
        path = sample.course / "lessons" / LESSON
        times = []
        for i in range(3):
            old = "exactly as late" if i == 0 else f"exactly as late ({i})"
            times.append(save_and_wait(page, path, old, f"exactly as late ({i + 1})"))
            frame = sco(page)
            assert frame.get_attribute(VISIBLE, "data-cs-page") == PAGE
            assert f"exactly as late ({i + 1})" in frame.inner_text(VISIBLE)
            # the answer came back with the resume state
            assert frame.get_attribute('form[data-cs-quiz="touchpoint-memory"]', "data-cs-result")
        print(f"\nsave -> reloaded page, sample course: {_summary(times)}")
    finally:
        page.close()


def test_broken_save_shows_the_overlay_over_the_last_good_page(
    browser: Any, sample: Running
) -> None:
    page = open_panel(browser, sample)
    try:
        go_to(page, PAGE)
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
        assert reloads(page) == count  # the last good page stays
        assert sco(page).get_attribute(VISIBLE, "data-cs-page") == PAGE
        path.write_text(text, encoding="utf-8")
        page.wait_for_selector("#pv-overlay", state="hidden", timeout=WAIT_MS)
        page.wait_for_function(f"window.preview.reloads.length > {count}", timeout=WAIT_MS)
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
        import requires  # (a local import: this file also runs as a script)

        requires.dot()
        response = page.request.get(sample.app.url.rstrip("/") + href)
        assert response.status == 200 and b"<svg" in response.body()
    finally:
        page.close()


# --------------------------------------------------------------------------------------------


def _summary(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):.0f} ms, min {min(times):.0f}, max {max(times):.0f}"
        f" over {len(times)} saves"
    )


def measure(course: Path, target: str, runs: int) -> list[float]:
    """Save the first lesson ``runs`` times (appending a word); the save -> reload times."""
    if missing_browser():
        raise SystemExit(missing_browser())
    from playwright.sync_api import sync_playwright

    lessons = sorted((course / "lessons").glob("*.md"))
    path = lessons[0]
    original = path.read_text(encoding="utf-8")
    running = Running(course, target)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = open_panel(b, running, f"?target={target}")
            times = []
            for i in range(runs):
                current = path.read_text(encoding="utf-8")
                times.append(save_and_wait(page, path, current, current + f"\nEdit {i}.\n"))
            b.close()
    finally:
        path.write_text(original, encoding="utf-8")
        running.stop()
    return times


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="measure save -> reloaded page in the preview")
    parser.add_argument("course", type=Path)
    parser.add_argument("--target", default="scorm12")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.course, args.target, args.runs)
    print(f"{args.course} ({args.target}): {_summary(result)}", file=sys.stderr)
    print(json.dumps([round(t, 1) for t in result]))
