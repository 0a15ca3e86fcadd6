"""Hostile texts in sources: invalid YAML dates (no crash) and control characters (CS411, in the
file that holds them), across check, build, l10n status/sync and the preview's loader."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from coursec.build import BuildOptions, build, load_and_check
from coursec.cli import main
from coursec.diagnostics import Reporter
from coursec.parse.control import escape_breaks
from coursec.preview.incremental import LessonCache

SEED = Path(__file__).parent / "fixtures" / "fuzz-course"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    shutil.copytree(SEED, tmp_path / "c")
    return tmp_path / "c"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes(reporter: Reporter) -> list[tuple[str, str, int]]:
    return [(d.code.name, Path(d.span.path).name, d.span.line) for d in reporter.diagnostics
            if d.code.name != "CS601"]


DATES = {
    "value": ("course.yaml", "value: 2026-01-01", "value: 2026-02-30"),
    "front-matter title": ("lessons/01-intro.md", "title: Introduction", "title: 2026-02-30"),
    "region file": ("locales/de-DE.yaml", "region: de-DE", "region: de-DE\nreviewed: 2026-02-30"),
}


@pytest.mark.parametrize("where", list(DATES))
def test_invalid_date_is_reported_not_raised(course: Path, tmp_path: Path, where: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    name, old, new = DATES[where]
    edit(course / name, old, new)
    expected = {"value": [("CS609", "course.yaml", 12)] * 2,  # en-US and de-DE
                "front-matter title": [("CS603", "de-DE.yaml", 16)],  # stale: a warning
                "region file": [("CS612", "de-DE.yaml", 6)]}[where]
    fails = where != "front-matter title"
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=course), reporter)
    assert checked is not None
    from coursec.build import localize_phase
    localize_phase(checked[0], BuildOptions(course_dir=course), reporter)
    assert codes(reporter) == expected
    cache = LessonCache()  # the preview's loader
    preview = Reporter()
    load_and_check(BuildOptions(course_dir=course), preview, load=cache.load)
    assert [d.code.name for d in preview.diagnostics if d.code.name == "CS609"] == []
    assert main(["l10n", "status", str(course)]) == (1 if where == "region file" else 0)
    out = tmp_path / "out"
    assert main(["build", str(course), "--out", str(out), "--quiet"]) == (1 if fails else 0)
    assert out.exists() == (not fails)
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_front_matter_date_title_is_its_text(course: Path, tmp_path: Path) -> None:
    edit(course / "lessons/01-intro.md", "title: Introduction", "title: 2026-02-30")
    assert build(BuildOptions(course_dir=course, out_dir=tmp_path / "out"), Reporter())
    with zipfile.ZipFile(tmp_path / "out" / "fuzz-en-US-web.zip") as packed:
        assert "2026-02-30" in packed.read("index.html").decode("utf-8")


CONTROL = {
    "lesson title": ("lessons/01-intro.md", "# Introduction", "# Intro\x01duction",
                     [("CS411", "01-intro.md", 8)]),
    "course author": ("course.yaml", "author: Fuzz author", 'author: "Fuzz\\x02author"',
                      [("CS411", "course.yaml", 6)]),
    "region title": ("locales/de-DE.yaml", "text: 'Einführung'", 'text: "Ein\\x07führung"',
                     [("CS411", "de-DE.yaml", 18)]),
    "region title, literal": ("locales/de-DE.yaml", "text: 'Einführung'", "text: 'Ein\x0bf'",
                              [("CS411", "de-DE.yaml", 18)]),
}


@pytest.mark.parametrize("where", list(CONTROL))
def test_control_character_one_diagnostic_in_its_file(course: Path, tmp_path: Path,
                                                      where: str) -> None:
    name, old, new, expected = CONTROL[where]
    edit(course / "course.yaml", "targets: [web, scorm2004]",
         "targets: [web, scorm2004, cmi5]\nxapi: {base_iri: 'https://x.example'}")
    edit(course / name, old, new)
    reporter = Reporter()
    assert build(BuildOptions(course_dir=course, out_dir=tmp_path / "out"), reporter) == []
    assert codes(reporter) == expected
    assert not (tmp_path / "out").exists()


def test_sync_never_writes_a_nul(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    region = course / "locales" / "de-DE.yaml"
    before = region.read_bytes()
    edit(course / "lessons/02-check.md", "A customer calls.", "A cus\x00tomer calls.")
    assert main(["l10n", "sync", str(course), "--region", "de-DE"]) == 1
    captured = capsys.readouterr()
    assert "error[CS411]" in captured.err
    assert "written" not in captured.out
    assert region.read_bytes() == before


def test_sync_says_not_written_when_it_wrote_nothing(course: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    region = course / "locales" / "de-DE.yaml"
    edit(region, "region: de-DE", "region: de-DE\nreviewed: yes")  # CS612: sync writes nothing
    before = region.read_bytes()
    assert main(["l10n", "sync", str(course), "--region", "de-DE"]) == 1
    out = capsys.readouterr().out
    assert ": not written (errors)" in out and ": written" not in out
    assert region.read_bytes() == before


def test_comment_text_is_escaped() -> None:
    assert escape_breaks("a\x00b\u2028c\x85d\té") == "a\\u0000b\\u2028c\\u0085d\té"
