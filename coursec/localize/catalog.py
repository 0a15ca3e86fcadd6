"""Region files (``locales/<tag>.yaml``): read them with the line of every key.

In:  a region file's path (YAML, edited by people in pull requests and written by
     ``coursec l10n sync``)::

         region: de-DE
         values:                         # overrides of course.yaml ``values``
           refund-window: 14
           goodwill-limit: {value: 50, currency: EUR}
         strings:
           active-listening.intro.p1:    # the key of a source segment
             hash: 3f2a91c0              # source hash the translation was made from
             text: Aktives Zuhören beginnt ...
         ui:                             # interface strings (coursec.localize.ui_entries)
           check: Antwort prüfen
         overrides:                      # whole blocks adapted for the region
           late-refund.node.opening:
             hash: 0c1d2e3f
             changes: [targets]          # optional: what the override changes on purpose
             markdown: |
               :::{node} opening
               ...
               :::

Out: a ``RegionFile`` (entries, values, interface strings, overrides, each with its ``Span``
     in the file).
Reported: CS001 (YAML syntax), CS006 (not UTF-8), CS612 (wrong structure: not a mapping,
     unknown key, a translation that is not text, a tag that does not match the file name),
     CS322 (a ``ui:`` value that is no text, ``coursec.localize.ui_entries``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.localize.ui_entries import UiEntry, read_ui
from coursec.parse.course import display_path, read_text
from coursec.parse.yamlsrc import Locator, load_yaml

TOP_KEYS = ("region", "values", "strings", "ui", "overrides")
ENTRY_KEYS = ("text", "hash", "note")
OVERRIDE_KEYS = ("markdown", "hash", "changes", "note")
CHANGES = ("targets", "scoring")


@dataclass
class Entry:
    key: str
    text: str
    hash: str | None
    span: Span  # the key's line
    note: str | None = None  # for other translators; kept by sync


@dataclass
class Override:
    key: str
    markdown: str
    hash: str | None
    changes: list[str]
    span: Span  # the key's line
    first_line: int  # 1-based file line of the first Markdown line
    note: str | None = None  # for other translators; kept by sync


@dataclass
class RegionFile:
    tag: str
    path: Path
    shown: str
    entries: dict[str, Entry] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    value_spans: dict[str, Span] = field(default_factory=dict)
    overrides: dict[str, Override] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)  # every key under strings, translated or not
    ui: dict[str, UiEntry] = field(default_factory=dict)  # interface strings (``ui:``)

    def span(self) -> Span:
        return Span(self.shown, 1, 1)


def region_path(course_root: Path, tag: str) -> Path:
    return course_root / "locales" / f"{tag}.yaml"


def load_region_file(path: Path, tag: str, reporter: Reporter) -> RegionFile | None:
    """The region file at ``path``; None when it cannot be read at all."""
    text = read_text(path, reporter)
    if text is None:
        return None
    shown = display_path(path)
    errors = reporter.counts()[0]
    data, locator = load_yaml(text, shown, reporter)
    region = RegionFile(tag, path, shown)
    if data is None:  # empty or only comments: a region with nothing yet; else a YAML error
        return region if reporter.counts()[0] == errors else None
    if not isinstance(data, dict):
        reporter.report(Code.CS612, Span(shown, 1, 1), "a region file must be a mapping")
        return region
    _unknown(data, (), TOP_KEYS, locator, reporter)
    declared = data.get("region")
    if declared is not None and str(declared) != tag:
        reporter.report(
            Code.CS612,
            locator.value_span(("region",)),
            f"region '{declared}' does not match the file name {path.name}",
            help=f"write 'region: {tag}' or rename the file",
        )
    values = _mapping(data, "values", locator, reporter)
    for name, value in values.items():
        region.values[str(name)] = value
        region.value_spans[str(name)] = locator.span(("values", str(name)))
    region.ui = read_ui(data, locator, reporter)
    for key, raw in _mapping(data, "strings", locator, reporter).items():
        region.listed.add(str(key))
        entry = _entry(str(key), raw, locator, reporter)
        if entry is not None:
            region.entries[entry.key] = entry
    lines = text.split("\n")
    for key, raw in _mapping(data, "overrides", locator, reporter).items():
        override = _override(str(key), raw, locator, lines, reporter)
        if override is not None:
            region.overrides[override.key] = override
    return region


def _mapping(
    data: dict[str, Any], key: str, locator: Locator, reporter: Reporter
) -> dict[Any, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        reporter.report(Code.CS612, locator.span((key,)), f"'{key}' must be a mapping")
        return {}
    return value


def _unknown(
    data: dict[str, Any],
    where: tuple[str, ...],
    known: tuple[str, ...],
    locator: Locator,
    reporter: Reporter,
) -> None:
    for key in data:
        if str(key) not in known:
            reporter.report(
                Code.CS612,
                locator.span((*where, str(key))),
                f"unknown key '{key}'" + (f" in '{'.'.join(where)}'" if where else ""),
                help=did_you_mean(str(key), known) or f"known keys: {', '.join(known)}",
            )


def _entry(key: str, raw: Any, locator: Locator, reporter: Reporter) -> Entry | None:
    span = locator.span(("strings", key))
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return Entry(key, str(raw), None, span)
    if not isinstance(raw, dict):
        reporter.report(
            Code.CS612,
            span,
            f"translation '{key}' must be text or a mapping with 'text' and 'hash'",
        )
        return None
    _unknown(raw, ("strings", key), ENTRY_KEYS, locator, reporter)
    text = raw.get("text")
    if text is None:
        return None  # an untranslated entry written by sync: counts as missing
    if not isinstance(text, str | int | float) or isinstance(text, bool):
        reporter.report(Code.CS612, span, f"'text' of '{key}' must be text")
        return None
    digest = raw.get("hash")
    note = raw.get("note")
    return Entry(
        key, str(text), str(digest) if digest is not None else None, span,
        str(note) if note is not None else None,
    )


def _override(
    key: str, raw: Any, locator: Locator, lines: list[str], reporter: Reporter
) -> Override | None:
    span = locator.span(("overrides", key))
    if not isinstance(raw, dict) or not isinstance(raw.get("markdown"), str):
        reporter.report(
            Code.CS612, span, f"override '{key}' needs 'markdown: |' with the replacement block"
        )
        return None
    _unknown(raw, ("overrides", key), OVERRIDE_KEYS, locator, reporter)
    changes = raw.get("changes") or []
    if isinstance(changes, str):
        changes = [changes]
    if not isinstance(changes, list):
        changes = []
    for change in changes:
        if change not in CHANGES:
            reporter.report(
                Code.CS612,
                locator.value_span(("overrides", key, "changes")),
                f"unknown change '{change}' (use {' and/or '.join(CHANGES)})",
            )
    value_line = locator.value_span(("overrides", key, "markdown")).line
    first = value_line
    if 0 < value_line <= len(lines) and lines[value_line - 1].rstrip().endswith(("|", "|-", ">")):
        first = value_line + 1
    digest = raw.get("hash")
    note = raw.get("note")
    return Override(
        key,
        str(raw["markdown"]),
        str(digest) if digest is not None else None,
        [str(c) for c in changes if c in CHANGES],
        span,
        first,
        str(note) if note is not None else None,
    )
