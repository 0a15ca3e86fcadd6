"""What a build embeds: the compact layouts of earlier releases, one per release key ``k``."""

from __future__ import annotations

from pathlib import Path

from coursec.cli import main
from coursec.diagnostics import Reporter
from coursec.parse import load_course
from coursec.release.embed import compact, earlier_layouts, embedded, release_key
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
    earlier = earlier_layouts(releases, current)
    # 3 is the current layout; 2 shares its hash h but not its answer keys, so its k differs
    assert earlier == [compact(releases[1].layout), compact(releases[0].layout)]
    assert earlier[0]["hash"] == current["hash"]
    assert release_key(earlier[0]) != release_key(compact(current))
    assert set(earlier[0]) == {"hash", "pages", "quizzes", "assessment", "scenarios"}
    data = embedded(course)
    assert data is not None
    assert [x["k"] for x in data] == [release_key(compact(r.layout)) for r in reversed(releases)]


def test_no_releases_folder_embeds_nothing(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "course")
    course = load_course(root, Reporter())
    assert course is not None
    assert embedded(course) is None
