"""Every path a course reads stays inside the course folder, symlinks included (issue 11, item 1).

Each case makes a course in ``tmp_path/course`` beside a folder ``tmp_path/outside`` holding a
marker text, builds it and expects CS405 (the media code and message), exit 1, nothing written
and the marker nowhere. Listed paths written in course.yaml (an absolute path, ``..``) also have a
fixture case (``tests/fixtures/diagnostics/CS405-lessons-outside``); symlinks cannot live in a
fixture file, so they are made here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coursec.cli import main

MARKER = "OUTSIDE-THE-COURSE-7f3a"
COURSE_YAML = "id: c\ntitle: C\ntargets: [web]\n"


def _base(tmp_path: Path) -> tuple[Path, Path]:
    course, outside = tmp_path / "course", tmp_path / "outside"
    (course / "lessons").mkdir(parents=True)
    (course / "media").mkdir()
    (outside / "lessons").mkdir(parents=True)
    (course / "course.yaml").write_text(COURSE_YAML)
    (course / "lessons" / "01-welcome.md").write_text("# Welcome\n\nHello.\n")
    (outside / "x.md").write_text(f"# Elsewhere\n\n{MARKER}\n")
    (outside / "lessons" / "02-x.md").write_text(f"# Elsewhere\n\n{MARKER}\n")
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><!-- {MARKER} --></svg>'
    (outside / "x.svg").write_text(svg)
    (outside / "de-DE.yaml").write_text(f"region: de-DE\nstrings: {{}}\n# {MARKER}\n")
    return course, outside


def symlinked_lesson(course: Path, outside: Path) -> str:
    (course / "lessons" / "02-x.md").symlink_to(outside / "x.md")
    return "'lessons/02-x.md' is outside the course folder"


def symlinked_listed_lesson(course: Path, outside: Path) -> str:
    (course / "lessons" / "02-x.md").symlink_to(outside / "x.md")
    (course / "course.yaml").write_text(COURSE_YAML + "lessons: [01-welcome.md, 02-x.md]\n")
    return "course.yaml:4:26: error[CS405]: '02-x.md' is outside the course folder"


def symlinked_lessons_folder(course: Path, outside: Path) -> str:
    for path in (course / "lessons").iterdir():
        path.unlink()
    (course / "lessons").rmdir()
    (course / "lessons").symlink_to(outside / "lessons", target_is_directory=True)
    return "'lessons/02-x.md' is outside the course folder"


def symlinked_media(course: Path, outside: Path) -> str:
    (course / "media" / "x.svg").symlink_to(outside / "x.svg")
    (course / "lessons" / "01-welcome.md").write_text("# Welcome\n\n![a picture](../media/x.svg)\n")
    return "'../media/x.svg' is outside the course folder"


def symlinked_region_file(course: Path, outside: Path) -> str:
    (course / "course.yaml").write_text(COURSE_YAML + "regions: [de-DE]\n")
    (course / "locales").mkdir()
    (course / "locales" / "de-DE.yaml").symlink_to(outside / "de-DE.yaml")
    return "'locales/de-DE.yaml' is outside the course folder"


def symlinked_locales_folder(course: Path, outside: Path) -> str:
    (course / "course.yaml").write_text(COURSE_YAML + "regions: [de-DE]\n")
    (course / "locales").symlink_to(outside, target_is_directory=True)
    return "'locales/de-DE.yaml' is outside the course folder"


def logo_outside(course: Path, outside: Path) -> str:
    (course / "course.yaml").write_text(COURSE_YAML + "theme: {logo: ../outside/x.svg}\n")
    return "'../outside/x.svg' is outside the course folder"


def symlinked_logo(course: Path, outside: Path) -> str:
    (course / "media" / "logo.svg").symlink_to(outside / "x.svg")
    (course / "course.yaml").write_text(COURSE_YAML + "theme: {logo: media/logo.svg}\n")
    return "'media/logo.svg' is outside the course folder"


def symlinked_course_yaml(course: Path, outside: Path) -> str:
    (outside / "course.yaml").write_text(COURSE_YAML + f"# {MARKER}\n")
    (course / "course.yaml").unlink()
    (course / "course.yaml").symlink_to(outside / "course.yaml")
    return "'course.yaml' is outside the course folder"


def _evil_theme(folder: Path) -> None:
    (folder / "templates").mkdir(parents=True)
    (folder / "theme.yaml").write_text("name: evil\n")
    (folder / "templates" / "index.html.j2").write_text(f"{MARKER} {{{{ 6 * 7 }}}}")


def symlinked_theme(course: Path, outside: Path) -> str:
    _evil_theme(outside / "evil")
    (course / "themes").mkdir()
    (course / "themes" / "evil").symlink_to(outside / "evil", target_is_directory=True)
    (course / "course.yaml").write_text(COURSE_YAML + "theme: {name: evil}\n")
    return "'themes/evil' is outside the course folder"


def symlinked_template(course: Path, outside: Path) -> str:
    _evil_theme(course / "themes" / "t")
    (course / "themes" / "t" / "templates" / "index.html.j2").write_text('{% include "p.j2" %}')
    (course / "themes" / "t" / "templates" / "p.j2").symlink_to(outside / "x.md")
    (course / "course.yaml").write_text(COURSE_YAML + "theme: {name: t}\n")
    return "'templates/p.j2' is outside the course folder"


def symlinked_theme_yaml(course: Path, outside: Path) -> str:
    _evil_theme(course / "themes" / "t")
    (outside / "theme.yaml").write_text(f"name: t\nstrings: {{next: {MARKER}}}\n")
    (course / "themes" / "t" / "theme.yaml").unlink()
    (course / "themes" / "t" / "theme.yaml").symlink_to(outside / "theme.yaml")
    (course / "course.yaml").write_text(COURSE_YAML + "theme: {name: t}\n")
    return "'t/theme.yaml' is outside the course folder"


def theme_absolute_path(course: Path, outside: Path) -> str:
    _evil_theme(outside / "evil")
    (course / "course.yaml").write_text(COURSE_YAML + f"theme: {{name: '{outside / 'evil'}'}}\n")
    return f"error[CS504]: theme name '{outside / 'evil'}' is a path, not a theme name"


def theme_dotdot_path(course: Path, outside: Path) -> str:
    _evil_theme(outside / "evil")
    (course / "course.yaml").write_text(COURSE_YAML + "theme: {name: ../outside/evil}\n")
    return "error[CS504]: theme name '../outside/evil' is a path, not a theme name"


CASES: list[Callable[[Path, Path], str]] = [
    symlinked_lesson,
    symlinked_listed_lesson,
    symlinked_lessons_folder,
    symlinked_media,
    symlinked_region_file,
    symlinked_locales_folder,
    logo_outside,
    symlinked_logo,
    symlinked_course_yaml,
    symlinked_theme,
    symlinked_template,
    symlinked_theme_yaml,
    theme_absolute_path,
    theme_dotdot_path,
]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_path_outside_the_course_is_refused(
    case: Callable[[Path, Path], str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    course, outside = _base(tmp_path)
    expected = case(course, outside)
    if "error[" not in expected:
        expected = f"error[CS405]: {expected}"
    monkeypatch.chdir(course)
    out = tmp_path / "build"
    assert main(["build", ".", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert expected in err, err
    assert MARKER not in err
    assert "Traceback" not in err
    assert not out.exists() or not any(out.rglob("*")), "nothing is written"


def test_l10n_sync_never_writes_through_a_symlinked_locales_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course, outside = _base(tmp_path)
    (outside / "de-DE.yaml").unlink()
    symlinked_locales_folder(course, outside)
    monkeypatch.chdir(course)
    assert main(["l10n", "sync", ".", "--region", "de-DE"]) == 1
    assert "'locales/de-DE.yaml' is outside the course folder" in capsys.readouterr().err
    assert not (outside / "de-DE.yaml").exists()


def test_inside_paths_still_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symlink that stays inside the course folder is fine, and so is a course-local theme."""
    course, _ = _base(tmp_path)
    (course / "shared").mkdir()
    (course / "shared" / "02-shared.md").write_text("# Shared\n\nInside.\n")
    (course / "lessons" / "02-shared.md").symlink_to(course / "shared" / "02-shared.md")
    (course / "themes" / "mine" / "templates").mkdir(parents=True)
    (course / "themes" / "mine" / "theme.yaml").write_text("name: mine\n")
    (course / "themes" / "mine" / "templates" / "index.html.j2").write_text(
        "<title>{{ course.title }}</title>"
    )
    (course / "course.yaml").write_text(COURSE_YAML + "theme: {name: mine}\n")
    monkeypatch.chdir(course)
    assert main(["build", ".", "--out", str(tmp_path / "build")]) == 0, capsys.readouterr().err
    page = (tmp_path / "build" / "c" / "en-US" / "web" / "index.html").read_text()
    assert page == "<title>C</title>"
