"""``coursec graph``: the DOT of a small scenario is golden; the picture marks what it must.

The fixture is ``tests/fixtures/scenarios/small.md`` (three nodes, two endings, a self-loop on
'cold', a conditional choice). Regenerate the golden file with COURSEC_UPDATE_GOLDEN=1 and read
the diff. The SVG test runs Graphviz's ``dot`` and is skipped when it is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from coursec.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "scenarios" / "small.md"
GOLDEN = Path(__file__).parent / "golden" / "scenario-small.dot"


def _course(tmp_path: Path, lesson: str | None = None) -> Path:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: small\ntitle: Small\ntargets: [web]\n")
    target = tmp_path / "lessons" / "01-small.md"
    if lesson is None:
        shutil.copy(FIXTURE, target)
    else:
        target.write_text(lesson)
    return tmp_path


def test_golden_dot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(_course(tmp_path)), "--format", "dot"]) == 0
    out = capsys.readouterr().out
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        GOLDEN.write_text(out)
    assert out == GOLDEN.read_text()


def test_dot_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What a reviewer must see, independent of the exact layout attributes."""
    main(["graph", str(_course(tmp_path)), "--format", "dot", "--scenario", "small"])
    dot = capsys.readouterr().out
    assert "__start -> greet" in dot
    assert "cold -> cold" in dot  # the loop is drawn
    assert "empathy +2" in dot and "if empathy >= 2" in dot  # deltas and conditions on edges
    assert "PASS" in dot and "NEUTRAL" in dot  # endings say their outcome
    assert "#D7F0DD" in dot  # ... and are coloured by it
    assert "[unreachable]" not in dot


def test_unreachable_is_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken graph still draws (that is when a reviewer needs it), with the problem marked."""
    text = FIXTURE.read_text().replace(
        ":::{ending} refund",
        ':::{node} orphan\nNobody comes here.\n\n- "Hello" -> solved\n:::\n\n:::{ending} refund',
    )
    course = _course(tmp_path, text)
    assert main(["graph", str(course), "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    marked = r'orphan \[label="orphan\nNobody comes here\.\n\[unreachable\]"[^\n]*dashed'
    assert re.search(marked, dot), dot


def test_unknown_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(_course(tmp_path)), "--scenario", "nope"]) == 1
    assert "scenarios: small" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' not installed")
def test_svg(tmp_path: Path) -> None:
    out = tmp_path / "graphs"
    assert main(["graph", str(_course(tmp_path)), "--out", str(out)]) == 0
    svg = (out / "small.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "greet" in svg and "solved" in svg
