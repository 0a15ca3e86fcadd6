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
import requires

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


def test_svg(tmp_path: Path) -> None:
    requires.dot()
    out = tmp_path / "graphs"
    assert main(["graph", str(_course(tmp_path)), "--out", str(out)]) == 0
    svg = (out / "small.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "greet" in svg and "solved" in svg


# Hostile text in a scenario (issue 11, item 4): every label is plain text to Graphviz.
LABEL_PAYLOADS = [
    '<<TABLE><TR><TD HREF="javascript:alert(1)">x</TD></TR></TABLE>>',
    '<TD HREF="javascript:alert(document.domain)">click</TD>',
    "<b>bold</b>",
    'He said "stop" \\" and left',
    "A call ending in a backslash \\",
    "Escapes \\N \\G \\l \\r \\n are text",
    "&lt;a href=&quot;javascript:alert(1)&quot;&gt;",
]
PLACES = {
    "title": (":title: A small call", ":title: {}"),
    "node text": ('**Customer:** "So?"', '**Customer:** {}'),
    "choice text": ('"Offer a refund instead."', '"{}"'),
}


def _svg_problems(svg: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(svg)
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname == "a":
            problems.append("an <a> element")
        for key, raw in element.attrib.items():
            name = key if isinstance(key, str) else key.decode()
            value = raw if isinstance(raw, str) else raw.decode()
            if "href" in name or "javascript" in value.lower():
                problems.append(f"attribute {name}={value!r}")
    return problems


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("payload", LABEL_PAYLOADS)
def test_hostile_label_is_plain_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], place: str, payload: str
) -> None:
    requires.dot()
    old, new = PLACES[place]
    course = _course(tmp_path, FIXTURE.read_text().replace(old, new.format(payload)))
    out = tmp_path / "graphs"
    assert main(["graph", str(course), "--out", str(out)]) == 0, capsys.readouterr().err
    svg = (out / "small.svg").read_bytes()
    assert _svg_problems(svg) == []
    if place == "title" and "&" not in payload:  # Graphviz reads entities in any label
        from lxml import etree

        texts = ["".join(map(str, t.itertext())) for t in etree.fromstring(svg).iter("{*}text")]
        assert " ".join(payload.split()) in texts  # the title, shown as it was written


def test_label_is_plain_text() -> None:
    """Line breaks only between the given lines, backslashes literal, never an HTML label."""
    from graphviz.quoting import quote

    from coursec.graph import label

    assert label("a\nb\\", "c") == "a b\\\\\nc"
    assert quote(label("<x>")) == '"<x>"'


def test_hostile_unknown_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A choice to an unknown node named like HTML or a port still draws."""
    text = FIXTURE.read_text().replace("-> refund if", '-> <b>a:b\\ if')
    assert main(["graph", str(_course(tmp_path, text)), "--format", "dot"]) == 0
    dot = capsys.readouterr().out
    assert '"<b>a:b\\\\\n[unknown node]"' in dot
    requires.dot()
    out = tmp_path / "graphs"
    assert main(["graph", str(tmp_path), "--out", str(out)]) == 0
    assert _svg_problems((out / "small.svg").read_bytes()) == []
