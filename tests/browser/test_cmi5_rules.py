"""The cmi5 package against the tests' strict cmi5 LMS (``tests/lrs/cmi5_rules.py``): every
statement is checked in order, inside a batch too, as CATAPULT's player checks it, and a
refusal (403 with ``violatedReqId``) fails the test. One test per defect of issue 12 (8-13)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from typing import Any

import pytest
from lrs import checks
from lrs.fixtures import REPO, SAMPLE
from lrs.lms import Launch, LrsLms

from .learner import CourseLearner
from .test_cmi5_lrs import AU
from .test_xapi_lrs import has, open_page, wait_for, walk

SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"


def session_of(s: dict[str, Any]) -> str:
    return str(((s.get("context") or {}).get("extensions") or {}).get(SESSION_EXT, ""))


def verbs_of(stored: list[dict[str, Any]], session: str) -> list[str]:
    mine = sorted((s for s in stored if session_of(s) == session and checks.verb(s) != "launched"),
                  key=lambda s: s["timestamp"])
    return [checks.verb(s) for s in mine]


def exit_course(page: Any, lms: LrsLms, launch: Launch) -> None:
    assert page.locator("button[data-cs-exit]").count() == 1, (page.url, page.content()[-3000:])
    page.locator("button[data-cs-exit]").click()
    page.wait_for_url(f"{lms.base}/return/{launch.session}", timeout=20000)


def to_assessment(learner: CourseLearner) -> None:
    walk(learner)
    assert learner.assessment().count(), "the walk did not reach the assessment"


def test_initialized_goes_alone_and_first(browser: Any, lrs_lms: LrsLms,
                                          lrs_packages: dict[str, str]) -> None:
    """Defect 8: CATAPULT refuses a batch holding initialized and anything else (9.3.0.0-4)."""
    launch = lrs_lms.cmi5_launch("cs-cmi5", AU)
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    learner.next()
    learner.next()
    exit_course(page, lrs_lms, launch)
    context.close()
    assert not lrs_lms.refused(launch.registration), lrs_lms.refused(launch.registration)
    stored = lrs_lms.stored(launch.registration)
    posts = [r for r in lrs_lms.log if r["path"] == "/lrs/statements" and r.get("ids")
             and any(s["id"] in r["ids"] for s in stored if session_of(s) == launch.session)]
    assert len(posts[0]["ids"]) == 1, posts[0]
    assert verbs_of(stored, launch.session)[0] == "initialized"
    assert verbs_of(stored, launch.session)[-1] == "terminated"


def test_refused_statement_is_told_and_the_session_goes_on(
        browser: Any, lrs_lms: LrsLms, lrs_packages: dict[str, str]) -> None:
    """Defect 9: a 403 on one statement (a cmi5 rule) neither stops the queue nor the Exit."""
    lrs_lms.faults.reject = lambda s: (checks.verb(s) == "experienced"
                                       and s["object"]["id"].endswith("/intro"))
    lrs_lms.faults.reject_status = 403
    try:
        launch = lrs_lms.cmi5_launch("cs-cmi5", AU)
        context, page = open_page(browser, launch.url)
        learner = CourseLearner(page)
        for _ in range(3):
            learner.next()
        page.wait_for_function("() => window.coursecTransport.rejected().length > 0")
        status = page.locator("[data-cs-lms-status]")
        assert status.get_attribute("data-cs-kind") == "error"
        assert learner.data["strings"]["lrs_refused"] in status.inner_text()
        exit_course(page, lrs_lms, launch)
        context.close()
    finally:
        lrs_lms.faults.reject = None
        lrs_lms.faults.reject_status = 400
    verbs = verbs_of(lrs_lms.stored(launch.registration), launch.session)
    assert verbs[0] == "initialized" and verbs[-1] == "terminated", verbs
    assert verbs.count("experienced") >= 3, verbs


def test_exit_returns_while_the_lrs_is_down(browser: Any, lrs_lms: LrsLms,
                                            lrs_packages: dict[str, str]) -> None:
    """Defect 9: Exit waits a bounded time for an unreachable LRS, then leaves."""
    launch = lrs_lms.cmi5_launch("cs-cmi5", AU)
    context, page = open_page(browser, launch.url)
    page.wait_for_function("() => window.coursecTransport.pending() === 0")
    lrs_lms.faults.down = True
    try:
        CourseLearner(page).next()
        started = time.monotonic()
        exit_course(page, lrs_lms, launch)  # within 20 s, or this raises
        waited = time.monotonic() - started
    finally:
        lrs_lms.faults.down = False
        context.close()
    assert [r for r in lrs_lms.log if r.get("dropped")], "the outage never reached the page"
    print(f"\nExit with the LRS down returned after {waited:.1f} s")


def test_leftovers_never_replayed_into_the_next_session(
        browser: Any, lrs_lms: LrsLms, lrs_packages: dict[str, str]) -> None:
    """Defect 10: what session 1 could not send is not replayed with its sessionid into
    session 2 (10.2.1.0-6); session 2 is clean and complete."""
    first = lrs_lms.cmi5_launch("cs-cmi5", AU)
    context, page = open_page(browser, first.url)
    learner = CourseLearner(page)
    page.wait_for_function("() => window.coursecTransport.pending() === 0")
    context.set_offline(True)
    learner.next()
    learner.next()
    assert page.evaluate("window.coursecTransport.pending()") >= 2
    page.goto("about:blank")  # closed offline: the queue stays in localStorage
    context.set_offline(False)
    second = lrs_lms.cmi5_launch("cs-cmi5", AU, registration=first.registration,
                                 actor=first.actor)
    page.goto(second.url)  # same browser profile
    page.wait_for_function("() => window.coursec && window.coursecTransport")
    CourseLearner(page).next()
    exit_course(page, lrs_lms, second)
    context.close()
    assert not lrs_lms.refused(first.registration), lrs_lms.refused(first.registration)
    verbs = verbs_of(lrs_lms.stored(first.registration), second.session)
    assert verbs[0] == "initialized" and verbs[-1] == "terminated", verbs


def test_fail_then_pass_in_one_session(browser: Any, lrs_lms: LrsLms,
                                       lrs_packages: dict[str, str]) -> None:
    """Defect 11: one verdict per session (9.3.0.0-3): the failure the learner retries is held
    back, the pass counts."""
    launch = lrs_lms.cmi5_launch("cs-cmi5", AU)
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    to_assessment(learner)
    assert learner.take_assessment(n_correct=1)["passed"] == "false"
    assert learner.take_assessment()["passed"] == "true"
    learner.walk(stop_at_assessment=False)
    exit_course(page, lrs_lms, launch)
    context.close()
    assert not lrs_lms.refused(launch.registration), lrs_lms.refused(launch.registration)
    verbs = verbs_of(lrs_lms.stored(launch.registration), launch.session)
    assert verbs.count("passed") == 1 and "failed" not in verbs, verbs
    assert lrs_lms.aus[(launch.registration, AU)].passed


def test_passed_marked_sent_only_when_acknowledged(browser: Any, lrs_lms: LrsLms,
                                                   lrs_packages: dict[str, str]) -> None:
    """Defect 11: a passed the LRS did not take is sent again in the next session."""
    lrs_lms.faults.reject = lambda s: checks.verb(s) == "passed"
    try:
        first = lrs_lms.cmi5_launch("cs-cmi5", AU)
        context, page = open_page(browser, first.url)
        learner = CourseLearner(page)
        to_assessment(learner)
        assert learner.take_assessment()["passed"] == "true"
        page.wait_for_function("() => window.coursecTransport.rejected().length > 0")
        exit_course(page, lrs_lms, first)
    finally:
        lrs_lms.faults.reject = None
    second = lrs_lms.cmi5_launch("cs-cmi5", AU, registration=first.registration,
                                 actor=first.actor)
    page.goto(second.url)
    page.wait_for_function("() => window.coursec && window.coursecTransport")
    exit_course(page, lrs_lms, second)
    context.close()
    assert not lrs_lms.refused(first.registration), lrs_lms.refused(first.registration)
    assert "passed" in verbs_of(lrs_lms.stored(first.registration), second.session)


def test_browse_work_never_counts(browser: Any, lrs_lms: LrsLms,
                                  lrs_packages: dict[str, str]) -> None:
    """Defect 13: a Browse session that passes leaves nothing for the next Normal session to
    send (10.2.2.0-2 in Browse; no completed/passed at the start of the Normal one)."""
    browse = lrs_lms.cmi5_launch("cs-cmi5", AU, mode="Browse")
    context, page = open_page(browser, browse.url)
    learner = CourseLearner(page)
    to_assessment(learner)
    assert learner.take_assessment()["passed"] == "true"
    learner.walk(stop_at_assessment=False)
    exit_course(page, lrs_lms, browse)
    normal = lrs_lms.cmi5_launch("cs-cmi5", AU, registration=browse.registration,
                                 actor=browse.actor)
    page.goto(normal.url)
    page.wait_for_function("() => window.coursec && window.coursecTransport")
    exit_course(page, lrs_lms, normal)
    context.close()
    assert not lrs_lms.refused(browse.registration), lrs_lms.refused(browse.registration)
    stored = wait_for(lrs_lms, browse.registration, has("terminated", 2))
    for session in (browse.session, normal.session):
        verbs = verbs_of(stored, session)
        assert not {"completed", "passed", "failed"} & set(verbs), verbs


@pytest.fixture(scope="module")
def lesson_package(tmp_path_factory: pytest.TempPathFactory, lrs_lms: LrsLms) -> str:
    """The sample built with ``xapi.au: lesson``, mounted as ``cs-cmi5-lessons``."""
    root = tmp_path_factory.mktemp("cmi5-lessons")
    course = root / "course"
    shutil.copytree(SAMPLE, course)
    config = course / "course.yaml"
    text = config.read_text(encoding="utf-8").replace("xapi:\n", "xapi:\n  au: lesson\n", 1)
    config.write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "coursec", "build", str(course), "--target", "cmi5",
                    "--region", "en-US", "--out", str(root / "out"), "--quiet"],
                   cwd=REPO, check=True, capture_output=True, timeout=300)
    lrs_lms.mount("cs-cmi5-lessons", next((root / "out").glob("*/en-US/cmi5")))
    return "cs-cmi5-lessons"


def test_an_au_per_lesson_plays_its_lesson(browser: Any, lrs_lms: LrsLms,
                                           lesson_package: str) -> None:
    """Defect 12: the AU of one lesson shows and judges that lesson only, and is completed by
    it (moveOn Completed, no masteryScore: no passed/failed)."""
    au = "https://courses.example.com/customer-service/active-listening/au"
    launch = lrs_lms.cmi5_launch(lesson_package, au)
    assert lrs_lms.au_of(lesson_package, au)["move_on"] == "Completed"
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    seen = learner.walk(stop_at_assessment=False)
    assert seen and all(key.startswith("active-listening--") for key in seen), seen
    exit_course(page, lrs_lms, launch)
    context.close()
    assert not lrs_lms.refused(launch.registration), lrs_lms.refused(launch.registration)
    verbs = verbs_of(lrs_lms.stored(launch.registration), launch.session)
    assert verbs.count("completed") == 1 and not {"passed", "failed"} & set(verbs), verbs
    assert lrs_lms.aus[(launch.registration, au)].completed
