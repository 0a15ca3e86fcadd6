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

from coursec.build import BuildOptions, load_and_check, localize_phase
from coursec.cli import main
from coursec.diagnostics import Code, Reporter, Span

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
    # tests/release/test_release_codes.py: CS9xx need recorded releases and an edit
    for expected in (FIXTURES.parents[1] / "release" / "golden" / "diagnostics").glob("*.expected"):
        covered |= set(re.findall(r"\[(CS\d{3})\]", expected.read_text()))
    tested_elsewhere = {
        "CS501",  # tests/test_limits.py: generated course over the SCORM 1.2 limit
        "CS504",  # tests/test_render.py: missing theme
        "CS406",  # tests/test_theme_sandbox.py: needs a theme folder (exact text there)
        "CS702",  # tests/test_secrets.py: needs a course.yaml value and a lesson that uses it
        "CS505",  # tests/test_targets.py: broken manifests
        "CS502",  # test_cli.py: unknown --target
        "CS506",  # tests/test_output.py: --out on a file, read-only (output codes: build only)
        "CS507",  # tests/test_output.py: disk full, I/O error while writing
        "CS508",  # tests/test_output.py: SOURCE_DATE_EPOCH=abc
        "CS509",  # tests/test_catalog.py: two course folders of one id (a catalog, build only)
        # coursec report (statements, LRS, engines): tests/report/
        "CS800", "CS801", "CS802", "CS803", "CS804", "CS805", "CS806", "CS807", "CS808", "CS809",
    }
    missing = {c.name for c in Code} - covered - tested_elsewhere
    assert not missing, f"codes without a fixture case: {sorted(missing)}"



