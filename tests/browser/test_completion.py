"""The end of the course and the scenario debrief, in Chromium.

SCORM 1.2 and 2004 through scorm-again (the test LMS): a learner plays the sample to the end,
Next on the last page opens the completion screen (status, score, scenario outcomes, nothing
left), Exit ends the session; what the LMS stored says how (1.2 ``cmi.core.exit`` "", 2004
``cmi.exit`` "normal" with ``adl.nav.request`` "exitAll", LMSFinish / Terminate once, no call
after it, no error). A learner who exits early sees what remains (links) and exits with suspend.
On the web target (de-DE, ar-SA, en-US): the debrief shows the translated competency names with
the thresholds, numbers isolated left-to-right in Arabic; a practice scenario says no pass or
fail; axe finds nothing on the debrief and the completion screen. Screenshots of the debrief,
the menu with per-lesson progress and the completion screen at 375 and 1280 px go to
``COURSEC_SCREENSHOTS`` (default: the test's folder).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import SAMPLE_COURSE, build_course
from .learner import CourseLearner
from .lmshost import SCORM12, Lms, SessionResult
from .test_axe import axe_violations
from .test_layout import open_course

ISOLATES = str.maketrans("", "", "\u2066\u2069")


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    built: dict[str, Path] = {}

    def get(region: str) -> Path:
        if region not in built:
            out = tmp_path_factory.mktemp(f"completion-{region}")
            build_course(SAMPLE_COURSE, out, ("web",), region)
            built[region] = out / "customer-service" / region / "web" / "index.html"
        return built[region]
    return get


def assert_clean(result: SessionResult) -> None:
    assert result.problems == [], "the SCO's API use was flagged:\n" + "\n".join(result.problems)
    assert result.js_errors == [], "the page logged errors:\n" + "\n".join(result.js_errors)


def api_calls(result: SessionResult, names: tuple[str, ...]) -> list[tuple[str, str]]:
    """The SCO's calls among ``names`` in order: (method, element or '')."""
    return [(c["method"], str(c["args"][0]) if c["args"] else "") for c in result.calls
            if c["method"] in names]


def test_play_to_the_end_and_exit(lms: Lms, packages: dict[str, Path], target: str) -> None:
    player = lms.launch(packages[target])
    learner = CourseLearner(player.sco)
    learner.walk(correct=True)
    assert learner.take_assessment()["passed"] == "true"
    if learner.can_go_next():
        learner.next()
        learner.walk(stop_at_assessment=False)
    assert learner.current() == learner.pages()[-1]
    done = learner.finish()
    assert done.locator("[data-cs-done-status]").get_attribute("data-cs-done-status") == "passed"
    assert done.locator("[data-cs-done-score]").get_attribute("data-cs-done-score") == "100"
    outcomes = {li.get_attribute("data-cs-done-scenario"): li.inner_text()
                for li in done.locator("[data-cs-done-scenario]").all()}
    assert outcomes == {"late-refund": "The late refund: passed",
                        "no-policy-fits": "When no policy fits: practice completed"}, outcomes
    assert done.locator("[data-cs-todo]").count() == 0
    assert "saved in this browser" not in player.sco.locator("body").inner_text()
    assert axe_violations(player.sco, f"{target} completion", "section[data-cs-completion]") == []
    said = learner.exit()
    assert said == "Your session has ended. You can close this window."
    focused = player.sco.evaluate("() => document.activeElement.hasAttribute('data-cs-exited')")
    assert focused, "focus left the completion screen after Exit"
    term = "LMSFinish" if target == SCORM12 else "Terminate"
    assert any(c["method"] == term for c in player.calls()), "Exit did not end the session"
    result = player.close()
    assert_clean(result)
    if target == SCORM12:
        tail = api_calls(result, ("LMSSetValue", "LMSCommit", "LMSFinish"))[-4:]
        assert tail == [("LMSSetValue", "cmi.core.exit"), ("LMSSetValue", "cmi.core.session_time"),
                        ("LMSCommit", ""), ("LMSFinish", "")], tail
        assert result.values_set("cmi.core.exit")[-1] == ""
        assert result.stored["cmi.core.exit"] == ""
        assert result.stored["cmi.core.lesson_status"] == "passed"
    else:
        tail = api_calls(result, ("SetValue", "Commit", "Terminate"))[-5:]
        assert tail == [("SetValue", "cmi.exit"), ("SetValue", "adl.nav.request"),
                        ("SetValue", "cmi.session_time"), ("Commit", ""), ("Terminate", "")], tail
        assert result.values_set("adl.nav.request")[-1] == "exitAll"
        assert result.stored["cmi.exit"] == "normal"
        assert result.stored["cmi.completion_status"] == "completed"
        assert result.stored["cmi.success_status"] == "passed"
    assert [c["method"] for c in result.calls].count(term) == 1


