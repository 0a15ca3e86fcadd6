"""Parser fixtures: a lesson file next to the model it must produce (as readable JSON).

``tests/fixtures/parse/<name>.md`` is parsed as the only lesson of a minimal course; the result
is dumped (prose blocks rendered to HTML) and compared with ``<name>.json``. Set
COURSEC_UPDATE_GOLDEN=1 to rewrite the JSON files, then read the diff.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from coursec.build import BuildOptions, load_and_check
from coursec.diagnostics import Reporter
from coursec.model import Prose
from coursec.parse.markdown import make_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
CASES = sorted(FIXTURES.glob("*.md"))


def _dump(value: Any) -> Any:
    if isinstance(value, Prose):
        html = make_markdown().renderer.render(value.tokens, make_markdown().options, {})
        return {"prose": value.id, "html": html}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _dump(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("span", "path", "config", "root", "source")
        } | ({"line": span.line} if (span := getattr(value, "span", None)) is not None else {})
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_parse_case(case: Path, tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: fixture\ntitle: Fixture\n")
    shutil.copy(case, tmp_path / "lessons" / case.name)
    media = FIXTURES.parent / "diagnostics" / "media"
    shutil.copytree(media, tmp_path / "media")
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=tmp_path, targets=["web"]), reporter)
    assert checked is not None
    course = checked[0]
    assert not reporter.diagnostics, reporter.sorted()
    got = json.dumps(_dump(course.lessons), indent=2, sort_keys=True) + "\n"
    expected = case.with_suffix(".json")
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        expected.write_text(got)
    assert got == expected.read_text()
