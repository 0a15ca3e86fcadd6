"""The sample course's SCORM 1.2 and 2004 packages, played by scripted learners in a test LMS.

Each learner clicks through the real page (the DOM contract in ``learner.py``); every assertion
reads what the LMS stored (the commits the test LMS server received) or what the SCO called,
never what the page claims about itself. Every session must also be clean by the harness's
strict rules (``lmshost.check_calls``): no failing call, no error code, one Initialize and one
Terminate, nothing after Terminate, suspend_data within the limit, session time well formed.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import SAMPLE_COURSE, build_course, sample_package
from .learner import Answered, CourseLearner
from .lmshost import (
    IDENTIFIER_12,
    SCORM12,
    Lms,
    Player,
    SessionResult,
    collection,
    duration_2004_seconds,
    timespan_12_seconds,
)

#: interaction type per quiz kind (the same words in 1.2 and 2004)
INTERACTION_TYPE = {
    "single": "choice", "multiple": "choice", "true-false": "true-false", "fill-in": "fill-in",
    "numeric": "numeric", "matching": "matching", "sequencing": "sequencing", "likert": "likert",
}


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def el(target: str, name12: str, name2004: str) -> str:
    return name12 if target == SCORM12 else name2004


def assert_clean(result: SessionResult) -> None:
    """The session broke none of the harness's rules and the page threw nothing."""
    assert result.problems == [], "the SCO's API use was flagged:\n" + "\n".join(result.problems)
    assert result.js_errors == [], "the page logged errors:\n" + "\n".join(result.js_errors)


def learner_for(player: Player) -> CourseLearner:
    learner = CourseLearner(player.sco)
    learner.current()  # exactly one visible page
    return learner


def wait_for_page(learner: CourseLearner, page_id: str) -> None:
    with contextlib.suppress(Exception):
        learner.f.wait_for_function(
            "id => { const v = document.querySelectorAll('section[data-cs-page]:not([hidden])');"
            " return v.length === 1 && v[0].getAttribute('data-cs-page') === id; }",
            arg=page_id, timeout=5000,
        )
    assert learner.current() == page_id, "the relaunched course did not land on the page left"


def lesson_objectives() -> dict[str, list[str]]:
    """lesson id -> objective ids declared in the sample course's lesson front matter."""
    out: dict[str, list[str]] = {}
    for md in sorted((SAMPLE_COURSE / "lessons").glob("*.md")):
        text = md.read_text(encoding="utf-8")
        meta: dict[str, Any] = {}
        if text.startswith("---"):
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        lesson_id = str(meta.get("id") or re.sub(r"^\d+[-_]", "", md.stem))
        out[lesson_id] = [str(o) for o in meta.get("objectives") or []]
    return out


def interactions_of(stored: dict[str, str], quiz_id: str) -> list[dict[str, str]]:
    rows = collection(stored, "cmi.interactions")
    return [r for r in rows if r.get("id") == quiz_id or r.get("id", "").endswith(quiz_id)
            or quiz_id in r.get("id", "")]


def assert_interactions(target: str, stored: dict[str, str], answered: list[Answered]) -> None:
    rows = collection(stored, "cmi.interactions")
    assert rows, "no interactions were recorded"
    for row in rows:
        assert row.get("id"), f"interaction without id: {row}"
        if target == SCORM12:
            assert IDENTIFIER_12.match(row["id"]), f"1.2 interaction id {row['id']!r}"
    for a in answered:
        mine = interactions_of(stored, a.quiz)
        assert mine, f"no interaction recorded for quiz {a.quiz!r}; ids: {[r['id'] for r in rows]}"
        last = mine[-1]
        if a.kind in INTERACTION_TYPE:
            assert last.get("type") == INTERACTION_TYPE[a.kind], (a.quiz, a.kind, last)
        if a.kind == "likert":
            continue
        if a.correct:
            assert last.get("result") == "correct", (a.quiz, last)
        else:
            assert last.get("result") == el(target, "wrong", "incorrect"), (a.quiz, last)
        response = last.get(el(target, "student_response", "learner_response"))
        assert response, f"no learner response recorded for {a.quiz}: {last}"
        if target != SCORM12:
            description = " ".join((last.get("description") or "").split())
            assert description, f"2004 interaction {a.quiz} has no description"
            assert description[:40] in a.text, (
                f"description of {a.quiz} is not its question text: {description!r}")


