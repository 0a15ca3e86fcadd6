"""Statement delivery under faults: every statement reaches the LRS exactly once.

The LRS front of the tests' LMS drops connections (LRS down), loses acknowledgements (answers
500 after Ralph stored the batch) or refuses chosen statements with 400; Playwright takes the
browser offline. The assertions count what Ralph stored, by statement id.
"""

from __future__ import annotations

import time
from typing import Any

from lrs import checks
from lrs.lms import LrsLms

from .learner import CourseLearner
from .test_xapi_lrs import has, open_page, wait_for


def queued(page: Any) -> int:
    return int(page.evaluate("window.coursecTransport.pending()"))


def first_pages(learner: CourseLearner, n: int) -> None:
    for _ in range(n):
        learner.answer_visible(True)
        learner.next()


def test_lrs_down_then_back(browser: Any, lrs_lms: LrsLms,
                            lrs_packages: dict[str, str]) -> None:
    launch = lrs_lms.xapi_launch("cs-xapi")
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    page.wait_for_function("() => window.coursecTransport.pending() === 0")
    lrs_lms.ralph.stop()  # a real outage: the LRS process is gone
    try:
        first_pages(learner, 4)
        page.wait_for_function("() => window.coursecTransport.pending() >= 4")
    finally:
        lrs_lms.ralph.start()  # same data directory
    page.wait_for_function("() => window.coursecTransport.pending() === 0", timeout=60000)
    page.goto("about:blank")
    context.close()
    stored = wait_for(lrs_lms, launch.registration, has("terminated"))
    dropped = [r for r in lrs_lms.log if r.get("dropped")]
    assert dropped, "the outage never reached the page"
    assert not checks.exactly_once(stored)
    assert checks.count_verbs(stored).get("experienced") == 5, checks.count_verbs(stored)


def test_closed_while_offline_sent_next_launch(browser: Any, lrs_lms: LrsLms,
                                               lrs_packages: dict[str, str]) -> None:
    launch = lrs_lms.xapi_launch("cs-xapi")
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    page.wait_for_function("() => window.coursecTransport.pending() === 0")
    context.set_offline(True)
    first_pages(learner, 3)
    assert queued(page) >= 3
    left_on = learner.current()
    # Chromium's offline emulation lets the pagehide fetch(keepalive) through: the LRS is down
    # while the page closes, so terminated and the queue cannot leave either
    lrs_lms.faults.down = True
    dropped_before = sum(1 for r in lrs_lms.log if r.get("dropped"))
    try:
        page.goto("about:blank")
        deadline = time.monotonic() + 10
        while sum(1 for r in lrs_lms.log if r.get("dropped")) == dropped_before:
            assert time.monotonic() < deadline, "the pagehide send never reached the LRS front"
            time.sleep(0.05)
    finally:
        lrs_lms.faults.down = False
    offline_ids = {s["id"] for s in lrs_lms.stored(launch.registration)}
    context.set_offline(False)
    again = lrs_lms.xapi_launch("cs-xapi", registration=launch.registration, actor=launch.actor)
    page.goto(again.url)  # same browser profile: the queue is in its localStorage
    page.wait_for_function("() => window.coursecTransport.pending() === 0")
    assert CourseLearner(page).current() == left_on  # resumed on the page left offline
    page.goto("about:blank")
    context.close()
    stored = wait_for(lrs_lms, launch.registration, has("terminated", 2))
    counts = checks.count_verbs(stored)
    assert counts.get("initialized") == 2 and counts.get("terminated") == 2, counts
    assert len(stored) > len(offline_ids)
    assert not checks.exactly_once(stored)
    sent_late = [s for s in stored if s["id"] not in offline_ids]
    # the three pages seen offline reached the LRS at the next launch
    assert checks.count_verbs(sent_late).get("experienced", 0) >= 3, checks.count_verbs(sent_late)


def test_lost_ack_no_duplicate(browser: Any, lrs_lms: LrsLms,
                               lrs_packages: dict[str, str]) -> None:
    lrs_lms.faults.lose_acks = [500, 500]
    try:
        launch = lrs_lms.xapi_launch("cs-xapi")
        context, page = open_page(browser, launch.url)
        learner = CourseLearner(page)
        first_pages(learner, 2)
        page.wait_for_function("() => window.coursecTransport.pending() === 0", timeout=60000)
        page.goto("about:blank")
        context.close()
    finally:
        lrs_lms.faults.lose_acks = []
    stored = wait_for(lrs_lms, launch.registration, has("terminated"))
    lost = [r for r in lrs_lms.log if r.get("forwarded")]
    assert len(lost) == 2, "the 500s were not served"
    assert not checks.exactly_once(stored), checks.exactly_once(stored)
    assert checks.count_verbs(stored).get("initialized") == 1


def test_400_on_one_statement_does_not_block(browser: Any, lrs_lms: LrsLms,
                                             lrs_packages: dict[str, str]) -> None:
    bad_page = "why-service-matters"
    lrs_lms.faults.reject = lambda s: (checks.verb(s) == "experienced"
                                       and s["object"]["id"].endswith("/" + bad_page + "/intro"))
    try:
        launch = lrs_lms.xapi_launch("cs-xapi")
        context, page = open_page(browser, launch.url)
        learner = CourseLearner(page)
        first_pages(learner, 3)
        page.wait_for_function("() => window.coursecTransport.pending() === 0", timeout=60000)
        rejected = page.evaluate("window.coursecTransport.rejected()")
        page.goto("about:blank")
        context.close()
    finally:
        lrs_lms.faults.reject = None
    stored = wait_for(lrs_lms, launch.registration, has("terminated"))
    counts = checks.count_verbs(stored)
    assert len(rejected) == 1 and rejected[0]["status"] == 400, rejected
    assert counts.get("experienced") == 3, counts  # 4 pages seen, the first one refused
    assert counts.get("initialized") == 1 and counts.get("terminated") == 1, counts
