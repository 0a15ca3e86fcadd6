"""Scripted learners for ``play.py`` of the Moodle acceptance tool (``--actions this_file.py``).

In:  ``COURSEC_MOODLE_SCRIPT`` (environment) names what the learner does in this launch:
     ``pass`` (every page, practice quizzes right, 5 of 6 in the final check), ``draft`` (every
     page up to the final check, start it, answer 3 questions, leave), ``fail`` (back on the final
     check: read the restored answers, answer everything wrong, submit, finish), ``retry`` (try
     again and answer all right, finish), ``review`` (read what the finished course shows),
     ``halfway:<page key>`` (practice quizzes right up to that page, then leave) and
     ``relaunched`` (the page shown, every practice quiz's controls and the resume lines).
Out: one dict appended to ``ctx.results``: what the page showed (score text, pass flag, restored
     answers, mode), and ``error`` when the script could not do its part. Nothing else.
Run by play.py (the system python with Playwright); it imports ``tests/browser/learner.py`` by
path, so it needs nothing installed.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import traceback
from pathlib import Path
from typing import Any

_spec = importlib.util.spec_from_file_location(
    "coursec_learner", Path(__file__).resolve().parent.parent / "browser" / "learner.py")
assert _spec is not None and _spec.loader is not None
_learner = importlib.util.module_from_spec(_spec)
sys.modules["coursec_learner"] = _learner  # dataclasses look their module up there
_spec.loader.exec_module(_learner)
CourseLearner = _learner.CourseLearner


def _assessment_page(learner: Any) -> str:
    return str(learner.f.evaluate(
        "() => document.querySelector('section[data-cs-assessment]')"
        ".closest('section[data-cs-page]').getAttribute('data-cs-page')"))


def _finish(learner: Any, answer: bool) -> None:
    if learner.can_go_next():
        learner.next()
        learner.walk(answer=answer, stop_at_assessment=False)


def _drafted(learner: Any) -> dict[str, Any]:
    return {q: learner.controls(q) for q in learner.drawn()}  # one question per screen


def _shown(learner: Any) -> dict[str, Any]:
    score = learner.assessment().locator("[data-cs-score]")
    return {
        "mode_review": bool(learner.f.evaluate(
            "() => document.documentElement.classList.contains('cs-review')")),
        "score_visible": score.is_visible(),
        "score_text": " ".join((score.inner_text() if score.is_visible() else "").split()),
        "passed_flag": score.get_attribute("data-cs-passed"),
        "status": learner.f.evaluate("() => window.coursec.status()"),
        "visited_marks": learner.f.locator(".cs-visited:not([hidden])").count(),
        "pages": len(learner.pages()),
    }


def run(page: Any, frame: Any, ctx: Any) -> None:
    script = os.environ.get("COURSEC_MOODLE_SCRIPT", "")
    out: dict[str, Any] = {"script": script}
    try:
        learner = CourseLearner(frame)
        if script == "pass":
            learner.walk(correct=True)
            outcome = learner.take_assessment(n_correct=5)
            out.update(score_text=outcome["score_text"], passed_flag=outcome["passed"],
                       drawn=outcome["drawn"])
            _finish(learner, True)
        elif script == "draft":
            learner.walk(answer=False)
            drawn = learner.start_assessment()
            for qid in drawn[:3]:
                learner.fill(qid, True)
            out["drafted"] = {q: learner.controls(q) for q in drawn[:3]}
            page.wait_for_timeout(300)
        elif script == "fail":
            learner.goto(_assessment_page(learner))
            out["restored"] = _drafted(learner)
            section = learner.assessment()
            drawn = list(out["restored"])
            for qid in drawn:
                learner.fill(qid, False)
            section.locator("button[data-cs-submit]").click()
            section.locator("[data-cs-score][data-cs-passed]").wait_for(timeout=5000)
            out.update(_shown(learner))
            out["retry_visible"] = section.locator("button[data-cs-retry]:visible").count() > 0
            _finish(learner, False)
        elif script == "retry":
            learner.goto(_assessment_page(learner))
            out["retry_offered"] = learner.assessment().locator(
                "button[data-cs-retry]:visible").count() > 0
            outcome = learner.take_assessment()
            out.update(score_text=outcome["score_text"], passed_flag=outcome["passed"])
            _finish(learner, False)
        elif script.startswith("halfway:"):  # test_release_moodle.py: up to a page, then leave
            stop = script.split(":", 1)[1]
            for _ in range(len(learner.pages())):
                learner.answer_visible(True)
                if learner.current() == stop:
                    break
                learner.next()
            out["at"] = learner.current()
            out["controls"] = {q: learner.controls(q) for q in learner.answered}
            page.wait_for_timeout(300)
        elif script == "relaunched":  # test_release_moodle.py: what the new release shows
            out["at"] = learner.current()
            out["controls"] = {q["id"]: learner.controls(q["id"]) for q in learner.data["quizzes"]
                               if not q.get("inA") and learner.form(q["id"]).count()}
            out["notes"] = learner.f.eval_on_selector_all(
                "[data-cs-lms-status] .cs-resume-note", "ps => ps.map(p => p.textContent)")
            page.wait_for_timeout(300)
        elif script == "review":
            learner.goto(_assessment_page(learner))
            out.update(_shown(learner))
        else:
            out["error"] = f"unknown COURSEC_MOODLE_SCRIPT {script!r}"
    except Exception:  # reported to the test, which fails on it
        out["error"] = traceback.format_exc()[-3000:]
    ctx.results.append(out)