def assert_lesson_objectives(target: str, stored: dict[str, str], learner: CourseLearner
                             ) -> None:
    """Every lesson of the built course has a stored objective, complete (or passed)."""
    rows = collection(stored, "cmi.objectives")
    ids = [r.get("id", "") for r in rows]
    declared_by_lesson = lesson_objectives()
    lessons = [str(x["id"]) for x in learner.data.get("lessons") or []]
    assert lessons, "cs-data lists no lessons"
    for lesson in lessons:
        declared = declared_by_lesson.get(lesson, [])
        mine = [r for r in rows if lesson in r.get("id", "") or r.get("id") in declared]
        assert mine, f"no objective for lesson {lesson!r} (declared {declared}); stored: {ids}"
        for r in mine:
            if target == SCORM12:
                assert r.get("status") in {"completed", "passed"}, (lesson, r)
            else:
                assert r.get("completion_status") == "completed" or r.get(
                    "success_status") == "passed", (lesson, r)


def score_of(target: str, stored: dict[str, str]) -> tuple[float, float | None]:
    raw = stored.get(el(target, "cmi.core.score.raw", "cmi.score.raw"), "")
    assert raw != "", "no raw score stored"
    scaled = None
    if target != SCORM12:
        s = stored.get("cmi.score.scaled", "")
        assert s != "", "no scaled score stored (SCORM 2004 judges score.scaled)"
        scaled = float(s)
        assert -1 <= scaled <= 1
    raw_f = float(raw)
    assert 0 <= raw_f <= 100, f"raw score {raw_f} outside 0..100"
    lo = stored.get(el(target, "cmi.core.score.min", "cmi.score.min"))
    hi = stored.get(el(target, "cmi.core.score.max", "cmi.score.max"))
    assert lo in ("0", "0.0"), f"score.min {lo!r}"
    assert hi in ("100", "100.0"), f"score.max {hi!r}"
    if scaled is not None:
        assert abs(scaled - raw_f / 100) < 0.005, f"scaled {scaled} does not match raw {raw_f}"
    return raw_f, scaled


def assert_verdict(target: str, stored: dict[str, str], verdict: str,
                   completion: str | None = None) -> None:
    """The pass/fail the LMS stored: 1.2's lesson_status, 2004's success_status (and, when
    given, its completion_status)."""
    if target == SCORM12:
        assert stored["cmi.core.lesson_status"] == verdict
    else:
        if completion is not None:
            assert stored["cmi.completion_status"] == completion
        assert stored["cmi.success_status"] == verdict


def assert_moodle_agrees(target: str, stored: dict[str, str]) -> None:
    """Moodle (1.2) re-judges pass/fail from score.raw and the manifest's mastery score."""
    if target != SCORM12:
        return
    status = stored["cmi.core.lesson_status"]
    raw = stored.get("cmi.core.score.raw", "")
    mastery = stored.get("cmi.student_data.mastery_score", "")
    if status in {"passed", "failed"} and raw and mastery:
        judged = "passed" if float(raw) >= float(mastery) else "failed"
        assert judged == status, f"Moodle would set {judged}: raw {raw}, mastery {mastery}"


def finish_course(learner: CourseLearner, answer: bool = True) -> list[str]:
    """From the assessment page on, step to the end (answering practice quizzes)."""
    if learner.can_go_next():
        learner.next()
        return learner.walk(answer=answer, stop_at_assessment=False)
    return []


# --------------------------------------------------------------------------------------------
# 1. leave mid-course, relaunch: same page, same answers
# --------------------------------------------------------------------------------------------


