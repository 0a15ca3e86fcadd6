"""Theme interface catalogs per language ("Next", "Check answer", "Tries left: 2").

In:  a theme folder and a region tag.
Out: ``catalog_path`` -> the theme's catalog for the tag: ``locales/<tag>.yaml`` or else the
     nearest one (``catalog_tags``: ``de-DE`` then ``de``, ``zh-TW`` then ``zh-Hant``);
     ``read_catalog`` -> its ``strings:`` mapping. A string whose count changes its form is a
     mapping of CLDR plural categories (``one``, ``few``, ``other``, ...; ``plural_categories``
     gives a language's from Babel, ``missing_plural_forms`` what a mapping lacks).
     ``text_direction`` gives ``rtl`` for right-to-left languages (Babel's CLDR data). How the
     catalogs, the theme's defaults and the course's own ``ui:`` strings combine for a region
     is ``coursec.localize.ui_strings``.
     Nothing is reported: a catalog that resolves outside the theme folder (a symlink) is not
     read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from coursec.localize.values import babel_locale
from coursec.parse.confine import inside
from coursec.parse.yamlsrc import load_data


def catalog_tags(tag: str) -> list[str]:
    """The catalog names tried for ``tag``, most specific first: ``fr-CA`` then ``fr``;
    ``zh-TW`` then ``zh-Hant`` (the script CLDR's likely subtags give it) then ``zh``."""
    parts = tag.split("-")
    names = ["-".join(parts[:size]) for size in range(len(parts), 0, -1)]
    locale = babel_locale(tag)
    if locale is not None:
        script = locale.script
        if script is None:
            from babel.core import get_global

            likely = get_global("likely_subtags")
            guess = likely.get(f"{locale.language}_{locale.territory}") or likely.get(
                locale.language, ""
            )
            pieces = str(guess).split("_")
            script = pieces[1] if len(pieces) > 2 else None
        if script:
            names.insert(len(names) - 1, f"{parts[0]}-{script}")
    return list(dict.fromkeys(names))


def catalog_path(theme_folder: Path, tag: str) -> Path | None:
    for name in catalog_tags(tag):
        path = inside(theme_folder, theme_folder / "locales" / f"{name}.yaml")
        if path is not None and path.is_file():  # a catalog outside the theme folder is ignored
            return path
    return None


def read_catalog(path: Path) -> dict[str, Any]:
    try:
        data = load_data(path.read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError):
        return {}
    strings = data.get("strings") if isinstance(data, dict) else None
    return strings if isinstance(strings, dict) else {}


def plural_categories(tag: str) -> set[str]:
    locale = babel_locale(tag)
    tags = set(locale.plural_form.tags) if locale is not None else set()
    return tags | {"other"}


def missing_plural_forms(forms: dict[str, str], tag: str) -> set[str]:
    return plural_categories(tag) - set(forms)


def text_direction(tag: str) -> str:
    locale = babel_locale(tag)
    return "rtl" if locale is not None and locale.text_direction == "rtl" else "ltr"
