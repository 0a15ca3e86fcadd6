"""Interface strings in ``coursec l10n``: status columns, exchange units, imported texts.

In:  the checked course (source language) and a region tag; for import, the units read from
     an XLIFF or PO file.
Out: ``ui_coverage`` -> ``UiCoverage`` (how many interface strings the course gives the region,
     which are missing: no theme catalog for the language and no ``ui:`` text); ``ui_units`` ->
     ``UiUnit``s for export: one per interface string the region translates itself (its own
     ``ui:`` texts and the missing ones), id ``ui:<key>``, and ``ui:<key>[<category>]`` per
     CLDR plural form of the region's language for a counted string; the source text is the
     string in the course's source language. ``imported_ui`` turns imported units back into
     ``ui:`` values (the forms of a counted string gathered into one mapping).
Reported: CS602 (a warning, as for text units) for an imported unit whose key the theme does
     not have, with did-you-mean; what resolving the strings reports (``ui_strings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.localize.ui import plural_categories
from coursec.localize.ui_strings import resolve_ui, ui_files, ui_reference
from coursec.model import Course
from coursec.parse.theme import theme_strings

UI_UNIT = "ui:"  # exchange files: unit id / msgctxt prefix of an interface string
_UNIT = re.compile(r"^ui:([^\[\]]+)(?:\[([a-z]+)\])?$")
CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")


@dataclass
class UiCoverage:
    region: str
    given: list[str] = field(default_factory=list)  # keys the course's locale files give
    missing: list[str] = field(default_factory=list)  # keys shown in the theme's defaults
    catalog: str | None = None  # the theme catalog used (its file name)


@dataclass
class UiUnit:
    id: str
    source: str
    target: str | None


def _theme(course: Course) -> tuple[Any, dict[str, Any], str] | None:
    return theme_strings(course)


def ui_coverage(course: Course, tag: str, reporter: Reporter) -> UiCoverage:
    found = _theme(course)
    if found is None:
        return UiCoverage(tag)
    folder, defaults, name = found
    ui = resolve_ui(course, folder, defaults, tag, reporter, name)
    return UiCoverage(
        tag, list(ui.course), list(ui.missing), ui.catalog.name if ui.catalog else None
    )


def ui_units(course: Course, tag: str) -> list[UiUnit]:
    found = _theme(course)
    if found is None:
        return []
    folder, defaults, name = found
    quiet = Reporter()
    source = resolve_ui(course, folder, defaults, course.config.language, quiet, name)
    region = resolve_ui(course, folder, defaults, tag, quiet, name)
    own = ui_files(course, tag, quiet)
    own_ui = own[0].ui if own and own[0].tag == tag else {}
    ref = ui_reference(folder, defaults)
    categories = [c for c in CATEGORY_ORDER if c in plural_categories(tag)]
    units: list[UiUnit] = []
    for key in ref.keys:
        entry = own_ui.get(key)
        own_valid = entry is not None and region.course.get(key) == own[0].shown
        if not own_valid and key not in region.missing:
            continue  # the theme's catalog or a fallback file gives it
        value = entry.value if entry is not None and own_valid else None
        if key not in ref.counted:
            text = value if isinstance(value, str) else None
            units.append(UiUnit(f"{UI_UNIT}{key}", source.strings[key], text))
            continue
        forms = source.plurals.get(key, {})
        for category in categories:
            target = value.get(category) if isinstance(value, dict) else value
            units.append(
                UiUnit(
                    f"{UI_UNIT}{key}[{category}]",
                    forms.get(category, source.strings[key]),
                    target,
                )
            )
    return units


def imported_ui(
    course: Course, units: list[tuple[str, str]], where: Span, reporter: Reporter
) -> dict[str, str | dict[str, str]]:
    """(unit id, translation) of ``ui:`` units -> the ``ui:`` values to write."""
    found = _theme(course)
    keys = ui_reference(found[0], found[1]).keys if found is not None else []
    out: dict[str, str | dict[str, str]] = {}
    for unit_id, text in units:
        match = _UNIT.match(unit_id)
        key = match.group(1) if match else unit_id.removeprefix(UI_UNIT)
        if match is None or key not in keys:
            reporter.report(
                Code.CS602,
                where,
                f"'{unit_id}' names no interface string of the theme; not imported",
                help=did_you_mean(key, keys),
            )
            continue
        category = match.group(2)
        if category is None:
            out[key] = text
            continue
        forms = out.get(key)
        if not isinstance(forms, dict):
            forms = {}
            out[key] = forms
        forms[category] = text
    return out
