"""Interface strings of one region: the theme's catalog, under the course's own ``ui:`` strings.

In:  the course (its folder: ``locales/<tag>.yaml`` and the fallback chain of course.yaml), the
     theme folder with its default strings (``strings:`` of theme.yaml, English) and the tag of
     the region being rendered (the source language is a region like the others: its locale
     file ``locales/<language>.yaml`` may hold a ``ui:`` section too).
Out: ``resolve_ui`` -> ``UiStrings``: for every key of the theme, the course's text (the
     region's own file, then its fallbacks of the same language), else the theme's catalog for
     the language (``coursec.localize.ui``), else the theme's default; ``strings`` holds one
     text per key (a counted string's ``other`` form, for templates) and ``plurals`` every form
     (for the runtime's ``Intl.PluralRules``). ``ui_reference`` gives the keys, the counted
     keys and the placeholders of the theme (what ``l10n status/export/import`` work from).
Reported: CS321 (a key the theme does not have, with did-you-mean), CS322 (plural forms for a
     plain string, or forms that are not the language's CLDR categories), CS323 (a placeholder
     the theme does not fill), CS324 (a placeholder of the source left out; warning), CS320
     (warning: the language has no catalog in the theme and the course does not give every
     string: the learner would read English around the content; the help says what to add).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.localize.catalog import RegionFile, load_region_file, region_path
from coursec.localize.regions import config_span, language_of
from coursec.localize.ui import catalog_path, plural_categories, read_catalog
from coursec.localize.ui_entries import UiEntry
from coursec.localize.values import babel_locale
from coursec.model import Course
from coursec.parse.confine import inside
from coursec.parse.course import display_path

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
DEFAULTS_LANGUAGE = "en"  # theme.yaml's strings: are English unless it says ``language:``


@dataclass
class UiReference:
    """What a theme's interface strings are: keys in order, counted keys, placeholders."""

    keys: list[str]
    counted: set[str]
    source: dict[str, str | dict[str, str]]  # the theme's own text(s) per key, in its language
    placeholders: dict[str, set[str]]  # every placeholder any source form of the key has
    required: dict[str, set[str]]  # those of the plain text or of the ``other`` form
    language: str = DEFAULTS_LANGUAGE


@dataclass
class UiStrings:
    strings: dict[str, str]
    plurals: dict[str, dict[str, str]]
    catalog: Path | None  # the theme catalog used (None: the theme's English defaults)
    course: dict[str, str] = field(default_factory=dict)  # key -> file that gave it
    missing: list[str] = field(default_factory=list)  # keys shown in the defaults' language


def ui_reference(
    folder: Path, defaults: dict[str, Any], language: str | None = None
) -> UiReference:
    base = language or DEFAULTS_LANGUAGE
    source: dict[str, Any] = dict(defaults)
    path = catalog_path(folder, base)
    if path is not None:
        source.update({k: v for k, v in _catalog(path).items() if k in defaults})
    keys = [str(k) for k in defaults]
    counted = {str(k) for k, v in source.items() if isinstance(v, dict)}
    placeholders: dict[str, set[str]] = {}
    required: dict[str, set[str]] = {}
    shaped: dict[str, str | dict[str, str]] = {}
    for key in keys:
        value = source[key]
        if isinstance(value, dict):
            forms = {str(c): str(t) for c, t in value.items()}
            shaped[key] = forms
            placeholders[key] = {n for t in forms.values() for n in PLACEHOLDER.findall(t)}
            required[key] = set(PLACEHOLDER.findall(forms.get("other", "")))
        else:
            shaped[key] = str(value)
            placeholders[key] = required[key] = set(PLACEHOLDER.findall(str(value)))
    return UiReference(keys, counted, shaped, placeholders, required, base)


_LOADED: dict[tuple[str, int, int], tuple[RegionFile | None, Reporter]] = {}
_CATALOGS: dict[tuple[str, int, int], dict[str, Any]] = {}
_HAS_UI = re.compile(r"^ui\s*:", re.M)


def _catalog(path: Path) -> dict[str, Any]:
    """A theme catalog, read once per version of the file."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _CATALOGS:
        _CATALOGS[key] = read_catalog(path)
    return _CATALOGS[key]


def _load(course: Course, tag: str, reporter: Reporter) -> RegionFile | None:
    """A locale file read once per version of it (a build renders each region per target)."""
    path = region_path(course.root, tag)
    resolved = inside(course.root, path)
    if resolved is None or not resolved.is_file():  # outside the course: CS405 from regions
        return None
    stat = resolved.stat()
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    if key not in _LOADED:
        scratch = Reporter()
        try:
            text = resolved.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = "ui:"  # let the loader say what is wrong with it
        if _HAS_UI.search(text) or text.lstrip().startswith("{"):
            _LOADED[key] = (load_region_file(path, tag, scratch), scratch)
        else:  # no ui: section (the localize stage has read and checked the rest)
            _LOADED[key] = (RegionFile(tag, path, display_path(path)), scratch)
    loaded, said = _LOADED[key]
    for diag in said.diagnostics:
        reporter.report(diag.code, diag.span, diag.message, diag.help, diag.severity)
    return loaded


def ui_files(course: Course, tag: str, reporter: Reporter) -> list[RegionFile]:
    """The region's own locale file, then its fallbacks of the same language."""
    explicit = course.config.fallback.get(tag)
    if explicit is None:
        parts = tag.split("-")
        explicit = ["-".join(parts[:size]) for size in range(len(parts) - 1, 0, -1)]
    files = []
    for name in [tag, *explicit]:
        if name != tag and language_of(name) != language_of(tag):
            continue  # another language's texts are no interface for this one
        loaded = _load(course, name, reporter)
        if loaded is not None:
            files.append(loaded)
    return files


