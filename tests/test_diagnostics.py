"""Diagnostics from fixture files: every code has a case, and the exact text is golden.

A case is ``tests/fixtures/diagnostics/<name>.md`` (a lesson) or ``<name>.yaml`` (a course.yaml),
next to ``<name>.expected`` holding the exact output of ``coursec check``. A lesson case gets a
minimal course.yaml (or ``<name>.config`` when there is one); a course.yaml case gets a minimal
lesson. ``media/`` of the fixture folder is
copied beside it. Set COURSEC_UPDATE_GOLDEN=1 to rewrite the expected files (then read the diff).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from coursec.cli import main
from coursec.diagnostics import Code

FIXTURES = Path(__file__).parent / "fixtures" / "diagnostics"
CASES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".yaml"))
MINIMAL_COURSE = "id: fixture\ntitle: Fixture course\n"
MINIMAL_LESSON = "# A lesson\n\nSome text.\n"


def _make_course(case: Path, dest: Path) -> None:
    (dest / "lessons").mkdir(parents=True)
    shutil.copytree(FIXTURES / "media", dest / "media")
    if case.suffix == ".yaml":
        shutil.copy(case, dest / "course.yaml")
        (dest / "lessons" / "01-lesson.md").write_text(MINIMAL_LESSON)
    else:
        config = case.with_suffix(".config")
        (dest / "course.yaml").write_text(config.read_text() if config.exists() else MINIMAL_COURSE)
        shutil.copy(case, dest / "lessons" / "01-lesson.md")
        extra = case.with_suffix(".second")
        if extra.exists():
            shutil.copy(extra, dest / "lessons" / "02-second.md")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_diagnostic_case(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _make_course(case, tmp_path / "course")
    monkeypatch.chdir(tmp_path / "course")
    code = main(["check", "."])
    err = capsys.readouterr().err
    expected_file = case.with_suffix(".expected")
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        expected_file.write_text(err)
    assert err == expected_file.read_text()
    expects_error = "error[" in err
    assert code == (1 if expects_error else 0)


def test_every_code_has_a_case() -> None:
    covered = set()
    for expected in FIXTURES.glob("*.expected"):
        covered |= set(re.findall(r"\[(CS\d{3})\]", expected.read_text()))
    # tests/test_l10n_diagnostics.py: region-file cases (CS6xx) need a whole fixture course
    for expected in (FIXTURES.parent / "l10n" / "cases").glob("*.expected"):
        covered |= set(re.findall(r"\[(CS\d{3})\]", expected.read_text()))
    tested_elsewhere = {
        "CS501",  # tests/test_limits.py: generated course over the SCORM 1.2 limit
        "CS504",  # tests/test_render.py: missing theme
        "CS505",  # tests/test_targets.py: broken manifests
        "CS502",  # test_cli.py: unknown --target
    }
    missing = {c.name for c in Code} - covered - tested_elsewhere
    assert not missing, f"codes without a fixture case: {sorted(missing)}"