def test_suspend_and_resume(lms: Lms, packages: dict[str, Path], target: str) -> None:
    pkg = packages[target]
    player = lms.launch(pkg)
    learner = learner_for(player)
    pages = learner.pages()
    assert learner.current() == pages[0], "a first launch must open on the first page"

    # answer the practice quizzes of the first pages until three are answered, then move on
    for _ in range(len(pages)):
        learner.answer_visible(correct=len(learner.answered) % 2 == 0)
        if len(learner.answered) >= 3 or learner.assessment().count():
            break
        learner.next()
    assert len(learner.answered) >= 2, "the sample course has too few practice quizzes"
    learner.next()
    left_on = learner.current()
    snapshot = {q: learner.controls(q) for q in learner.answered}
    # progress was committed when it happened, not only at the end (pitfall 2)
    early = player.session.stored()
    assert early.get("cmi.suspend_data"), "nothing committed before the SCO was closed"
    assert len(collection(early, "cmi.interactions")) >= len(learner.answered), (
        "answers were not committed when they were given")

    first = player.close()
    assert_clean(first)
    stored = first.stored
    assert stored[el(target, "cmi.core.exit", "cmi.exit")] == "suspend", (
        "an unfinished course must exit with suspend")
    assert stored.get("cmi.suspend_data"), "nothing stored in suspend_data"
    if target == SCORM12:
        assert stored["cmi.core.lesson_status"] == "incomplete"
    else:
        assert stored["cmi.completion_status"] == "incomplete"
        assert stored["cmi.success_status"] == "unknown"
    assert_interactions(target, stored, list(learner.answered.values()))

    second = lms.relaunch(first, pkg)
    assert second.api_cmi()[el(target, "cmi.core.entry", "cmi.entry")] == "resume"
    again = learner_for(second)
    wait_for_page(again, left_on)
    for quiz, before in snapshot.items():
        assert again.controls(quiz) == before, f"quiz {quiz} not restored as answered"
    done = second.close()
    assert_clean(done)
    assert done.stored[el(target, "cmi.core.exit", "cmi.exit")] == "suspend"
    assert done.stored["cmi.suspend_data"], "the resumed session lost the stored state"


# --------------------------------------------------------------------------------------------
# 2. complete every page and pass; then a review relaunch changes nothing
# --------------------------------------------------------------------------------------------


def test_complete_pass_and_review(lms: Lms, packages: dict[str, Path], target: str) -> None:
    pkg = packages[target]
    player = lms.launch(pkg)
    learner = learner_for(player)
    pages = learner.pages()
    seen = learner.walk(correct=True)
    outcome = learner.take_assessment()
    assert outcome["passed"] == "true", f"all answers right but not passed: {outcome['score_text']}"
    rest = finish_course(learner)
    assert set(seen + rest) == set(pages), "the learner did not reach every page"
    result = player.close()
    assert_clean(result)
    stored = result.stored
    if target == SCORM12:
        assert stored["cmi.core.lesson_status"] == "passed"
        assert stored["cmi.core.exit"] != "suspend"
    else:
        assert stored["cmi.completion_status"] == "completed"
        assert stored["cmi.success_status"] == "passed"
        assert stored["cmi.exit"] == "suspend", "2004 keeps the data for review only after suspend"
    raw, scaled = score_of(target, stored)
    assert raw == 100
    if scaled is not None:
        assert scaled >= float(stored["cmi.scaled_passing_score"])
    assert_moodle_agrees(target, stored)
    assert_interactions(target, stored, list(learner.answered.values()))
    assert_lesson_objectives(target, stored, learner)
    for a in outcome["answered"]:
        assert interactions_of(stored, a.quiz), f"assessment question {a.quiz} not recorded"

    # review: a complete attempt relaunches in review mode (Moodle); nothing is reset or regraded
    review = lms.relaunch(result, pkg)
    cmi = review.api_cmi()
    assert cmi[el(target, "cmi.core.lesson_mode", "cmi.mode")] == "review"
    rl = learner_for(review)
    rl.goto(seen[-1])  # the assessment's page
    score = rl.assessment().locator("[data-cs-score]")
    assert score.is_visible(), "review mode does not show the assessment result"
    assert score.get_attribute("data-cs-passed") == "true"
    after = review.close()
    assert_clean(after)
    keys = ([k for k in stored if k.startswith("cmi.core.score.")] + ["cmi.core.lesson_status"]
            if target == SCORM12 else
            [k for k in stored if k.startswith("cmi.score.")]
            + ["cmi.completion_status", "cmi.success_status"])
    for k in keys:
        assert after.stored.get(k) == stored.get(k), f"review changed {k}"
    changed = [c for c in after.calls if c["method"] in ("LMSSetValue", "SetValue")
               and re.match(r"cmi\.(core\.)?(score|lesson_status|completion_status|"
                            r"success_status|interactions)", str(c["args"][0]))]
    assert not changed, f"review mode wrote tracking data: {changed[:5]}"


