"""Media name collisions (CS410): two files that would share a package name, found at check time.

The fixture case ``CS410-media-names`` covers accents and spaces; here: names differing only by
case (made at test time, a checkout on a case-insensitive file system could not hold them), files
in two lessons, the preview's per-lesson cache, and a build that now reports instead of crashing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coursec.build import BuildOptions, build, load_and_check
from coursec.diagnostics import Reporter
from coursec.preview.incremental import LessonCache

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><title>{}</title></svg>'


def course(root: Path, lessons: dict[str, str], media: list[str]) -> Path:
    (root / "lessons").mkdir(parents=True)
    (root / "media").mkdir()
    names = ", ".join(lessons)
    (root / "course.yaml").write_text(f"id: names\ntitle: Names\nlessons: [{names}]\n")
    for name, text in lessons.items():
        (root / "lessons" / name).write_text(text, encoding="utf-8")
    for name in media:
        (root / "media" / name).write_text(SVG.format(name), encoding="utf-8")
    return root


def case_sensitive(tmp_path: Path) -> bool:
    (tmp_path / "Probe").write_text("a")
    return not (tmp_path / "probe").exists()


def messages(reporter: Reporter) -> list[tuple[str, str, int]]:
    """(code, lessons/<file> as shown relative to the working directory, line)."""
    return [(d.code.name, "/".join(Path(d.span.path).parts[-2:]), d.span.line)
            for d in reporter.diagnostics]


def test_names_differing_by_case(tmp_path: Path) -> None:
    if not case_sensitive(tmp_path):
        pytest.skip("this file system cannot hold Welcome.svg beside welcome.svg")
    root = course(tmp_path / "c", {"01-a.md": "# A\n\n![Big](../media/Welcome.svg)\n\n"
                                              "![Small](../media/welcome.svg)\n"},
                  ["Welcome.svg", "welcome.svg"])
    reporter = Reporter()
    load_and_check(BuildOptions(course_dir=root), reporter)
    assert messages(reporter) == [("CS410", "lessons/01-a.md", 5)]
    assert reporter.diagnostics[0].message == (
        "media files 'media/Welcome.svg' and 'media/welcome.svg' would both be "
        "'media/Welcome.svg' in the package (names differing only by case)")
    # the build reports it too, writes nothing and does not crash in the write phase
    reporter = Reporter()
    assert build(BuildOptions(course_dir=root, out_dir=tmp_path / "out"), reporter) == []
    assert "CS410" in [d.code.name for d in reporter.diagnostics]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("loader", ["build", "preview"])
def test_collision_across_lessons(tmp_path: Path, loader: str) -> None:
    root = course(tmp_path / "c", {"01-a.md": "# A\n\n![One](../media/a%20b.svg)\n",
                                   "02-b.md": "# B\n\nText.\n\n![Two](../media/a-b.svg)\n"},
                  ["a b.svg", "a-b.svg"])
    reporter = Reporter()
    if loader == "build":
        load_and_check(BuildOptions(course_dir=root), reporter)
    else:
        cache = LessonCache()
        load_and_check(BuildOptions(course_dir=root), Reporter(), load=cache.load)
        load_and_check(BuildOptions(course_dir=root), reporter, load=cache.load)  # cached
        assert cache.reused == 2
    assert messages(reporter) == [("CS410", "lessons/02-b.md", 5)]
    assert "'media/a b.svg' and 'media/a-b.svg'" in reporter.diagnostics[0].message
    assert "lessons/01-a.md:3)" in (reporter.diagnostics[0].help or "")


def test_one_file_under_two_spellings_is_fine(tmp_path: Path) -> None:
    root = course(tmp_path / "c", {"01-a.md": "# A\n\n![One](../media/x.svg)\n\n"
                                              "![Two](../media/../media/x.svg)\n"}, ["x.svg"])
    reporter = Reporter()
    load_and_check(BuildOptions(course_dir=root), reporter)
    assert messages(reporter) == []
