"""The sample course in a real Moodle 4.3 (SCORM 1.2, 2004 4th and 3rd; en-US and de-DE).

Scripted learners (``moodle_actions.py``) play it through Moodle's own player and runtime; every
assertion reads what Moodle stored (its tables, dumped by the tool) or what the SCO called on
Moodle's API. Runs when ``MOODLE_ACCEPTANCE_HOME`` names a site made by shared/tools/moodle;
skipped with a one-line reason otherwise (CI).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import record_launch
from .moodle import REPO, Launch, Moodle, unavailable

WHY = unavailable()
pytestmark = [pytest.mark.acceptance, pytest.mark.skipif(WHY is not None, reason=WHY or "")]

SAMPLE = REPO / "courses" / "customer-service"
PACKAGES = ["scorm12", "scorm2004-4th", "scorm2004-3rd"]
REGIONS = ["en-US", "de-DE"]


@pytest.fixture(scope="session")
def moodle() -> Moodle:
    return Moodle()


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for edition in ("4", "3"):
        root = tmp_path_factory.mktemp(f"moodle-build-{edition}")
        targets = "scorm12,scorm2004" if edition == "4" else "scorm2004"
        cmd = [sys.executable, "-m", "coursec", "build", str(SAMPLE), "--target", targets,
               "--region", ",".join(REGIONS), "--edition", edition, "--out", str(root),
               "--quiet"]
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600,
                              check=False)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        for region in REGIONS:
            if edition == "4":
                out[f"scorm12/{region}"] = root / "customer-service" / region / "scorm12"
            out[f"scorm2004-{'4th' if edition == '4' else '3rd'}/{region}"] = (
                root / "customer-service" / region / "scorm2004")
    return out


def is12(package: str) -> bool:
    return package == "scorm12"


def status_of(package: str, stored: dict[str, str]) -> str:
    if is12(package):
        return stored.get("cmi.core.lesson_status", "")
    return f"{stored.get('cmi.completion_status', '')}/{stored.get('cmi.success_status', '')}"


def raw_of(package: str, stored: dict[str, str]) -> str:
    return stored.get("cmi.core.score.raw" if is12(package) else "cmi.score.raw", "")


def responses(package: str, stored: dict[str, str]) -> tuple[int, int]:
    """(interactions with a response, interactions) in what Moodle stored."""
    key = "student_response" if is12(package) else "learner_response"
    ids = {k.split(".")[2] for k in stored if k.startswith("cmi.interactions.")
           and k.endswith(".id")}
    answered = {i for i in ids if stored.get(f"cmi.interactions.{i}.{key}")}
    return len(answered), len(ids)


def note(package: str, region: str, run: str, n: int, launch: Launch) -> None:
    stored = launch.stored()
    with_response, total = responses(package, stored)
    mode_key = "cmi.core.lesson_mode" if is12(package) else "cmi.mode"
    entry_key = "cmi.core.entry" if is12(package) else "cmi.entry"
    mark_key = "cmi.student_data.mastery_score" if is12(package) else "cmi.scaled_passing_score"
    record_launch({
        "package": package, "region": region, "run": run, "launch": f"{n} {launch.script}",
        "mode": launch.got(mode_key) or "", "entry": launch.got(entry_key) or "",
        "pass mark": launch.got(mark_key) or "", "stored status": status_of(package, stored),
        "raw": raw_of(package, stored), "grade": grade_text(launch),
        # the tool adds activities with completion off (add_scorm.php): None means "not tracked"
        "completion": "off" if launch.completion() is None else launch.completion(),
        "attempts": launch.attempts(),
        "responses": f"{with_response}/{total}", "refused": len(launch.refused()),
        "errors": len(launch.content_errors()),
    })


def assert_clean(launch: Launch) -> None:
    assert not launch.learner.get("error"), launch.learner["error"]
    assert launch.refused() == [], "Moodle refused:\n" + "\n".join(launch.refused())
    assert launch.content_errors() == [], "\n".join(launch.content_errors())


def assert_passed(package: str, stored: dict[str, str], raw: float) -> None:
    if is12(package):
        assert stored.get("cmi.core.lesson_status") == "passed", status_of(package, stored)
    else:
        assert stored.get("cmi.completion_status") == "completed", status_of(package, stored)
        assert stored.get("cmi.success_status") == "passed", status_of(package, stored)
        assert abs(float(stored["cmi.score.scaled"]) - raw / 100) < 1e-6
    assert float(raw_of(package, stored)) == raw


def grade_text(launch: Launch) -> str:
    grade = launch.grade()
    return str(grade.get("str_grade", grade)) if isinstance(grade, dict) else str(grade)


def grade_value(launch: Launch) -> float:
    grade = launch.grade()
    if isinstance(grade, dict):
        grade = grade.get("grade", grade.get("rawgrade"))
    return float(grade)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("package", PACKAGES)
def test_pass_then_review(moodle: Moodle, builds: dict[str, Path], package: str,
                          region: str) -> None:
    cmid = moodle.add(builds[f"{package}/{region}"], f"{package} {region} pass")
    first = moodle.play(cmid, "pass")
    note(package, region, "pass 5/6, review", 1, first)
    assert_clean(first)
    assert first.got("cmi.student_data.mastery_score" if is12(package)
                     else "cmi.scaled_passing_score") in ("80", "0.8"), "pass mark not 80 %"
    shown = first.learner
    assert shown.get("passed_flag") == "true", shown
    assert ("83,33" if region == "de-DE" else "83.33") in shown["score_text"], shown
    stored = first.stored()
    assert_passed(package, stored, 83.33)
    assert grade_value(first) == pytest.approx(83.33, abs=0.01)
    with_response, total = responses(package, stored)
    assert total > 20 and with_response == total, f"{with_response} of {total} kept a response"

    review = moodle.play(cmid, "review")
    note(package, region, "pass 5/6, review", 2, review)
    assert_clean(review)
    assert review.got("cmi.core.lesson_mode" if is12(package) else "cmi.mode") == "review"
    seen = review.learner
    assert seen["mode_review"] and seen["score_visible"], f"review shows no result: {seen}"
    assert seen["passed_flag"] == "true", seen
    assert seen["visited_marks"] == seen["pages"], seen
    assert seen["status"]["success"] == "passed", seen
    assert status_of(package, review.stored()) == status_of(package, stored)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("package", PACKAGES)
def test_fail_relaunch_retry_pass(moodle: Moodle, builds: dict[str, Path], package: str,
                                  region: str) -> None:
    cmid = moodle.add(builds[f"{package}/{region}"], f"{package} {region} retry")
    run = "draft, fail, retry"
    draft = moodle.play(cmid, "draft")
    note(package, region, run, 1, draft)
    assert_clean(draft)

    fail = moodle.play(cmid, "fail")
    note(package, region, run, 2, fail)
    assert_clean(fail)
    drafted, restored = draft.learner["drafted"], fail.learner["restored"]
    for qid, controls in drafted.items():
        assert restored.get(qid) == controls, f"answer to {qid} not restored on relaunch"
    assert fail.learner["passed_flag"] == "false" and fail.learner["retry_visible"]
    stored = fail.stored()
    # the attempt stays open (Moodle never stores an unset or "unknown" success_status)
    open_status = {"incomplete"} if is12(package) else {"incomplete/unknown", "incomplete/"}
    assert status_of(package, stored) in open_status, "the attempt must stay open"
    assert raw_of(package, stored) == "", "no score while a try is left"

    retry = moodle.play(cmid, "retry")
    note(package, region, run, 3, retry)
    assert_clean(retry)
    assert retry.got("cmi.core.lesson_mode" if is12(package) else "cmi.mode") == "normal"
    assert retry.learner["retry_offered"], retry.learner
    assert retry.learner["passed_flag"] == "true", retry.learner
    assert retry.attempts() == 1
    assert_passed(package, retry.stored(), 100)
    assert grade_value(retry) == pytest.approx(100)
