"""The command line: exit codes, schema, scaffold, atomic and deterministic builds."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from schemas import validate

import coursec
from coursec.cli import main
from coursec.config import CourseConfig
from coursec.diagnostics import Code
from coursec.progress import build_progress, seconds

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "courses" / "customer-service"


def test_schema_describes_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert set(schema["properties"]) == set(CourseConfig.model_fields)
    undocumented = [k for k, v in schema["properties"].items() if not v.get("description")]
    assert not undocumented


def test_codes_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codes"]) == 0
    out = capsys.readouterr().out
    for code in Code:
        assert f"| {code.name} | {code.severity.value} |" in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["build", "--edition", "5"])
    assert exc.value.code == 2


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coursec", "codes"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "CS001" in result.stdout


@pytest.mark.parametrize("command", ["build", "check", "preview"])
def test_unknown_target_on_the_command_line_is_a_usage_error(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, str(SAMPLE), "--target", "scorm13"])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert (
        "argument --target: unknown target 'scorm13' (did you mean 'scorm12'?); "
        "targets: scorm12, scorm2004, web, xapi, cmi5" in err
    )
    with pytest.raises(SystemExit) as exc:
        main(["build", str(SAMPLE), "--target", "web,moodle", "--out", str(tmp_path)])
    assert exc.value.code == 2
    assert "unknown target 'moodle'; targets: scorm12, scorm2004, web, xapi, cmi5" in (
        capsys.readouterr().err
    )
    assert not any(tmp_path.iterdir())


def _into_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """``coursec ARGS | head -0``: stdout is a pipe whose reader is already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "coursec", *args],
            cwd=ROOT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)


def test_a_closed_pipe_is_no_traceback(tmp_path: Path) -> None:
    result = _into_closed_pipe("codes")
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr
    assert result.returncode == 141, result.stderr
    course = tmp_path / "course"
    shutil.copytree(SAMPLE, course)
    exported = tmp_path / "de.xlf"
    assert main(["l10n", "export", str(course), "--region", "de-DE", "--out", str(exported)]) == 0
    result = _into_closed_pipe("l10n", "import", str(exported), "--region", "de-DE", str(course))
    assert "Traceback" not in result.stderr and "BrokenPipeError" not in result.stderr
    assert result.returncode == 141, result.stderr