# The new author's course (issue 10): a realistic small course that checks clean, and the mistakes
# a new author makes, applied one at a time: each gives exactly one diagnostic, with its code, at
# the place the author has to fix (file:line:col, relative to the working directory). A mistake is
# a list of (file, old text, new text) edits; "source only" mistakes change text that the region
# files translate (the translations are then rightly stale), so they are checked with
# --region en-US.
NEW_AUTHOR = Path(__file__).parent / "fixtures" / "new-author"
WELCOME, RESOLVING = "lessons/01-welcome.md", "lessons/02-resolving.md"
FINAL = "lessons/03-final-check.md"
Edit = tuple[str, str, str]
MISTAKES: dict[str, tuple[list[Edit], bool, str, str]] = {
    "pass-as-fraction": ([(FINAL, ":pass: 80%", ":pass: 0.8")], False, "CS203", f"{FINAL}:13:8"),
    "mastery-as-fraction": (
        [("course.yaml", "completion:", "mastery: 0.8\ncompletion:")], False, "CS003",
        "course.yaml:8:10",
    ),
    "mastery-differs-from-pass": (
        [("course.yaml", "completion:", "mastery: 70\ncompletion:")], False, "CS020",
        "course.yaml:8:1",
    ),
    "numeric-answer-text-value": (
        [(RESOLVING, "= 15", "= {{complaints-line}}")], False, "CS630", f"{RESOLVING}:19:3"
    ),
    "image-in-hint-missing": (
        [(WELCOME, ":hint: Think", ":hint: ![A map](../media/map.svg) Think")], True, "CS401",
        f"{WELCOME}:20:17",
    ),
    "image-in-feedback-missing": (
        [(WELCOME, "> This sounds", "> ![A shrug](../media/shrug.svg) This sounds")], True,
        "CS401", f"{WELCOME}:29:16",
    ),
    "missing-theme": (
        [("course.yaml", "completion:", "theme: {name: corporate}\ncompletion:")], False,
        "CS504", "course.yaml:8:1",
    ),
    "no-heading": ([(WELCOME, "title: Welcome\n", ""), (WELCOME, "# Welcome\n", "")], False,
                   "CS021", f"{WELCOME}:1:1"),
    "unclosed-quiz": (
        [(WELCOME, "help.\n:::\n", "help.\n")], False, "CS212", f"{WELCOME}:19:1"
    ),
    "unclosed-ending": (
        [(RESOLVING, "thanks you.\n:::\n", "thanks you.\n")], False, "CS212", f"{RESOLVING}:66:1"
    ),
    "tab-before-feedback": (
        [(WELCOME, "  > This sounds", "\t> This sounds")], False, "CS215", f"{WELCOME}:29:1"
    ),
    "windows-1252": (
        [(WELCOME, "call centre", "call centre \u2013 or the caf\u00e9")], False, "CS006",
        f"{WELCOME}:30:36",
    ),
    "yaml-indentation": (
        [("course.yaml", "  assessment: true", "   assessment: true")], False, "CS001",
        "course.yaml:10:4",
    ),
    "yaml-no-space-after-colon": (
        [("course.yaml", 'version: "1.0"', 'version:"1.0"')], False, "CS001", "course.yaml:4:8"
    ),
    "yaml-tab": (
        [("course.yaml", "  assessment: true", "\tassessment: true")], False, "CS001",
        "course.yaml:10:1",
    ),
    "front-matter-no-space-after-colon": (
        [(WELCOME, "title: Welcome", "title:Welcome")], False, "CS001", f"{WELCOME}:3:6"
    ),
    "unknown-value": (
        [(RESOLVING, "{{fee-limit}}", "{{fee-limits}}")], False, "CS608", f"{RESOLVING}:9:31"
    ),
    "unknown-directive": (
        [(WELCOME, ":::{quiz} complaint-or-query", ":::{quizz} complaint-or-query")], True,
        "CS201", f"{WELCOME}:34:1",
    ),
    "image-name-misspelt": (
        [(WELCOME, "../media/counter.svg", "../media/countr.svg")], True, "CS401",
        f"{WELCOME}:12:30",
    ),
    "region-key-misspelt": (
        [("locales/de-DE.yaml", "  who-decides.prompt:", "  who-decide.prompt:")], False,
        "CS602", "locales/de-DE.yaml:115:3",
    ),
}
#: what the one diagnostic must say, in the author's words (where the code alone proves little)
SAYS = {
    "pass-as-fraction": "write 80% or 80",
    "mastery-as-fraction": "write 80% or 80",
    "mastery-differs-from-pass": "the LMS receives 70% (mastery)",
    "unclosed-quiz": "this quiz is never closed",
    "tab-before-feedback": "indented with a tab",
    "windows-1252": "Windows-1252",
    "yaml-indentation": "indent it by 2 space(s)",
    "yaml-no-space-after-colon": "missing space after the colon of 'version'",
    "yaml-tab": "a tab is used for indentation here",
    "front-matter-no-space-after-colon": "missing space after the colon of 'title'",
    "image-name-misspelt": "did you mean '../media/counter.svg'?",
    "region-key-misspelt": "did you mean 'who-decides.prompt'?",
    "unknown-directive": "did you mean 'quiz'?",
}
_DIAGNOSTIC_RE = re.compile(r"^(\S+): (?:error|warning)\[(CS\d{3})\]: ", re.MULTILINE)