# --------------------------------------------------------------------------------------------
# 3. fail the assessment with a try left: the LMS attempt stays open, a relaunch retries
# --------------------------------------------------------------------------------------------


def assert_attempt_open(target: str, stored: dict[str, str]) -> None:
    """Moodle's rule (scorm_check_mode): the attempt is over once 1.2's lesson_status is
    completed/passed/failed or 2004's completion_status is completed; and with a raw score
    and a mastery score, 1.2 turns the status into passed/failed at LMSFinish."""
    if target == SCORM12:
        assert stored["cmi.core.lesson_status"] == "incomplete", stored["cmi.core.lesson_status"]
        assert stored.get("cmi.core.score.raw", "") == "", "a raw score makes Moodle store failed"
    else:
        assert stored["cmi.completion_status"] == "incomplete"
        assert stored["cmi.success_status"] == "unknown"
    assert stored[el(target, "cmi.core.exit", "cmi.exit")] == "suspend"


def test_fail_then_retry(lms: Lms, packages: dict[str, Path], target: str) -> None:
    pkg = packages[target]
    player = lms.launch(pkg)
    learner = learner_for(player)
    seen = learner.walk(answer=False)  # every page seen, scenarios played, practice skipped
    outcome = learner.take_assessment(n_correct=0)
    assert outcome["passed"] == "false"
    assert outcome["retry_visible"], "one attempt of two used, but no retry button"
    finish_course(learner, answer=False)
    first = player.close()
    assert_clean(first)
    assert_attempt_open(target, first.stored)
    assert_interactions(target, first.stored, outcome["answered"])

    # the learner comes back the way the LMS relaunches (not review) and uses the second try
    second = lms.relaunch(first, pkg)
    cmi = second.api_cmi()
    assert cmi[el(target, "cmi.core.lesson_mode", "cmi.mode")] == "normal", (
        "the LMS closed the attempt after the first failure: no retake possible")
    again = learner_for(second)
    again.goto(seen[-1])
    section = again.assessment()
    assert section.locator("button[data-cs-retry]:visible").count() == 1, (
        "after a relaunch the retry of the second attempt is gone")
    retry = again.take_assessment(n_correct=5)
    assert retry["passed"] == "true"
    assert not retry["retry_visible"]
    done = second.close()
    assert_clean(done)
    if target == SCORM12:
        assert done.stored["cmi.core.lesson_status"] == "passed"
    else:
        assert done.stored["cmi.completion_status"] == "completed"
        assert done.stored["cmi.success_status"] == "passed"
    assert score_of(target, done.stored)[0] == 83.33
    assert_moodle_agrees(target, done.stored)


def test_fail_twice_is_final(lms: Lms, packages: dict[str, Path], target: str) -> None:
    """The last try failed: the final verdict, and the LMS closes the attempt."""
    pkg = packages[target]
    player = lms.launch(pkg)
    learner = learner_for(player)
    learner.walk(answer=False)
    learner.take_assessment(n_correct=0)
    outcome = learner.take_assessment(n_correct=1)
    assert outcome["passed"] == "false" and not outcome["retry_visible"]
    finish_course(learner, answer=False)
    result = player.close()
    assert_clean(result)
    stored = result.stored
    assert_verdict(target, stored, "failed", completion="completed")
    assert score_of(target, stored)[0] == 16.67
    assert_moodle_agrees(target, stored)
    review = lms.relaunch(result, pkg)
    assert review.api_cmi()[el(target, "cmi.core.lesson_mode", "cmi.mode")] == "review"
    assert_clean(review.close())


