"""Finding a theme and its files: the course's ``themes/<name>`` or an installed theme.

In:  the course (``course.yaml`` ``theme:`` names the theme).
Out: ``find_theme_folder`` (the folder, confined), ``theme_file`` (a file inside it, or None),
     ``theme_strings`` (the folder, default UI strings and name, read quietly for ``l10n``).
Reported: CS504 for a bad or unknown theme name, CS405 for a course-local theme that resolves
     outside the course folder (only when given a reporter; the build reports, l10n is quiet).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from coursec.diagnostics import Code, Reporter
from coursec.model import Course
from coursec.parse.confine import inside
from coursec.parse.course import key_span
from coursec.parse.yamlsrc import load_data

BUILTIN_THEMES = Path(__file__).resolve().parents[1] / "themes"  # package data


def theme_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a theme (a theme is named, never given as a path), or None."""
    if not name.strip() or name.startswith(".") or any(c in name for c in "/\\:\0"):
        return f"theme name '{name}' is a path, not a theme name"
    return None


def find_theme_folder(course: Course, reporter: Reporter | None = None) -> Path | None:
    """The one place themes are looked up: ``themes/<name>`` of the course folder (resolved and
    inside it, symlinks included), else the installed theme ``<name>``. A name that is a path
    (absolute, ``..``, a slash) finds nothing. With a ``reporter``: CS504 for a bad or unknown
    name, CS405 for a course-local theme that resolves outside the course folder."""
    name = course.config.theme.name
    span = key_span(course.root, "theme")
    problem = theme_name_problem(name)
    if problem is not None:
        if reporter is not None:
            reporter.report(
                Code.CS504,
                span,
                problem,
                help="name a theme folder under the course's themes/ or an installed theme",
            )
        return None
    local = course.root / "themes" / name
    if (local / "theme.yaml").is_file() or local.is_symlink():
        if inside(course.root, local) is None:
            if reporter is not None:
                reporter.report(Code.CS405, span, f"'themes/{name}' is outside the course folder")
            return None
        return local
    installed = BUILTIN_THEMES / name
    if (installed / "theme.yaml").is_file() and inside(BUILTIN_THEMES, installed) is not None:
        return installed
    if reporter is not None:
        reporter.report(
            Code.CS504,
            span,
            f"theme '{name}' not found",
            help=f"built-in themes: {', '.join(sorted(_builtin_names()))}",
        )
    return None


def theme_file(theme_folder: Path, relative: str) -> Path | None:
    """A file of the theme, resolved, when it stays inside the theme's folder (symlinks
    included); None otherwise (every file a theme reads goes through here or the loader)."""
    return inside(theme_folder, theme_folder / relative)


def _builtin_names() -> list[str]:
    if not BUILTIN_THEMES.is_dir():
        return []
    return [p.name for p in BUILTIN_THEMES.iterdir() if (p / "theme.yaml").is_file()]


def theme_strings(course: Course) -> tuple[Path, dict[str, Any], str] | None:
    """The theme's folder, default strings and name, quietly (``l10n`` commands: the build
    reports what is wrong with the theme)."""
    folder = find_theme_folder(course)
    path = theme_file(folder, "theme.yaml") if folder is not None else None
    if folder is None or path is None:
        return None
    try:
        raw = load_data(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("strings") or {}, dict):
        return None
    return folder, dict(raw.get("strings") or {}), str(raw.get("name") or folder.name)

