"""Localization diagnostics (CS601-CS615) from fixture cases, with the exact text golden.

A case is ``tests/fixtures/l10n/cases/<name>.<region>.yaml``: it replaces
``locales/<region>.yaml`` of the fixture course (``tests/fixtures/l10n/course``) and the test
runs ``coursec check . --region <region>``; or ``<name>.course.yaml``, which replaces the
course.yaml and checks every region. ``<name>.expected`` holds the exact stderr.
Set COURSEC_UPDATE_GOLDEN=1 to rewrite the expected files (then read the diff).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coursec.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "l10n"
COURSE = FIXTURES / "course"
CASES = sorted((FIXTURES / "cases").glob("*.yaml"))


def _case_parts(case: Path) -> tuple[str, str]:
    name, target = case.name.removesuffix(".yaml").rsplit(".", 1)
    return name, target


@pytest.mark.parametrize("case", CASES, ids=[_case_parts(c)[0] for c in CASES])
def test_l10n_diagnostic_case(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    name, target = _case_parts(case)
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    args = ["check", "."]
    if target == "course":
        shutil.copy(case, course / "course.yaml")
    else:
        shutil.copy(case, course / "locales" / f"{target}.yaml")
        args += ["--region", target]
    monkeypatch.chdir(course)
    code = main(args)
    err = capsys.readouterr().err
    expected_file = case.parent / f"{name}.expected"
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        expected_file.write_text(err)
    assert err == expected_file.read_text()
    assert code == (1 if "error[" in err else 0)


def test_fixture_course_is_clean(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every case above differs from a course whose regions check without a diagnostic."""
    monkeypatch.chdir(COURSE)
    assert main(["check", ".", "--strict"]) == 0
    assert capsys.readouterr().err == "no problems found\n"
