"""Malformed sources never crash the compiler.

1. hypothesis throws mangled lessons at the parser;
2. a whole-course fuzzer (``tests/fuzzcourse.py``) mutates every file of a small course (delete,
   duplicate, swap lines, truncate, invalid bytes and control characters, nasty YAML values such as
   ``2026-02-30``, file deleted) and runs the whole build.

Every run must end with diagnostics (never an exception), each a known code with a non-empty
message, located in a file of the course at a line that file has; broken quiz fences must be
reported, not silently dropped; an error means nothing was written, no error means every package
was written and each zip holds exactly its folder. ``COURSEC_FUZZ_CASES`` sets the number of
whole-course cases (default 25; it was run at 10,000), ``COURSEC_FUZZ_SEED`` the first seed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fuzzcourse import diagnostic_problems, run_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursec.build import BuildOptions, load_and_check
from coursec.diagnostics import Reporter

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
