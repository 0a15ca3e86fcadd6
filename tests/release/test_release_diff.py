"""Golden ``coursec diff`` outputs (text and Markdown) for named edits to the sample course, and
the commands around them (release, check --since, the build warning, git revisions).

Regenerate the golden files with COURSEC_UPDATE_GOLDEN=1, then read the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from coursec.cli import main
from coursec.diagnostics import Reporter
from coursec.parse import load_course
from coursec.release.layout import layout

from .release_edits import EDITS, copy_sample

GOLDEN = Path(__file__).parent / "golden"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_sample(tmp_path / "old")
    copy_sample(tmp_path / "new")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_same_version_reports_nothing(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "markdown"):
        code, out, _ = _run(capsys, "diff", "old", "new", "--format", fmt)
        assert (code, out) == (0, "")
    code, out, _ = _run(capsys, "diff", "old", "new", "--format", "json")
    assert json.loads(out)["changes"] == []


@pytest.mark.parametrize("name", sorted(EDITS))
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_golden(name: str, fmt: str, pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    EDITS[name](pair / "new")
    code, out, err = _run(capsys, "diff", "old", "new", "--format", fmt)
    assert code == 0, err
    golden = GOLDEN / f"{name}.{'md' if fmt == 'markdown' else 'txt'}"
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_json_impact(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    EDITS["answer-key"](pair / "new")
    code, out, _ = _run(capsys, "diff", "old", "new", "--format", "json")
    data = json.loads(out)
    assert code == 0
    golden = GOLDEN / "answer-key.json"
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert data["impact"]["questions_reset"] == [
        {"question": "goodwill-limit-check", "why": "answer key changed"}]
    assert [x["old"].rsplit("/", 2)[1] for x in data["xapi"]] == ["goodwill-limit-check"]


def test_release_records_a_deterministic_layout(pair: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "release", "old", "--version", "1.0")
    assert code == 0 and out.strip().endswith("1.0.json")
    first = (pair / "old" / "releases" / "1.0.json").read_bytes()
    assert _run(capsys, "release", "old", "--version", "1.0")[0] == 0  # same layout: no-op
    assert (pair / "old" / "releases" / "1.0.json").read_bytes() == first
    course = load_course(pair / "old", Reporter())
    assert course is not None
    assert json.loads(first) == {"release": "1.0", **layout(course)}
    EDITS["answer-key"](pair / "old")
    code, _, err = _run(capsys, "release", "old", "--version", "1.0")
    assert code == 1 and "CS907" in err
    code, out, _ = _run(capsys, "release", "old", "--version", "1.1")
    assert code == 0 and "question 'goodwill-limit-check' is reset" in out


def test_check_since_and_build_warning(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "release", "new", "--version", "1")[0] == 0
    EDITS["answer-key"](pair / "new")
    EDITS["policy-change"](pair / "new")
    code, _, err = _run(capsys, "check", "new", "--target", "web", "--since", "1")
    assert code == 0
    assert "warning[CS903]: question 'goodwill-limit-check' is reset" in err
    assert "warning[CS904]: scenario 'late-refund' restarts" in err
    assert "warning[CS900]" in err  # changed since the last release, none recorded since
    code, _, err = _run(capsys, "check", "new", "--target", "web", "--since", "7")
    assert code == 1 and "error[CS906]: no release '7' (releases: 1)" in err


def test_renamed_lesson_is_an_error(pair: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "release", "new", "--version", "1")[0] == 0
    EDITS["renamed-lesson"](pair / "new")
    code, _, err = _run(capsys, "check", "new", "--target", "web", "--since", "1")
    assert code == 1
    assert "error[CS902]: lesson 'empathy' of release '1' is now 'showing-empathy'" in err


def test_git_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    copy_sample(repo / "course")

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                       cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "one")
    EDITS["typo"](repo / "course")
    git("commit", "-qam", "two")
    monkeypatch.chdir(repo / "course")
    code, out, _ = _run(capsys, "diff", "HEAD~1", "HEAD")
    assert code == 0 and "reworded goodwill-limit-check.prompt" in out
    assert _run(capsys, "diff", "HEAD", "HEAD")[1] == ""
    assert _run(capsys, "diff", "HEAD")[1] == ""  # NEW: the course folder as it is
    EDITS["answer-key"](repo / "course")  # not committed
    code, out, _ = _run(capsys, "diff", "HEAD", "--format", "json")
    assert code == 0 and json.loads(out)["new"] == "working tree"
    assert json.loads(out)["impact"]["questions_reset"][0]["question"] == "goodwill-limit-check"
    code, _, err = _run(capsys, "diff", "no-such-rev", "HEAD")
    assert code == 1 and "neither a folder nor a git revision" in err