@pytest.mark.parametrize("order", ["file-region-course", "file-course-region"])
def test_l10n_import_accepts_both_orders(
    order: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = tmp_path / "course"
    shutil.copytree(SAMPLE, course)
    exported = tmp_path / "de.xlf"
    assert main(["l10n", "export", str(course), "--region", "de-DE", "--out", str(exported)]) == 0
    capsys.readouterr()
    if order == "file-region-course":
        argv = ["l10n", "import", str(exported), "--region", "de-DE", str(course)]
    else:
        argv = ["l10n", "import", str(exported), str(course), "--region", "de-DE"]
    assert main(argv) == 0
    assert f"{course / 'locales' / 'de-DE.yaml'}: unchanged" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main([*argv, "surplus"])
    assert exc.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out == f"coursec {coursec.__version__}\n"


def test_new_course_builds_as_it_is(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    scorm12_schema: etree.XMLSchema,
    scorm2004_4th_schema: etree.XMLSchema,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-course"]) == 0
    assert (tmp_path / "my-course" / "course.yaml").is_file()
    assert len(list((tmp_path / "my-course" / "lessons").glob("*.md"))) == 2
    assert main(["check", "my-course", "--strict"]) == 0
    assert main(["build", "my-course", "--quiet"]) == 0
    for target in ("scorm12", "scorm2004", "web"):
        assert (tmp_path / "build" / f"my-course-en-US-{target}.zip").is_file()
        assert (tmp_path / "build" / "my-course" / "en-US" / target / "index.html").is_file()
    for target, schema in (("scorm12", scorm12_schema), ("scorm2004", scorm2004_4th_schema)):
        manifest = tmp_path / "build" / "my-course" / "en-US" / target / "imsmanifest.xml"
        assert validate(schema, manifest.read_bytes()) == []
    assert main(["new", "my-course"]) == 1  # exists and is not empty
    capsys.readouterr()


def test_new_course_ignores_build_output_and_builds_beside_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-course"]) == 0
    ignored = (tmp_path / "my-course" / ".gitignore").read_text(encoding="utf-8").split("\n")
    assert {"build/", "__pycache__/"} <= set(ignored)
    assert not (tmp_path / "my-course" / "gitignore").exists()
    monkeypatch.chdir(tmp_path / "my-course" / "lessons")  # anywhere inside the course
    assert main(["build", "..", "--target", "web", "--quiet"]) == 0
    assert (tmp_path / "build" / "my-course-en-US-web.zip").is_file()
    monkeypatch.chdir(tmp_path / "my-course")
    capsys.readouterr()
    assert main(["build", "--target", "web", "--quiet"]) == 0
    written = capsys.readouterr().out.split()
    assert written == [str(tmp_path / "build" / "my-course-en-US-web.zip")]
    assert sorted(p.name for p in (tmp_path / "my-course").iterdir()) == [
        ".gitignore", "README.md", "course.yaml", "lessons", "media"
    ]


def test_failed_build_writes_nothing_and_keeps_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course = tmp_path / "course"
    shutil.copytree(SAMPLE, course)
    out = tmp_path / "out"
    assert main(["build", str(course), "--target", "scorm12", "--out", str(out), "--quiet"]) == 0
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert before
    lesson = sorted((course / "lessons").glob("*.md"))[1]
    lesson.write_text(lesson.read_text() + "\n:::{quiz} broken\nNo answers here.\n:::\n")
    assert main(["build", str(course), "--target", "scorm12", "--out", str(out), "--quiet"]) == 1
    after = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert after == before
    assert "nothing was written" in capsys.readouterr().err


def test_same_source_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for run in ("a", "b"):
        assert main(["build", str(SAMPLE), "--out", str(tmp_path / run), "--quiet"]) == 0
    zips_a = sorted((tmp_path / "a").glob("*.zip"))
    assert {
        "customer-service-en-US-scorm12.zip",
        "customer-service-en-US-scorm2004.zip",
        "customer-service-en-US-web.zip",
    } <= {z.name for z in zips_a}
    for zip_a in zips_a:
        assert zip_a.read_bytes() == (tmp_path / "b" / zip_a.name).read_bytes(), zip_a.name


def test_source_date_epoch_changes_only_timestamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    args = ["build", str(SAMPLE), "--target", "scorm12", "--quiet", "--out"]
    assert main([*args, str(tmp_path / "a")]) == 0
    assert main([*args, str(tmp_path / "b")]) == 0
    name = "customer-service-en-US-scorm12.zip"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    with zipfile.ZipFile(tmp_path / "a" / name) as zf:
        assert {info.date_time[:3] for info in zf.infolist()} == {(2023, 11, 14)}
        assert zf.namelist()[0] == "imsmanifest.xml" or "imsmanifest.xml" in zf.namelist()


def test_readme_codes_table_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    main(["codes"])
    table = capsys.readouterr().out.strip()
    readme = (ROOT / "README.md").read_text()
    documented = readme.split("<!-- codes -->\n", 1)[1].split("<!-- /codes -->", 1)[0].strip()
    assert documented == table


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_sub_second_times() -> None:
    assert seconds(0.123) == "0.12 s" and seconds(3.4) == "3.40 s"
    terminal = _Terminal()
    with build_progress(stream=terminal) as step:
        assert step is not None
        step("reading and checking the course")
        step("rendering scorm12")
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.getvalue())  # no colours, cursor
    final = [line.strip() for line in shown.splitlines() if "✓" in line][-2:]
    assert len(final) == 2, shown
    messages = ("reading and checking the course", "rendering scorm12")
    for line, message in zip(final, messages, strict=True):
        assert re.fullmatch(rf"✓ {message} +\d+\.\d\d s", line), line
    assert "0:00:00" not in shown
