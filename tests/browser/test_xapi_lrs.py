"""The xapi package (and the web package launched the TinCan way) against a real LRS.

A scripted learner plays the sample course in Chromium; the assertions read what Ralph stored
(``tincan`` client) and validate every statement strictly (``BaseXapiStatement``).
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from lrs import checks
from lrs.lms import Launch, LrsLms

from .learner import CourseLearner

WAIT = 30.0  # seconds to wait for the LRS to hold what the page queued (never asserted on)


def wait_for(lms: LrsLms, registration: str, done: Any) -> list[dict[str, Any]]:
    """Statements stored for ``registration`` once ``done(statements)`` holds (or the deadline
    passed: the caller's assertions then say what is missing)."""
    deadline = time.monotonic() + WAIT
    while True:
        stored = lms.stored(registration)
        if done(stored) or time.monotonic() > deadline:
            return stored
        time.sleep(0.25)


def has(verb: str, n: int = 1) -> Any:
    return lambda stored: sum(checks.verb(s) == verb for s in stored) >= n


def walk(learner: CourseLearner, *, stop_at_assessment: bool = True) -> None:
    """Next through the pages answering the practice quizzes right and playing every scenario
    to a passing ending."""
    for _ in range(len(learner.pages()) + 1):
        learner.answer_visible(True)
        for scenario in learner.visible_scenarios():
            learner.play_scenario(scenario, passing=True)
        if (stop_at_assessment and learner.assessment().count()) or not learner.can_go_next():
            return
        learner.next()


def play_all(learner: CourseLearner) -> None:
    walk(learner)
    if learner.assessment().count():
        result = learner.take_assessment()
        assert result["passed"] == "true", result
        if learner.can_go_next():
            learner.next()
            walk(learner, stop_at_assessment=False)


def open_page(browser: Any, url: str) -> tuple[Any, Any]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.coursec && window.coursecTransport")
    return context, page


def course_lang(learner: CourseLearner) -> str:
    return str(learner.data["lang"])


@pytest.mark.parametrize("target", ["xapi", "web"])
def test_full_run_statements(browser: Any, lrs_lms: LrsLms, lrs_packages: dict[str, str],
                             target: str) -> None:
    name = f"cs-{target}"
    launch: Launch = lrs_lms.xapi_launch(name)
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    play_all(learner)
    page.goto("about:blank")  # pagehide: terminated goes out with keepalive
    context.close()
    stored = wait_for(lrs_lms, launch.registration, has("terminated"))
    counts = checks.count_verbs(stored)
    print(f"\n{target}: statements per verb for a full run: {json.dumps(counts)}")
    problems = checks.common(stored, actor=launch.actor, registration=launch.registration,
                             lang=course_lang(learner)) + checks.exactly_once(stored)
    assert not problems, "\n".join(problems)
    pages = len(learner.data["pages"])
    assert counts.get("initialized") == 1 and counts.get("terminated") == 1, counts
    assert counts.get("experienced") == pages, counts
    course_id = learner.data["xapi"]["course"]["id"]
    course_done = [s for s in stored
                   if checks.verb(s) == "completed" and s["object"]["id"] == course_id]
    assert len(course_done) == 1 and counts.get("passed") == 1, counts
    decisions = [s for s in stored
                 if checks.DELTAS in (s.get("result") or {}).get("extensions", {})]
    assert counts.get("answered") == len(learner.answered) + len(decisions), counts
    scenarios = learner.data.get("scenarios") or []
    assert len(decisions) >= len(scenarios) and counts["completed"] == 1 + len(scenarios), counts
    ordered = sorted(stored, key=lambda s: s["timestamp"])
    assert checks.verb(ordered[0]) == "initialized" and checks.verb(ordered[-1]) == "terminated"


def test_web_without_launch_parameters_stays_local(browser: Any, lrs_lms: LrsLms,
                                                   lrs_packages: dict[str, str]) -> None:
    before = len(lrs_lms.requests("/lrs/"))
    context, page = open_page(browser, lrs_packages["web"])
    CourseLearner(page).next()
    assert page.evaluate("window.coursecTransport.lrsLaunch") is None  # local.js's transport
    assert page.evaluate("Object.keys(localStorage).some(k => k.indexOf('coursec:') === 0)")
    context.close()
    assert len(lrs_lms.requests("/lrs/")) == before, "a web page without parameters called an LRS"


def test_resume_through_the_state_api(browser: Any, lrs_lms: LrsLms,
                                      lrs_packages: dict[str, str]) -> None:
    launch = lrs_lms.xapi_launch("cs-xapi")
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    for _ in range(3):
        learner.answer_visible(True)
        learner.next()
    left_on = learner.current()
    page.wait_for_function("() => window.coursecTransport.pending() === 0")
    page.goto("about:blank")
    context.close()  # a new browser profile: nothing in localStorage, only the LRS has the state
    again = lrs_lms.xapi_launch("cs-xapi", registration=launch.registration, actor=launch.actor)
    context, page = open_page(browser, again.url)
    assert CourseLearner(page).current() == left_on
    context.close()
    writes = [r for r in lrs_lms.log if r.get("state_id", "").endswith("/state") and r.get("write")
              and r["query"].get("registration") == launch.registration]
    assert writes, "the state never went through the State API"
