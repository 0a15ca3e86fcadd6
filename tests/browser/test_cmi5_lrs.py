"""The cmi5 package launched by the tests' LMS (tests/lrs/lms.py) and played in Chromium.

The LMS creates the registration and session, writes LMS.LaunchData, sends ``launched`` and
hands out a one-use fetch URL; the assertions read what Ralph stored and what the LMS logged.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from lrs import checks
from lrs.lms import LrsLms

from .learner import CourseLearner
from .test_xapi_lrs import has, open_page, play_all, wait_for

AU = "https://courses.example.com/customer-service/au"


def au_id(learner: CourseLearner) -> str:
    return str(learner.data["xapi"]["course"]["id"]) + "/au"


@pytest.mark.parametrize(("mastery", "move_on"), [(None, "CompletedAndPassed"),
                                                  (0.5, "CompletedOrPassed")])
def test_cmi5_full_run(browser: Any, lrs_lms: LrsLms, lrs_packages: dict[str, str],
                       mastery: float | None, move_on: str) -> None:
    launch = lrs_lms.cmi5_launch("cs-cmi5", AU, mastery=mastery, move_on=move_on)
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    assert au_id(learner) == AU
    play_all(learner)
    page.locator("button[data-cs-exit]").click()  # returnURL: terminated, wait, then go there
    page.wait_for_url(f"{lrs_lms.base}/return/{launch.session}")
    stored = lrs_lms.stored(launch.registration)  # the AU left only after the LRS had it all
    context.close()
    counts = checks.count_verbs(stored)
    print(f"\ncmi5 (mastery {mastery}, {move_on}): statements per verb: {json.dumps(counts)}")
    effective = mastery if mastery is not None else learner.data["mastery"] / 100
    problems = (checks.common(stored, actor=launch.actor, registration=launch.registration,
                              lang=learner.data["lang"])
                + checks.exactly_once(stored) + checks.registration_rules(stored)
                + checks.cmi5(stored, session=launch.session, activity_id=AU, mastery=effective))
    assert not problems, "\n".join(problems)
    assert counts.get("passed") == 1 and counts.get("terminated") == 1, counts
    # the launch handshake: one POST to fetch before any LRS call, then LaunchData, then
    # the learner preferences, and only then statements
    fetch_path = urlsplit(parse_qs(urlsplit(launch.url).query)["fetch"][0]).path
    log = list(lrs_lms.log)
    at = next(i for i, r in enumerate(log) if r["path"] == fetch_path)
    token = log[at + 1]["auth"]
    mine = [r for r in log if r["auth"] == token]
    assert mine[0]["query"].get("stateId") == "LMS.LaunchData", mine[0]
    assert mine[1].get("profile") == "cmi5LearnerPreferences", mine[1]
    assert all(log.index(r) > at for r in mine)
    assert len([r for r in log if r["path"] == fetch_path]) == 1
    assert not [r for r in lrs_lms.log if r.get("state_id") == "LMS.LaunchData" and r.get("write")]
    assert [r for r in lrs_lms.log if r.get("profile") == "cmi5LearnerPreferences"]


def test_fetch_token_refused_second_time(browser: Any, lrs_lms: LrsLms,
                                         lrs_packages: dict[str, str]) -> None:
    launch = lrs_lms.cmi5_launch("cs-cmi5", AU)
    context, page = open_page(browser, launch.url)
    page.wait_for_function("() => window.coursecTransport.lrsLaunch === true")
    page.reload()  # a reload re-uses the fetch URL: the LMS refuses it, the page says so
    page.wait_for_function("() => window.coursec")
    used = [r for r in lrs_lms.log if r["path"].startswith("/fetch/") and r.get("used_again")]
    assert used, "the second POST to the fetch URL was not refused"
    assert page.evaluate("window.coursecTransport.lrsLaunch") is False
    context.close()


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_no_verdicts(browser: Any, lrs_lms: LrsLms,
                                            lrs_packages: dict[str, str], mode: str) -> None:
    launch = lrs_lms.cmi5_launch("cs-cmi5", AU, mode=mode)
    context, page = open_page(browser, launch.url)
    learner = CourseLearner(page)
    if mode == "Browse":
        play_all(learner)
    else:
        learner.next()
    page.goto("about:blank")
    context.close()
    stored = wait_for(lrs_lms, launch.registration, has("terminated"))
    problems = checks.cmi5(stored, session=launch.session, activity_id=AU, mode=mode)
    assert not problems, "\n".join(problems)
    assert has("initialized")(stored)