def test_exit_early_lists_what_remains_and_suspends(lms: Lms, packages: dict[str, Path],
                                                    target: str) -> None:
    player = lms.launch(packages[target])
    learner = CourseLearner(player.sco)
    pages = learner.pages()
    learner.jump(pages[-1])
    done = learner.finish()
    status = done.locator("[data-cs-done-status]").get_attribute("data-cs-done-status")
    assert status == "incomplete"
    todo = done.locator("[data-cs-todo]")
    whys = [li.get_attribute("data-cs-todo") for li in todo.all()]
    data = learner.data
    at = data["quizzes"][data["assessment"]["pool"][0]]["page"]  # the assessment's page
    # every page but the first and the last to visit; the assessment, when on the last page
    last = ["assessment"] if at == len(pages) - 1 else []
    assert whys == ["visit"] * (len(pages) - 2) + last, whys
    link = todo.first.locator("a")
    assert link.get_attribute("href") == "#" + pages[1]
    link.click()
    assert learner.current() == pages[1], "a link of the completion screen opens its page"
    learner.jump(pages[-1])
    learner.finish()
    learner.exit()
    result = player.close()
    assert_clean(result)
    key = "cmi.core.exit" if target == SCORM12 else "cmi.exit"
    assert result.stored[key] == "suspend", "an unfinished course exits with suspend"
    if target != SCORM12:
        assert result.values_set("adl.nav.request")[-1] == "suspendAll"
    again = lms.relaunch(result, packages[target])
    entry = again.api_cmi()["cmi.core.entry" if target == SCORM12 else "cmi.entry"]
    assert entry == "resume"
    assert_clean(again.close())


def open_web(browser: Any, index: Path, width: int, height: int = 900) -> tuple[Any, Any]:
    return open_course(browser, index, width, height)


