"""Acceptance: the sample course's cmi5 package in ADL CATAPULT's player (a real cmi5 LMS).

Runs only when ``CMI5_LMS_STATE`` names a started ``../shared/tools/cmi5-lms`` (skipped with a
one-line reason otherwise; CI never has it). Each run is one registration played by the
scripted learner of ``catapult_actions.py``; every run must end in the state cmi5 requires with
no request refused; the table of what CATAPULT stored is printed at the end (``-s`` shows it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from . import catapult

pytestmark = pytest.mark.acceptance
ROWS: list[str] = []


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    reason = catapult.unavailable()
    if reason:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("catapult")
    yield {"course": catapult.build_package(out / "course"),
           "lesson": catapult.build_package(out / "lesson", au="lesson")}
    print("\n\nCATAPULT runs (what the player and its LRS stored)\n" + catapult.HEADER)
    print("\n".join(ROWS))


def _run(packages: dict[str, Path], tmp_path: Path, plan: str, **kw: Any) -> dict[str, Any]:
    package = packages["lesson" if plan == "lessons" else "course"]
    data = catapult.play(package, plan, tmp_path, **kw)
    ROWS.append(catapult.row(plan, data))
    problems = catapult.problems(data)
    assert not problems, "\n".join(problems)
    return data


def _au(data: dict[str, Any]) -> dict[str, Any]:
    return dict(data["aus"][0])


def test_pass(packages: dict[str, Path], tmp_path: Path) -> None:
    data = _run(packages, tmp_path, "pass")
    au = _au(data)
    assert au["completed"] and au["passed"] and au["satisfied"], au
    assert data["course_satisfied"]
    assert catapult.sessions(data)[0].count("passed") == 1


def test_fail(packages: dict[str, Path], tmp_path: Path) -> None:
    data = _run(packages, tmp_path, "fail")
    au = _au(data)
    assert au["completed"] and not au["passed"] and not au["satisfied"], au
    verbs = catapult.sessions(data)[0]
    assert verbs.count("failed") == 1 and "passed" not in verbs, verbs


def test_fail_then_pass_in_one_session(packages: dict[str, Path], tmp_path: Path) -> None:
    data = _run(packages, tmp_path, "fail-then-pass")
    assert data["launches"][0]["action_notes"]["verdicts"] == ["false", "true"]
    au = _au(data)
    assert au["passed"] and au["satisfied"], au
    verbs = catapult.sessions(data)[0]
    assert verbs.count("passed") == 1 and "failed" not in verbs, verbs


def test_leave_and_resume(packages: dict[str, Path], tmp_path: Path) -> None:
    data = _run(packages, tmp_path, "resume", aus="0,0")
    first, second = (launch["action_notes"] for launch in data["launches"])
    assert second["started_on"] == first["left_on"], (first, second)
    au = _au(data)
    assert au["passed"] and au["satisfied"], au
    assert data["course_satisfied"]


def test_browse(packages: dict[str, Path], tmp_path: Path) -> None:
    data = _run(packages, tmp_path, "browse", mode="Browse")
    au = _au(data)
    assert not au["completed"] and not au["passed"] and not au["satisfied"], au
    verbs = catapult.sessions(data)[0]
    assert not {"completed", "passed", "failed"} & set(verbs), verbs


def test_one_au_per_lesson(packages: dict[str, Path], tmp_path: Path) -> None:
    data = _run(packages, tmp_path, "lessons", aus="all")
    assert len(data["aus"]) > 1
    assert all(au["satisfied"] for au in data["aus"]), data["aus"]
    assert data["course_satisfied"]
    for launch in data["launches"]:  # each AU plays its own lesson, and only it
        lesson = str(launch["id"]).rstrip("/").split("/")[-2]
        seen = launch["action_notes"]["seen"]
        assert seen and all(key.startswith(lesson + "--") for key in seen), (lesson, seen)
