"""Malformed sources never crash the compiler.

1. hypothesis throws mangled lessons at the parser;
2. a whole-course fuzzer (``tests/fuzzcourse.py``) mutates every file of a small course (delete,
   duplicate, swap lines, truncate, invalid bytes and control characters, nasty YAML values such as
   ``2026-02-30``, file deleted) and runs the whole build.

Every run must end with diagnostics (never an exception), each a known code with a non-empty
message, located in a file of the course at a line that file has, none twice; broken quiz fences
must be reported, not silently dropped; what the mutated files call for must be reported (no
course.yaml: CS004 alone; a file that is not UTF-8: CS006 in it; a control character: an error
in it; the image gone: CS401; ``fuzzcourse.expected_problems``); an error means nothing was
written, no error means every package was written and each zip holds exactly its folder.

3. one mutation at a time (``MUTATIONS``): the exact errors (code, file, line) each must cause,
   and nothing written.

``COURSEC_FUZZ_CASES`` sets the number of whole-course cases (default 25; with these checks it
was run at 4,500: only the CS608 duplicate below), ``COURSEC_FUZZ_SEED`` the first seed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzzcourse import SEED_COURSE, diagnostic_problems, run_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursec.build import BuildOptions, build, load_and_check
from coursec.diagnostics import Reporter, Severity

PIECES = [
    ":::{quiz} q1",
    ":::{quiz}",
    ":::{quiz} 9bad id",
    "::::{assessment} final",
    ":::{scenario} s",
    ":::",
    "::::",
    ":type: single",
    ":type: matching",
    ":type: nonsense",
    ":points: -1",
    ":attempts: x",
    ":draw: 99",
    ":pass: 200%",
    ":unknown: 1",
    ":broken",
    "- [x] right",
    "- [ ] wrong",
    "- [X] {#dup} upper",
    "- [ ] {#dup} again",
    "  > feedback",
    "- term -> match",
    "- term ->",
    "1. first",
    "2) second",
    "= 10..14",
    "= 14..10",
    "= refund",
    "=",
    "# Title",
    "## Page {#p}",
    "## Page {#bad id}",
    "![alt](../media/none.png)",
    "![](x.png)",
    "[link](02-missing.md#x)",
    "<script>alert(1)</script>",
    "---",
    "title: [x",
    "| a | b |",
    "|---|---|",
    "",
    "Plain question text?",
]

lines = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), min_size=0, max_size=40)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(body=lines)
def test_parser_never_crashes(body: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "lessons").mkdir()
        (root / "course.yaml").write_text("id: fuzz\ntitle: Fuzz\n")
        text = "\n".join(body)
        lesson = root / "lessons" / "01-fuzz.md"
        lesson.write_text(text, encoding="utf-8", errors="surrogatepass")
        reporter = Reporter()
        load_and_check(BuildOptions(course_dir=root), reporter)
        line_count = max(1, len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
        assert diagnostic_problems(reporter.diagnostics, root) == []
        for diag in reporter.diagnostics:
            if diag.span.path.endswith("01-fuzz.md"):
                assert 0 <= diag.span.line <= line_count + 1, diag
        all_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        opened = sum(1 for line in all_lines if line.startswith(":::{quiz}"))
        closers = sum(
            1 for line in all_lines if len(line.strip()) >= 3 and set(line.strip()) == {":"}
        )
        front_matter = bool(all_lines) and all_lines[0] == "---"
        if opened and not closers and not front_matter:
            assert any(d.code.name == "CS212" for d in reporter.diagnostics)


def test_whole_course_fuzz() -> None:
    cases = int(os.environ.get("COURSEC_FUZZ_CASES", "25"))
    seed = int(os.environ.get("COURSEC_FUZZ_SEED", "0"))
    summary = run_cases(range(seed, seed + cases))
    assert summary.crashes == [], summary.crashes[0]
    assert summary.problems == [], summary.problems[:5]
    assert summary.hangs == [], summary.hangs
    assert summary.cases == cases
    assert summary.with_errors > 0 and summary.clean > 0  # the mutations reach both outcomes


# --- one mutation at a time: the exact errors it must cause ---------------------------------

Edit = Callable[[Path], None]


def replace(rel: str, old: bytes, new: bytes) -> Edit:
    def edit(root: Path) -> None:
        data = (root / rel).read_bytes()
        assert data.count(old) == 1, f"{old!r} is not once in {rel}"
        (root / rel).write_bytes(data.replace(old, new))
    return edit


def remove(rel: str) -> Edit:
    return lambda root: (root / rel).unlink()


def write(rel: str, text: str) -> Edit:
    def edit(root: Path) -> None:
        (root / rel).write_text(text, encoding="utf-8")
    return edit


INTRO, CHECK, CONFIG, REGION = ("lessons/01-intro.md", "lessons/02-check.md", "course.yaml",
                                "locales/de-DE.yaml")
Expected = list[tuple[str, str, int]]


def case(name: str, edit: Edit, expected: Expected) -> object:
    """One mutation and the errors it must cause (code, file, line)."""
    return pytest.param(edit, expected, id=name)


#: lines as in tests/fixtures/fuzz-course
MUTATIONS = [
    case("course.yaml removed", remove(CONFIG), [("CS004", "course.yaml", 0)]),
    case("YAML syntax", replace(CONFIG, b"title: Fuzz course", b"title: [x"),
         [("CS001", "course.yaml", 2)]),
    case("unknown key", replace(CONFIG, b"author:", b"auther:"), [("CS002", "course.yaml", 6)]),
    case("not UTF-8 course.yaml", replace(CONFIG, b"Fuzz course", b"Fuzz\xc3 course"),
         [("CS006", "course.yaml", 2)]),
    case("no such date", replace(CONFIG, b"2026-01-01", b"2026-02-30"),  # en-US and de-DE
         [("CS609", "course.yaml", 12), ("CS609", "course.yaml", 12)]),
    case("not UTF-8 lesson", replace(INTRO, b"Which one", b"Wh\xffich one"),
         [("CS006", "01-intro.md", 25)]),
    case("NUL in a quiz prompt", replace(INTRO, b"Which one", b"Which\x00 one"),
         [("CS411", "01-intro.md", 25)]),
    case("BEL in a title", replace(CHECK, b"title: Check", b"title: Ch\x07eck"),
         [("CS411", "02-check.md", 3)]),
    case("media file removed", remove("media/pic.svg"), [("CS401", "01-intro.md", 12)]),
    case("linked lesson removed", remove(CHECK), [("CS402", "01-intro.md", 14)]),
    case("link to no page", replace(INTRO, b"#check-page", b"#nowhere"),
         [("CS402", "01-intro.md", 14)]),
    case("quiz never closed", replace(INTRO, b"That one\n:::", b"That one\n"),
         [("CS212", "01-intro.md", 22)]),
    case("duplicate quiz id", replace(CHECK, b"{quiz} q-two", b"{quiz} q-one"),
         [("CS102", "02-check.md", 36)]),
    case("choice to no node", replace(CHECK, b"-> bad", b"-> nowhere"),  # 'bad' is unreachable
         [("CS301", "02-check.md", 22), ("CS305", "02-check.md", 30)]),
    case("region file a list", write(REGION, "- a\n- b\n"), [("CS612", "de-DE.yaml", 1)]),
    case("region file not YAML", write(REGION, "[x"), [("CS001", "de-DE.yaml", 1)]),
    case("not UTF-8 region file", replace(REGION, b"Einf", b"\xffEinf"),
         [("CS006", "de-DE.yaml", 18)]),
    case("unknown value", replace(INTRO, b"{{hotline}}", b"{{nope}}"),
         [("CS608", "01-intro.md", 10)]),
]


@pytest.mark.parametrize(("edit", "expected"), MUTATIONS)
def test_one_mutation_gives_exactly_its_errors(edit: Edit, expected: Expected, tmp_path: Path
                                               ) -> None:
    root, out = tmp_path / "course", tmp_path / "out"
    shutil.copytree(SEED_COURSE, root)
    edit(root)
    reporter = Reporter()
    packages = build(BuildOptions(course_dir=root, out_dir=out), reporter)
    errors = [(d.code.name, Path(d.span.path).name, d.span.line) for d in reporter.sorted()
              if d.severity is Severity.ERROR]  # as printed: one problem met per region, once
    assert errors == expected
    assert diagnostic_problems(reporter.diagnostics, root) == []
    assert packages == [] and not out.exists()  # an error: nothing written


def test_the_unmutated_fuzz_course_builds(tmp_path: Path) -> None:
    """The seed of every case builds clean (so each error above is its mutation's)."""
    reporter = Reporter()
    packages = build(BuildOptions(course_dir=SEED_COURSE, out_dir=tmp_path / "out"), reporter)
    assert [d.code.name for d in reporter.diagnostics] == ["CS601"]  # de-DE is untranslated
    assert len(packages) == 4  # web and scorm2004, for en-US and de-DE


def test_a_region_file_of_comments_only_is_a_region_with_nothing_yet(tmp_path: Path) -> None:
    """Not 'has no file' (CS614): the file is there, it just holds no text yet."""
    root = tmp_path / "course"
    shutil.copytree(SEED_COURSE, root)
    write(REGION, "# de-DE: the vendor's translation arrives next week\n")(root)
    reporter = Reporter()
    packages = build(BuildOptions(course_dir=root, out_dir=tmp_path / "out"), reporter)
    assert [d.code.name for d in reporter.sorted()] == ["CS601"]  # untranslated, not missing
    assert len(packages) == 4