def jump(page: Any, learner: CourseLearner, page_id: str) -> None:
    """Open a page from the menu (the drawer opened first on a narrow screen)."""
    toggle = page.locator("[data-cs-menu-toggle]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    learner.jump(page_id)


def play(page: Any, scenario: str) -> Any:
    learner = CourseLearner(page)
    section = page.locator(f"section[data-cs-scenario='{scenario}']")
    jump(page, learner, next(p for p in learner.pages() if p.endswith("--" + scenario)))
    learner.play_scenario(scenario, passing=True)
    debrief = section.locator("[data-cs-node-index]:visible [data-cs-sc-debrief]")
    debrief.scroll_into_view_if_needed()
    return debrief


def rows(debrief: Any) -> list[list[str]]:
    return [[c.translate(ISOLATES) for c in r.locator("th, td").all_text_contents()]
            for r in debrief.locator("tr").all()]


@pytest.mark.parametrize(("region", "expected"), [
    ("de-DE", [["Kompetenz", "Ihr Wert", "Zum Bestehen nötig"],
               ["Empathie", None, "mindestens 3"], ["Richtlinientreue", None, "mindestens 1"],
               ["Deeskalation", None, "mindestens 2"]]),
    ("ar-SA", [["الكفاءة", "درجتك", "المطلوب للنجاح"],
               ["التعاطف", None, "3 على الأقل"], ["الدقة في تطبيق السياسة", None, "1 على الأقل"],
               ["تهدئة الموقف", None, "2 على الأقل"]]),
])
def test_debrief_names_and_thresholds_translated(browser: Any, web: Callable[[str], Path],
                                                 region: str, expected: list[list[Any]]) -> None:
    context, page = open_web(browser, web(region), 1280)
    try:
        debrief = play(page, "late-refund")
        got = rows(debrief)
        assert [[c for c, e in zip(r, x, strict=True) if e is not None] for r, x in
                zip(got, expected, strict=True)] == [[e for e in x if e is not None]
                                                      for x in expected], got
        assert all(r[1].lstrip("-").isdigit() for r in got[1:]), got
        assert debrief.locator("td bdi[dir='ltr']").count() == 3
        if region == "ar-SA":
            assert page.get_attribute("html", "dir") == "rtl"
            assert debrief.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert axe_violations(page, f"{region} debrief", "section[data-cs-scenario]") == []
        assert page.js_errors == []
    finally:
        context.close()


def test_practice_debrief_never_says_pass_or_fail(browser: Any, web: Callable[[str], Path]) -> None:
    context, page = open_web(browser, web("en-US"), 1280)
    try:
        debrief = play(page, "no-policy-fits")
        text = debrief.inner_text()
        assert "pass" not in text.lower() and "fail" not in text.lower(), text
        assert debrief.get_attribute("data-cs-passed") is None
        heading = page.locator("section[data-cs-scenario='no-policy-fits'] "
                               "[data-cs-node-index]:visible [data-cs-sc-heading]").inner_text()
        assert heading == "Practice complete"
        assert rows(debrief)[0] == ["Competency", "Your score", "Target"]
    finally:
        context.close()


@pytest.mark.parametrize("region", ["en-US", "ar-SA"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_axe(browser: Any, web: Callable[[str], Path], region: str, width: int,
                             tmp_path: Path) -> None:
    shots = Path(os.environ.get("COURSEC_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    context, page = open_web(browser, web(region), width, 800 if width > 400 else 740)
    try:
        debrief = play(page, "late-refund")
        debrief.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(shots / f"scen-debrief-{region}-{width}.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        learner = CourseLearner(page)
        if width < 900:
            page.locator("[data-cs-menu-toggle]").click()
        page.locator("#cs-toc").screenshot(path=str(shots / f"scen-menu-{region}-{width}.png"))
        counts = page.locator("[data-cs-lesson-progress]").all_text_contents()
        assert all(c.strip() for c in counts), counts
        jump(page, learner, learner.pages()[-1])
        done = learner.finish()
        page.screenshot(path=str(shots / f"scen-done-{region}-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.title().startswith(done.locator("h2").inner_text())
        assert axe_violations(page, f"{region} {width} completion") == []
        learner.exit()
        assert "saved in this browser" in done.inner_text() or "المتصفح" in done.inner_text()
        assert page.js_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_menu_entry_opens_the_completion_screen(browser: Any, web: Callable[[str], Path],
                                                width: int) -> None:
    """A learner who moves by the menu reaches the end screen from it (the drawer on a phone),
    its heading focused and on the screen, the entry current; Back returns to the page."""
    context, page = open_web(browser, web("en-US"), width, 740)
    try:
        learner = CourseLearner(page)
        first = learner.current()
        toggle = page.locator("[data-cs-menu-toggle]")
        if toggle.is_visible():
            toggle.click()
        entry = page.locator("#cs-toc a[data-cs-finish]")
        assert entry.inner_text() == "End of the course"
        entry.click()
        done = page.locator("section[data-cs-completion]")
        done.wait_for(state="visible")
        assert page.evaluate("document.activeElement.id") == "cs-done-h"
        top = page.evaluate("document.getElementById('cs-done-h').getBoundingClientRect().top")
        assert 0 <= top < 740
        assert entry.get_attribute("aria-current") == "page"
        assert done.locator("[data-cs-todo]").count() > 0, "nothing done yet: all remains"
        if toggle.is_visible():
            assert toggle.get_attribute("aria-expanded") == "false", "the drawer closed"
        page.locator("[data-cs-nav='prev']").click()
        assert learner.current() == first
        assert entry.get_attribute("aria-current") is None
        assert page.js_errors == []
    finally:
        context.close()
