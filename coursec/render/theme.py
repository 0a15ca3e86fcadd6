"""Themes: a folder with ``theme.yaml`` (options and their defaults, UI strings) and templates.

In:  the course (``course.yaml`` ``theme:`` names the theme and overrides its options).
Out: a ``Theme`` with the resolved options, the UI strings (in the course language, from the
     theme's ``locales/``, see ``coursec.localize.ui``), ``dir`` and the brand colours (a text
     colour readable on the brand colour, and a link colour with at least 4.5:1 contrast on white).
     Reported: CS504 when the theme folder or its theme.yaml is missing or invalid, CS401 when
     the logo file does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coursec.diagnostics import Code, Reporter, Span
from coursec.localize.ui import text_direction
from coursec.localize.ui_strings import resolve_ui
from coursec.model import Course
from coursec.parse.confine import inside
from coursec.parse.course import key_span
from coursec.parse.yamlsrc import load_data

BUILTIN_THEMES = Path(__file__).resolve().parents[1] / "themes"  # package data
_HEX_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass
class Theme:
    name: str
    folder: Path
    options: dict[str, Any]
    strings: dict[str, str]
    plurals: dict[str, dict[str, str]] = field(default_factory=dict)  # CLDR category -> text
    brand: str = "#1F5F8B"
    brand_text: str = "#FFFFFF"  # text on a brand-coloured background
    brand_ink: str = "#1F5F8B"  # the brand as a text/link colour on white (>= 4.5:1)
    logo_source: Path | None = None
    logo_path: str | None = None  # package path of the logo
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def templates(self) -> Path:
        return self.folder / "templates"


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


def load_theme(course: Course, reporter: Reporter) -> Theme | None:
    config_span = key_span(course.root, "theme")
    folder = find_theme_folder(course, reporter)
    if folder is None:
        return None
    yaml_path = theme_file(folder, "theme.yaml")
    if yaml_path is None:
        shown = f"{folder.name}/theme.yaml"
        reporter.report(Code.CS405, config_span, f"'{shown}' is outside the course folder")
        return None
    try:
        raw = load_data(yaml_path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        reporter.report(Code.CS504, Span(str(folder / "theme.yaml")), f"unreadable theme: {error}")
        return None
    index = theme_file(folder, "templates/index.html.j2")
    if not isinstance(raw, dict) or index is None or not index.is_file():
        reporter.report(
            Code.CS504,
            Span(str(folder / "theme.yaml")),
            "a theme needs a mapping in theme.yaml and templates/index.html.j2",
        )
        return None
    options: dict[str, Any] = dict(raw.get("options") or {})
    ref = course.config.theme
    if ref.brand_color is not None:
        options["brand_color"] = ref.brand_color
    brand = str(options.get("brand_color") or "#1F5F8B")
    if not _HEX_RE.match(brand):
        reporter.report(Code.CS504, Span(str(folder / "theme.yaml")), f"bad brand_color {brand!r}")
        brand = "#1F5F8B"
    # UI strings: theme.yaml's defaults under the theme's catalog for the course language
    # (locales/<tag>.yaml or locales/<language>.yaml), with plural forms; dir from the language.
    language = course.config.language
    for tag in dict.fromkeys((language, language.split("-", 1)[0])):
        relative = f"locales/{tag}.yaml"
        if (folder / relative).exists() and theme_file(folder, relative) is None:
            shown = f"{folder.name}/{relative}"
            reporter.report(Code.CS405, config_span, f"'{shown}' is outside the course folder")
    ui = resolve_ui(
        course, folder, dict(raw.get("strings") or {}), language, reporter,
        str(raw.get("name") or folder.name),
    )
    strings, plurals = ui.strings, ui.plurals
    options["dir"] = text_direction(language)
    theme = Theme(
        name=str(raw.get("name") or folder.name),
        folder=folder,
        options=options,
        strings=strings,
        plurals=plurals,
        brand=brand.upper(),
        brand_text=text_on(brand),
        brand_ink=ink_on_white(brand),
    )
    _resolve_logo(theme, course, ref.logo, reporter, config_span)
    return theme


def _resolve_logo(
    theme: Theme, course: Course, course_logo: str | None, reporter: Reporter, span: Span
) -> None:
    if course_logo:
        source = (course.root / course_logo).resolve()
        base = course.root.resolve()
    elif theme.options.get("logo"):
        source = (theme.folder / str(theme.options["logo"])).resolve()
        base = theme.folder.resolve()
    else:
        return
    written = course_logo or str(theme.options["logo"])
    if not source.is_relative_to(base):
        reporter.report(Code.CS405, span, f"'{written}' is outside the course folder")
        return
    if not source.is_file():
        reporter.report(Code.CS401, span, f"logo not found: {written}")
        return
    theme.logo_source = source
    for asset in course.assets.values():
        if asset.source.resolve() == source:
            theme.logo_path = asset.package_path
            return
    if course_logo:
        parts = [_ascii(p) for p in source.relative_to(base).parts]
        theme.logo_path = "/".join(parts if parts[0] == "media" else ["media", *parts])
    else:
        theme.logo_path = f"theme/{_ascii(source.name)}"


def _ascii(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "file"


def _builtin_names() -> list[str]:
    if not BUILTIN_THEMES.is_dir():
        return []
    return [p.name for p in BUILTIN_THEMES.iterdir() if (p / "theme.yaml").is_file()]


# --- colour contrast (WCAG 2.1 relative luminance) ---------------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background`` (always >= 4.5:1)."""
    white, black = contrast(background, "#FFFFFF"), contrast(background, "#1A1A1A")
    return "#FFFFFF" if white >= black else "#1A1A1A"


def ink_on_white(colour: str) -> str:
    """``colour`` darkened just enough to reach 4.5:1 on white (links, headings, outlines)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    for _ in range(100):
        candidate = "#" + "".join(f"{c:02X}" for c in rgb)
        if contrast(candidate, "#FFFFFF") >= 4.6:
            return candidate
        rgb = [max(0, int(c * 0.92)) for c in rgb]
    return "#000000"


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
