"""The command line: exit codes, schema, scaffold, atomic and deterministic builds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from schemas import validate

from coursec.cli import main
from coursec.config import CourseConfig
from coursec.diagnostics import Code

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


def test_unknown_target_is_a_diagnostic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["build", str(SAMPLE), "--target", "scorm13", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "error[CS502]: unknown target 'scorm13'" in err
    assert "did you mean 'scorm12'?" in err
    assert not any(tmp_path.iterdir())


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
