"""Action script for CATAPULT's ``launch.py`` (``--action``): a scripted learner for the sample
course's cmi5 package. The plan comes from ``COURSEC_CATAPULT_PLAN`` (one of :data:`PLANS`);
``launch.py`` calls :func:`run` once per launch, in order, in one registration.

Every launch ends with the course's Exit button (terminated, then the returnURL). What the
learner saw goes into ``au["notes"]`` (the page it resumed on, the assessment verdicts shown).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the browser helpers

from browser.learner import CourseLearner

PLANS = ("pass", "fail", "fail-then-pass", "resume", "browse", "lessons")
LEAVE_AFTER = 3  # pages the resume plan's first launch goes through before it leaves
launches = 0


def _assessment(learner: CourseLearner, scores: list[int | None], notes: dict[str, Any]) -> None:
    """Through the pages to the assessment, take it once per score (questions right; None:
    all), then on to the end; every page seen goes into notes["seen"]."""
    seen = notes.setdefault("seen", [])
    seen += learner.walk(stop_at_assessment=True)
    if not learner.assessment().count():
        return
    for n in scores:
        notes.setdefault("verdicts", []).append(learner.take_assessment(n_correct=n)["passed"])
    seen += learner.walk(stop_at_assessment=False)


def run(page: Any, au: dict[str, Any], ctx: dict[str, Any]) -> None:
    global launches
    launches += 1
    plan = os.environ.get("COURSEC_CATAPULT_PLAN", "pass")
    page.wait_for_function("() => window.coursec && window.coursecTransport", timeout=30000)
    learner = CourseLearner(page)
    notes: dict[str, Any] = {"launch": launches, "started_on": learner.current()}
    au["notes"] = notes
    if plan == "resume" and launches == 1:
        for _ in range(LEAVE_AFTER):
            learner.next()
        notes["left_on"] = learner.current()
    elif plan == "fail":
        _assessment(learner, [1, 1], notes)
    elif plan == "fail-then-pass":
        _assessment(learner, [1, None], notes)
    else:  # pass, the resume plan's second launch, browse, each lesson AU
        _assessment(learner, [None], notes)
    notes["status"] = page.locator("[data-cs-lms-status]").inner_text()
    notes["exit"] = page.evaluate("""() => { const b = document.querySelector('[data-cs-exit]');
        return b ? {disabled: b.disabled, hidden: b.offsetParent === null} : null; }""")
    page.locator("button[data-cs-exit]").click()
    page.wait_for_url(ctx["return_url"] + "*", timeout=20000)