def test_pass_mark_reaches_the_sco(lms: Lms, packages: dict[str, Path], target: str) -> None:
    """5 of 6 (83.33 %) passes the course's 80 %, with the pass mark Moodle derives from the
    manifest (2004: every objective's minNormalizedMeasure, the last one wins)."""
    pkg = packages[target]
    player = lms.launch(pkg)
    passing = player.api_cmi().get(
        el(target, "cmi.student_data.mastery_score", "cmi.scaled_passing_score"))
    assert passing == el(target, "80", "0.8"), f"the LMS hands the SCO a pass mark of {passing}"
    learner = learner_for(player)
    learner.walk(answer=False)
    outcome = learner.take_assessment(n_correct=5)
    assert "80" in outcome["score_text"], outcome["score_text"]
    assert outcome["passed"] == "true", outcome["score_text"]
    finish_course(learner, answer=False)
    result = player.close()
    assert_clean(result)
    if target == SCORM12:
        assert result.stored["cmi.core.lesson_status"] == "passed"
    else:
        assert result.stored["cmi.success_status"] == "passed"
    assert score_of(target, result.stored)[0] == 83.33


def test_every_interaction_keeps_its_response(lms: Lms, packages: dict[str, Path],
                                              target: str) -> None:
    """Practice quizzes, scenario decisions and the assessment: each stored interaction has a
    response (the test LMS refuses 2004 identifiers outside ^[\\w.]{1,250}$, as Moodle does)."""
    pkg = packages[target]
    player = lms.launch(pkg)
    learner = learner_for(player)
    learner.walk(correct=False)
    learner.take_assessment(n_correct=6)
    finish_course(learner)
    result = player.close()
    assert_clean(result)
    rows = collection(result.stored, "cmi.interactions")
    assert len(rows) > 20, len(rows)
    key = el(target, "student_response", "learner_response")
    empty = [r.get("id") for r in rows if not r.get(key)]
    assert not empty, f"interactions stored without a response: {empty}"
    if target != SCORM12:
        kinds = {r.get("type") for r in rows}
        assert {"choice", "matching", "sequencing"} <= kinds, kinds


def test_assessment_answers_restored(lms: Lms, packages: dict[str, Path], target: str) -> None:
    """Answers given in the running attempt, before leaving, are back after a relaunch."""
    pkg = packages[target]
    player = lms.launch(pkg)
    learner = learner_for(player)
    learner.walk(answer=False)
    drawn = learner.start_assessment()
    for qid in drawn[:3]:
        learner.fill(qid, True)
    snapshot = {q: learner.controls(q) for q in drawn[:3]}
    here = learner.current()
    first = player.close()
    assert_clean(first)
    second = lms.relaunch(first, pkg)
    again = learner_for(second)
    wait_for_page(again, here)
    for qid, before in snapshot.items():
        assert again.controls(qid) == before, f"answer to {qid} not restored"
    assert_clean(second.close())


def test_decision_latency_from_when_shown(lms: Lms, packages: dict[str, Path],
                                          target: str) -> None:
    """A scenario's first decision: latency counts from when its page was shown."""
    pkg = packages[target]
    player = lms.launch(pkg)
    learner = learner_for(player)
    player.page.wait_for_timeout(2500)  # time spent before the scenario is on screen
    for _ in range(len(learner.pages())):
        if learner.visible_scenarios():
            break
        learner.next()
    scenario = learner.visible_scenarios()[0]
    player.sco.locator(f"[data-cs-scenario='{scenario}'] button[data-cs-sc-choice]:visible"
                       ).first.click()
    result = player.close()
    assert_clean(result)
    rows = [r for r in collection(result.stored, "cmi.interactions")
            if r.get("id", "").startswith(scenario + "--")]
    assert rows, "the decision was not recorded"
    latency = rows[0]["latency"]
    seconds = (timespan_12_seconds(latency) if target == SCORM12
               else duration_2004_seconds(latency))
    assert seconds < 2.0, f"first decision latency {latency}: counted from course load"


def test_score_text_localized(lms: Lms, tmp_path_factory: pytest.TempPathFactory,
                              target: str) -> None:
    """de-DE writes 83,33 (Babel's decimal sign), not 83.33."""
    out = tmp_path_factory.mktemp("de-build")
    build_course(SAMPLE_COURSE, out, (target,), region="de-DE")
    player = lms.launch(sample_package(out, target, "de-DE"))
    learner = learner_for(player)
    learner.walk(answer=False)
    outcome = learner.take_assessment(n_correct=5)
    assert "83,33" in outcome["score_text"], outcome["score_text"]
    assert "83.33" not in outcome["score_text"], outcome["score_text"]
    assert_clean(player.close())


