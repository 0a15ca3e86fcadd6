"""Themes: a folder with ``theme.yaml`` (options and their defaults, UI strings) and templates.

In:  the course (``course.yaml`` ``theme:`` names the theme and overrides its options).
Out: a ``Theme`` with the resolved options, the UI strings (in the region's language: the
     theme's ``locales/`` under the course's own ``ui:`` strings, ``coursec.localize.ui_strings``),
     ``dir`` and the brand (colours, fonts, logo: ``coursec.render.brand``).
Reported: CS504 when the theme folder or its theme.yaml is missing or invalid; what resolving
     the strings (CS320-CS324) and the brand (CS325, CS326, CS401, CS405) reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from coursec.check.contrast import contrast, text_on
from coursec.diagnostics import Code, Reporter, Span
from coursec.localize.ui import text_direction
from coursec.localize.ui_strings import resolve_ui
from coursec.model import Course
from coursec.parse.course import key_span
from coursec.parse.theme import BUILTIN_THEMES, find_theme_folder, theme_file, theme_strings
from coursec.parse.yamlsrc import load_data
from coursec.render.brand import ink_on_white, resolve_brand

__all__ = [
    "BUILTIN_THEMES",
    "Theme",
    "contrast",
    "find_theme_folder",
    "ink_on_white",
    "load_theme",
    "text_on",
    "theme_strings",
]



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
    css_vars: Markup = field(default_factory=Markup)  # custom properties of the colours
    font_css: Markup = field(default_factory=Markup)  # the course's font rules
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def templates(self) -> Path:
        return self.folder / "templates"


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
    brand = resolve_brand(course, options, folder, reporter)
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
        brand=brand.primary,
        brand_text=brand.on_primary,
        brand_ink=brand.accent,
        logo_source=brand.logo_source,
        logo_path=brand.logo_path,
        css_vars=brand.css_vars,
        font_css=brand.font_css,
    )
    return theme