def _new_author_check(
    tmp_path: Path, edits: list[Edit], source_only: bool, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    course = tmp_path / "new-author"
    shutil.copytree(NEW_AUTHOR, course)
    for name, old, new in edits:
        path = course / name
        text = path.read_bytes().decode("utf-8")
        assert old in text, (name, old)
        encoding = "cp1252" if "\u2013" in new else "utf-8"  # saved by an old Windows editor
        path.write_bytes(text.replace(old, new, 1).encode(encoding))
    regions = ["--region", "en-US"] if source_only else []
    code = main(["check", str(course.relative_to(tmp_path)), *regions])
    return code, capsys.readouterr().err


def test_new_author_course_is_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = _new_author_check(tmp_path, [], False, capsys)
    assert (code, err) == (0, "no problems found\n")


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_new_author_mistake_gives_one_diagnostic(
    mistake: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    edits, source_only, expected_code, where = MISTAKES[mistake]
    monkeypatch.chdir(tmp_path)
    code, err = _new_author_check(tmp_path, edits, source_only, capsys)
    found = _DIAGNOSTIC_RE.findall(err)
    assert found == [(f"new-author/{where}", expected_code)], err
    assert SAYS.get(mistake, "") in err
    severity = "error" if "error[" in err else "warning"
    assert err.rstrip().endswith(
        "1 error(s), 0 warning(s)" if severity == "error" else "0 error(s), 1 warning(s)"
    )
    assert code == (1 if severity == "error" else 0)


def test_new_author_handled_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What is no mistake any more: a BOM (Notepad), 'mastery: 80%', and a regional value as the
    answer of a numeric question (each region's own number)."""
    monkeypatch.chdir(tmp_path)
    lesson = NEW_AUTHOR / RESOLVING
    edits = [
        ("course.yaml", "completion:", "mastery: 80%\ncompletion:"),
        (RESOLVING, "= 15", "= {{refund-window}}"),
    ]
    course = tmp_path / "new-author"
    code, err = _new_author_check(tmp_path, edits, False, capsys)
    assert (code, err) == (0, "no problems found\n")
    for name in (RESOLVING, "course.yaml", "locales/de-DE.yaml"):  # saved by Windows Notepad
        (course / name).write_bytes(b"\xef\xbb\xbf" + (course / name).read_bytes())
    assert lesson.read_bytes()[:3] != b"\xef\xbb\xbf"
    assert main(["check", "new-author", "--strict"]) == 0
    assert capsys.readouterr().err == "no problems found\n"
    reporter = Reporter()
    options = BuildOptions(course_dir=course)
    loaded = load_and_check(options, reporter)
    assert loaded is not None and not reporter.diagnostics
    resolving = next(x for x in loaded[0].lessons if x.path.name == "02-resolving.md")
    assert (resolving.id, resolving.title) == ("resolving", "Resolving a complaint")
    assert loaded[0].config.mastery == 80
    numbers = {
        region: [
            (r.low, r.high) for q in localized.quizzes() if q.id == "refund-days" for r in q.ranges
        ]
        for region, localized in localize_phase(loaded[0], options, reporter)
    }
    assert numbers == {"en-US": [(15, 15)], "de-DE": [(14, 14)], "es-MX": [(15, 15)]}
    assert not reporter.diagnostics


def test_count_is_what_is_printed() -> None:
    """The same problem found twice (say once per region) is printed once and counted once."""
    reporter = Reporter()
    for _ in range(2):
        reporter.report(Code.CS608, Span("lessons/a.md", 3, 5), "unknown value '{{x}}'")
    reporter.report(Code.CS021, Span("lessons/b.md", 1, 1), "no heading")
    assert len(reporter.sorted()) == 2
    assert reporter.counts() == (1, 1)


def test_paths_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """One convention for every printed path, with its snippet: course.yaml diagnostics of a
    course checked from its parent folder (CS701, CS504) name 'demo/course.yaml' and show the
    line."""
    course = tmp_path / "demo"
    (course / "lessons").mkdir(parents=True)
    (course / "course.yaml").write_text("id: demo\ntitle: Demo\ntargets: [web, xapi]\n")
    (course / "lessons" / "01-a.md").write_text(MINIMAL_LESSON)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "demo"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "demo/course.yaml:3:1: error[CS701]: the xapi target needs xapi.base_iri"
    ), err
    assert " 3 | targets: [web, xapi]\n" in err
    (course / "course.yaml").write_text("id: demo\ntitle: Demo\ntheme: {name: corporate}\n")
    # check and build fail alike, and nothing is located in a generated file (imsmanifest.xml)
    for args in (["check", "demo"], ["build", "demo", "--quiet", "--out", str(tmp_path / "out")]):
        assert main(args) == 1
        err = capsys.readouterr().err
        assert err.startswith(
            "demo/course.yaml:3:1: error[CS504]: theme 'corporate' not found\n 3 | theme:"
        ), err
        assert "1 error(s), 0 warning(s)\n" in err
    assert not (tmp_path / "out").exists()
