"""``coursec l10n sync``: create or update region files; never lose a translation.

In:  the checked course, the regions to sync (None: every region course.yaml lists and every
     file under ``locales/``), and for ``import`` a set of new texts per key.
Out: each region file rewritten in one canonical layout, in source order: every source key
     with the source text as a comment above it, existing translations kept as they are (a
     stale one keeps its old ``hash``, so it stays stale until someone reviews it), new keys
     added with an empty ``text:`` (except keys a fallback file or the source language already
     covers), a translation whose key disappeared moved to the key whose source has the same
     hash (the text moved), and any other translation without a source kept at the end under
     "obsolete". ``values``, ``ui`` and ``overrides`` are kept (with their ``note:``); an override
     without a hash gets the current one; an import may replace an override's Markdown.
     A ``SyncResult`` says what changed. Writing the same input twice gives the same bytes.
Reported: CS607 (a bad tag), plus what reading the files reports.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coursec.diagnostics import Code, Reporter, Span
from coursec.localize.apply import block_hash, find
from coursec.localize.catalog import Entry, RegionFile, region_path
from coursec.localize.regions import Region, RegionLoader, language_of, tag_problem
from coursec.localize.segments import Segment, segments
from coursec.localize.status import status_tags
from coursec.model import Course
from coursec.parse.control import escape_breaks
from coursec.parse.course import display_path

OVERRIDE_UNIT = "override:"  # exchange files: unit id / msgctxt prefix of an override's block


@dataclass
class SyncResult:
    tag: str
    path: Path
    text: str
    added: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # by import
    stale: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    changed: bool = False
    written: bool = False  # set by whoever wrote ``text`` to ``path``

    def summary(self) -> str:
        parts = [f"{len(self.added)} added"]
        if self.updated:
            parts.append(f"{len(self.updated)} updated")
        parts.append(f"{len(self.moved)} moved")
        parts.append(f"{len(self.stale)} stale")
        parts.append(f"{len(self.untranslated)} untranslated")
        parts.append(f"{len(self.obsolete)} obsolete kept")
        state = ("written" if self.written else "not written (errors)" if self.changed
                 else "unchanged")
        return f"{display_path(self.path)}: {state} ({', '.join(parts)})"


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data: Any, indent: str = "") -> str:
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6,
        default_flow_style=False,
    )
    text = text.replace(": null\n", ":\n")
    return textwrap.indent(text, indent) if indent else text


def _comment(text: str) -> str:
    lines: list[str] = []
    for paragraph in escape_breaks(text).split("\n"):
        wrapped = textwrap.wrap(paragraph, 96) or [""]
        lines.extend(f"  # {line}".rstrip() for line in wrapped)
    return "\n".join(lines) + "\n"


def _entry(digest: str | None, text: str | None, note: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"hash": digest, "text": text}
    if note is not None:
        data["note"] = note
    return data


def render_region_file(
    tag: str,
    course: Course,
    source: list[Segment],
    entries: dict[str, tuple[str | None, str | None]],  # key -> (hash, text)
    values: dict[str, Any],
    overrides: dict[str, dict[str, Any]],
    obsolete: dict[str, tuple[str | None, str | None]],
    notes: dict[str, str] | None = None,
    ui: dict[str, Any] | None = None,
) -> str:
    notes = notes or {}
    out = [
        f"# {tag} region file of '{course.id}' (source language {course.config.language}).\n",
        "# Written by `coursec l10n sync`. The comment above each key is the source text; `hash`\n",
        "# is the source the translation was made from: when the source changes, the entry is\n",
        "# reported stale. Translate `text`; keep {{values}}, links and **markup** as they are.\n",
        f"region: {tag}\n",
    ]
    if values:
        out.append(_dump({"values": values}))
    if ui:
        out.append(_dump({"ui": ui}))
    out.append("strings:\n" if entries or obsolete else "strings: {}\n")
    for segment in source:
        if segment.key not in entries:
            continue
        digest, text = entries[segment.key]
        out.append(_comment(segment.text))
        if digest is not None and digest != segment.hash:
            out.append(f"  # STALE: the source changed (now {segment.hash}); review, then update"
                       " hash\n")
        out.append(_dump({segment.key: _entry(digest, text, notes.get(segment.key))}, "  "))
    if obsolete:
        out.append("  # OBSOLETE: no source text has these keys any more. They are kept so that"
                   " no\n")
        out.append("  # translation is lost; delete them once they are not needed.\n")
        for key, (digest, text) in obsolete.items():
            out.append(_dump({key: _entry(digest, text, notes.get(key))}, "  "))
    if overrides:
        out.append(_dump({"overrides": overrides}))
    return "".join(out)


def sync_region(
    course: Course,
    region: Region,
    source: list[Segment],
    reporter: Reporter,
    imported: dict[str, tuple[str, str | None]] | None = None,  # key -> (text, hash or None)
    imported_overrides: dict[str, tuple[str, str]] | None = None,  # block -> (markdown, hash)
    imported_ui: dict[str, Any] | None = None,  # interface string key -> text or forms
) -> SyncResult:
    own = region.own
    path = own.path if own is not None else region_path(course.root, region.tag)
    before = path.read_text(encoding="utf-8") if path.is_file() else ""
    result = SyncResult(region.tag, path, before)
    existing: dict[str, Entry] = dict(own.entries) if own is not None else {}
    keys = {s.key for s in source}
    orphans = {k: e for k, e in existing.items() if k not in keys}
    entries: dict[str, tuple[str | None, str | None]] = {}
    notes: dict[str, str] = {}
    for segment in source:
        entry = existing.get(segment.key)
        if entry is None:
            moved = next(
                (k for k, e in orphans.items() if e.hash == segment.hash and e.text.strip()), None
            )
            if moved is not None:
                entry = orphans.pop(moved)
                result.moved.append((moved, segment.key))
        if imported is not None and segment.key in imported:
            text, digest = imported[segment.key]
            new_hash = digest or segment.hash
            if entry is None or entry.text != text or entry.hash != new_hash:
                result.updated.append(segment.key)
                note = entry.note if entry is not None else None
                entry = Entry(segment.key, text, new_hash, Span(""), note)
        if entry is not None:
            if entry.note is not None:
                notes[segment.key] = entry.note
            digest = entry.hash or segment.hash
            entries[segment.key] = (digest, entry.text)
            if digest != segment.hash:
                result.stale.append(segment.key)
            continue
        covered = find(region, segment.key) is not None or (
            language_of(region.tag) == language_of(course.config.language)
        )
        if not covered:
            entries[segment.key] = (segment.hash, None)
            if own is None or segment.key not in own.listed:
                result.added.append(segment.key)
            result.untranslated.append(segment.key)
    result.obsolete = list(orphans)
    overrides = _overrides(own, source, imported_overrides or {}, result)
    text = render_region_file(
        region.tag,
        course,
        source,
        entries,
        dict(own.values) if own is not None else {},
        overrides,
        {k: (e.hash, e.text) for k, e in orphans.items()},
        {**notes, **{k: e.note for k, e in orphans.items() if e.note is not None}},
        _ui(own, imported_ui or {}, result),
    )
    result.changed = text != before
    result.text = text
    return result


def _ui(own: RegionFile | None, imported: dict[str, Any], result: SyncResult) -> dict[str, Any]:
    """The ``ui:`` section: the file's interface strings kept, imported ones replacing them."""
    kept: dict[str, Any] = {k: e.value for k, e in own.ui.items()} if own is not None else {}
    for key, value in imported.items():
        if isinstance(value, dict) and isinstance(kept.get(key), dict):
            value = {**kept[key], **value}  # forms not in the file imported stay
        if kept.get(key) != value:
            result.updated.append(f"ui:{key}")
        kept[key] = value
    return kept


