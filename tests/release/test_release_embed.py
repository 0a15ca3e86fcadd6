"""What a build will embed: the compact layouts of earlier releases, one per state hash."""

from __future__ import annotations

from pathlib import Path

from coursec.cli import main
from coursec.diagnostics import Reporter
from coursec.parse import load_course
from coursec.release.embed import compact, earlier_layouts
from coursec.release.layout import layout
from coursec.release.record import load_releases

from .release_edits import EDITS, copy_sample


def test_earlier_layouts(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "course")
    assert main(["release", str(root), "--version", "1"]) == 0
    EDITS["typo"](root)  # same layout: no new hash
    EDITS["pages"](root)
    assert main(["release", str(root), "--version", "2"]) == 0
    EDITS["answer-key"](root)  # new answer key, same structure hash as release 2
    assert main(["release", str(root), "--version", "3"]) == 0
    course = load_course(root, Reporter())
    assert course is not None
    releases = load_releases(root, Reporter())
    assert [r.version for r in releases] == ["1", "2", "3"]
    current = layout(course)
    embedded = earlier_layouts(releases, current)
    # 2 and 3 share the current hash (h does not cover answer keys: docs/releases.md)
    assert embedded == [compact(releases[0].layout)]
    assert set(embedded[0]) == {"hash", "pages", "quizzes", "assessment", "scenarios"}