def language_name(tag: str) -> str:
    locale = babel_locale(tag)
    return str(locale.get_display_name("en")) if locale is not None else tag


def check_entry(entry: UiEntry, ref: UiReference, tag: str, reporter: Reporter) -> bool:
    """Whether the course's string fits the theme; reports why not."""
    if entry.key not in ref.placeholders:
        reporter.report(
            Code.CS321,
            entry.span,
            f"unknown interface string '{entry.key}'",
            help=did_you_mean(entry.key, ref.keys)
            or f"the theme's strings are listed in its locales/{ref.language}.yaml",
        )
        return False
    value = entry.value
    if isinstance(value, dict):
        if entry.key not in ref.counted:
            reporter.report(
                Code.CS322,
                entry.span,
                f"'{entry.key}' is one text, not plural forms",
                help=f"write it as  {entry.key}: <text>",
            )
            return False
        categories = plural_categories(tag)
        ordered = [c for c in ("zero", "one", "two", "few", "many", "other") if c in categories]
        ok = True
        for category in value:
            if category not in categories:
                reporter.report(
                    Code.CS322,
                    entry.form_spans.get(category, entry.span),
                    f"'{category}' is not a plural form of {language_name(tag)}",
                    help=f"{language_name(tag)} has the forms: {', '.join(ordered)}",
                )
                ok = False
        lacking = [c for c in ordered if c not in value]
        if lacking:
            reporter.report(
                Code.CS322,
                entry.span,
                f"'{entry.key}' lacks the plural form(s) {', '.join(lacking)} of "
                f"{language_name(tag)}",
                help=f"give every form: {', '.join(ordered)} (or one text for every count)",
            )
            ok = False
        if not ok:
            return False
    forms = value if isinstance(value, dict) else {"other": value}
    ok = True
    for category, text in forms.items():
        where = entry.form_spans.get(category, entry.span)
        names = set(PLACEHOLDER.findall(text))
        for name in sorted(names - ref.placeholders[entry.key]):
            known = sorted(ref.placeholders[entry.key])
            reporter.report(
                Code.CS323,
                where,
                f"'{entry.key}' has the placeholder {{{name}}}, which the theme does not fill",
                help=did_you_mean(name, known)
                or (f"its placeholders: {', '.join('{' + k + '}' for k in known)}" if known
                    else "this string has no placeholders"),
            )
            ok = False
        if category == "other":
            for name in sorted(ref.required[entry.key] - names):
                reporter.report(
                    Code.CS324,
                    where,
                    f"'{entry.key}' leaves out {{{name}}} of the source text",
                    help=f"source: {_source_text(ref, entry.key)}",
                )
    return ok


def _source_text(ref: UiReference, key: str) -> str:
    value = ref.source[key]
    return value.get("other", "") if isinstance(value, dict) else value


def course_ui(
    course: Course, tag: str, ref: UiReference, reporter: Reporter
) -> dict[str, tuple[UiEntry, RegionFile]]:
    """The course's valid interface strings for ``tag``: its own file wins over fallbacks."""
    found: dict[str, tuple[UiEntry, RegionFile]] = {}
    for file in reversed(ui_files(course, tag, reporter)):
        for key, entry in file.ui.items():
            if check_entry(entry, ref, tag, reporter):
                found[key] = (entry, file)
    return found


def resolve_ui(
    course: Course, folder: Path, defaults: dict[str, Any], tag: str, reporter: Reporter,
    theme_name: str = "default",
) -> UiStrings:
    ref = ui_reference(folder, defaults)
    merged: dict[str, Any] = dict(defaults)
    path = catalog_path(folder, tag)
    if path is not None:
        merged.update({k: v for k, v in _catalog(path).items() if k in defaults})
    given = course_ui(course, tag, ref, reporter)
    for key, (entry, _file) in given.items():
        merged[key] = entry.value
    strings: dict[str, str] = {}
    plurals: dict[str, dict[str, str]] = {}
    for key, value in merged.items():
        if isinstance(value, dict):
            forms = {str(k): str(v) for k, v in value.items()}
            plurals[str(key)] = forms
            strings[str(key)] = forms.get("other", next(iter(forms.values()), ""))
        else:
            strings[str(key)] = str(value)
    result = UiStrings(strings, plurals, path, {k: f.shown for k, (_e, f) in given.items()})
    if path is None and language_of(tag) != language_of(ref.language):
        result.missing = [k for k in ref.keys if k not in given]
    if result.missing:
        _warn_missing(course, tag, result.missing, len(ref.keys), theme_name, reporter)
    return result


def _warn_missing(
    course: Course, tag: str, missing: list[str], total: int, theme: str, reporter: Reporter
) -> None:
    file = display_path(region_path(course.root, tag))
    language = language_of(tag)
    shown = ", ".join(missing[:4]) + (", ..." if len(missing) > 4 else "")
    reporter.report(
        Code.CS320,
        _tag_span(course, tag),
        f"theme '{theme}' has no interface strings in {language_name(language)}: {len(missing)} "
        f"of {total} ({shown}) would be shown in English around {tag} content",
        help=f"translate them under 'ui:' in {file} (`coursec l10n export --region {tag}` "
        f"lists them), or add a catalog locales/{language}.yaml to the theme",
    )


def _tag_span(course: Course, tag: str) -> Span:
    """Where course.yaml names the region (its ``regions:`` entry, or ``language:``)."""
    return config_span(course, tag)