def _overrides(
    own: RegionFile | None,
    source: list[Segment],
    imported: dict[str, tuple[str, str]],
    result: SyncResult,
) -> dict[str, dict[str, Any]]:
    """The ``overrides:`` section: every override kept with its note (an override without a
    hash gets the current one), imported ones replacing or joining them (in source order)."""
    kept = dict(own.overrides) if own is not None else {}
    blocks = list(dict.fromkeys(s.block for s in source))
    order = [*kept, *(b for b in blocks if b in imported and b not in kept)]
    overrides: dict[str, dict[str, Any]] = {}
    for key in order:
        override = kept.get(key)
        digest = (override.hash if override is not None else None) or block_hash(source, key)
        markdown = override.markdown if override is not None else ""
        if key in imported:
            new_markdown, new_hash = imported[key]
            if override is None or (new_markdown, new_hash) != (markdown, digest):
                result.updated.append(f"{OVERRIDE_UNIT}{key}")
            markdown, digest = new_markdown, new_hash
        data: dict[str, Any] = {"hash": digest}
        if override is not None and override.changes:
            data["changes"] = list(override.changes)
        if override is not None and override.note is not None:
            data["note"] = override.note
        data["markdown"] = markdown
        overrides[key] = data
    return overrides


def sync(
    course: Course, requested: list[str] | None, reporter: Reporter, write: bool = True
) -> list[SyncResult]:
    loader = RegionLoader(course, reporter)
    source = segments(course)
    results = []
    for tag in status_tags(course, requested):
        if tag == course.config.language:
            continue
        problem = tag_problem(tag)
        if problem:
            reporter.report(Code.CS607, Span("<command line>"), problem)
            continue
        own: RegionFile | None = loader.file(tag)
        region = Region(tag, [own] if own is not None else [])
        region.files.extend(loader.fallbacks(tag))
        result = sync_region(course, region, source, reporter)
        if write and result.changed and not reporter.has_errors:
            try:
                result.path.parent.mkdir(parents=True, exist_ok=True)
                result.path.write_text(result.text, encoding="utf-8")
                result.written = True
            except OSError as error:
                reporter.report(Code.CS507, Span(display_path(result.path)),
                                f"cannot write the region file: {error.strerror or error}")
        results.append(result)
    return results