@pytest.fixture(scope="session")
def failed_build(tmp_path_factory: pytest.TempPathFactory, sample_build: Path) -> Path:
    """The sample course with ``failed_status: failed``, built for SCORM 1.2."""
    root = tmp_path_factory.mktemp("failed-failed")
    course = root / "customer-service"
    shutil.copytree(SAMPLE_COURSE, course)
    cfg = course / "course.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\nfailed_status: failed\n",
                   encoding="utf-8")
    out = root / "out"
    build_course(course, out, ("scorm12",))
    return sample_package(out, "scorm12")


def test_failed_status_failed(lms: Lms, failed_build: Path) -> None:
    """``failed_status: failed`` reports each failure at once (and the LMS closes the attempt)."""
    player = lms.launch(failed_build)
    learner = learner_for(player)
    learner.walk(answer=False)
    outcome = learner.take_assessment(n_correct=0)
    assert outcome["passed"] == "false"
    assert outcome["retry_visible"]
    result = player.close()
    assert_clean(result)
    assert result.stored["cmi.core.lesson_status"] == "failed"
    assert result.stored.get("cmi.core.score.raw") == "0"


# --------------------------------------------------------------------------------------------
# no LMS: open index.html directly
# --------------------------------------------------------------------------------------------


def test_without_lms(lms: Lms, packages: dict[str, Path], target: str) -> None:
    pkg = packages[target]
    context, page = lms.new_page()
    try:
        page.goto(lms.url_of(pkg) + "index.html")
        status = page.locator("[data-cs-lms-status]")
        status.first.wait_for(state="visible", timeout=5000)
        assert status.first.inner_text().strip(), "no message that the LMS was not found"
        learner = CourseLearner(page)
        first = learner.current()
        learner.next()
        assert learner.current() != first, "navigation does not work without an LMS"
        for _ in range(len(learner.pages())):
            if learner.visible_quizzes():
                break
            learner.next()
        answered = learner.answer_visible(correct=True)
        assert answered and answered[0].result == "correct", "quizzes do not work without an LMS"
        assert page.js_errors == [], page.js_errors
    finally:
        context.close()


# --------------------------------------------------------------------------------------------
# the LMS's mastery score wins (pitfall 6); a failing LMS is surfaced (pitfall 12)
# --------------------------------------------------------------------------------------------


def test_lms_mastery_score_wins(lms: Lms, packages: dict[str, Path], target: str) -> None:
    """The LMS sets a mastery score of 50 where the course says 80: 4 of 6 right (67%) passes."""
    pkg = packages[target]
    player = lms.launch(pkg, mastery=50 if target == SCORM12 else 0.5)
    learner = learner_for(player)
    learner.walk(answer=False)
    outcome = learner.take_assessment(n_correct=4)
    assert outcome["passed"] == "true", f"67% with the LMS's mastery 50: {outcome['score_text']}"
    finish_course(learner, answer=False)
    result = player.close()
    assert_clean(result)
    stored = result.stored
    assert_verdict(target, stored, "passed")
    raw, _ = score_of(target, stored)
    assert 60 < raw < 80
    assert_moodle_agrees(target, stored)


def test_failed_commit_is_shown(lms: Lms, packages: dict[str, Path], target: str) -> None:
    """Commits that fail (the LMS is down) are told to the learner, and the content goes on."""
    player = lms.launch(packages[target])
    player.session.reject_commits = True
    learner = learner_for(player)
    learner.next()
    status = player.sco.locator("[data-cs-lms-status]")
    status.first.wait_for(state="visible", timeout=5000)
    assert status.first.inner_text().strip(), "a failed commit is not shown to the learner"
    learner.next()  # still usable
    result = player.close(allow={("LMSCommit", "101"), ("Commit", "101"),
                                 ("LMSFinish", "101"), ("Terminate", "101"),
                                 ("LMSCommit", "391"), ("Commit", "391")})
    commit = "LMSCommit" if target == SCORM12 else "Commit"
    failed = [c for c in result.calls if c["method"] == commit and c["result"] == "false"]
    assert failed, "no failing Commit"
    assert result.problems == [], "\n".join(result.problems)
