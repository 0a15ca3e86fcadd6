"""``coursec l10n export`` / ``import``: exchange with translation agencies and CAT tools.

In:  the checked course and one region; for import, an XLIFF 2.0 (translate-toolkit) or a PO
     (polib) file.
Out: export -> the file's bytes: one unit per string the region translates itself (its own
     entries and what is missing along its chain), keyed by the segment key (XLIFF unit id, PO
     ``msgctxt``), the current source text as source/``msgid``, the translation as
     target/``msgstr``; stale translations are marked for review (XLIFF ``state="initial"``,
     PO ``fuzzy``). Import -> the region file updated through ``coursec l10n sync`` (same
     layout, no translation lost) and a ``SyncResult`` saying what changed. A translation whose
     source in the file is the current source text gets the current hash; one marked for review
     keeps the hash it had; one made from another source text gets that text's hash (stale).
     The region's overrides are units too (id / ``msgctxt`` ``override:<block>``): the source
     is the block's source texts, one paragraph each, the target the override's Markdown (a
     stale override is marked for review; PO adds a comment saying to keep the directive
     syntax, and the override's ``note:``); import writes the Markdown back into ``overrides:``
     (an unchanged source: the current block hash; marked for review or made from another
     source: the hash it had, so it stays stale). Interface strings the region gives in its
     ``ui:`` section or lacks (no theme catalog for its language) are units ``ui:<key>`` (a
     counted string: ``ui:<key>[<CLDR category>]``, one per form of the region's language),
     their source the string in the source language; import writes them to ``ui:``
     (``coursec.localize.ui_strings_l10n``). Export then import changes nothing.
Reported: CS602 for units whose key is no source segment (or block), CS612 for a file the
     library cannot read, CS604/CS605/CS606 when the region is next checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import polib
from translate.storage import xliff2

from coursec.diagnostics import Code, Reporter, Span
from coursec.localize.apply import audit, block_hash
from coursec.localize.regions import Region
from coursec.localize.segments import Segment, segments, source_hash
from coursec.localize.sync import OVERRIDE_UNIT, SyncResult, sync_region
from coursec.localize.ui_strings_l10n import UI_UNIT, imported_ui, ui_units
from coursec.model import Course
from coursec.parse.course import display_path

Format = Literal["xliff", "po"]
FORMATS: tuple[Format, ...] = ("xliff", "po")
UI_COMMENT = "Interface text of the course player; keep {placeholders} as they are."
OVERRIDE_COMMENT = (
    "Replaces the whole block for this region: translate the text, keep the directive lines "
    "(:::, {#ids}, -> targets, {scores}) as they are."
)


def block_source(source: list[Segment], block: str) -> str:
    """What a translator reads as the source of an override: the block's texts, one a paragraph."""
    return "\n\n".join(s.text for s in source if s.block == block)


def _override_units(course: Course, region: Region) -> list[tuple[str, str, str, bool, str | None]]:
    """(block, source, override Markdown, needs review, note) for the region's own overrides."""
    own = region.own
    if own is None:
        return []
    source = segments(course)
    blocks = {s.block for s in source}
    return [
        (
            key,
            block_source(source, key),
            override.markdown,
            override.hash is not None and override.hash != block_hash(source, key),
            override.note,
        )
        for key, override in own.overrides.items()
        if key in blocks
    ]


def _units(course: Course, region: Region) -> list[tuple[Segment, str | None, bool]]:
    """(segment, translation or None, needs review) for what the region translates itself."""
    source = segments(course)
    result = audit(source, region)
    own = region.own
    missing = {s.key for s in result.missing}
    stale = {s.key for s, _, file in result.stale if file is own}
    units: list[tuple[Segment, str | None, bool]] = []
    for segment in source:
        entry = own.entries.get(segment.key) if own is not None else None
        if entry is not None and entry.text.strip():
            units.append((segment, entry.text, segment.key in stale))
        elif segment.key in missing:
            units.append((segment, None, False))
    return units


def export(course: Course, region: Region, fmt: Format) -> bytes:
    units = _units(course, region)
    if fmt == "po":
        po = polib.POFile(wrapwidth=0)
        po.metadata = {
            "Project-Id-Version": f"{course.id} {course.config.version}",
            "Language": region.tag,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
        for segment, text, review in units:
            po.append(
                polib.POEntry(
                    msgctxt=segment.key,
                    msgid=segment.text,
                    msgstr=text or "",
                    occurrences=[(segment.span.path, str(segment.span.line))],
                    flags=["fuzzy"] if review else [],
                )
            )
        for block, source_text, markdown, review, note in _override_units(course, region):
            po.append(
                polib.POEntry(
                    msgctxt=f"{OVERRIDE_UNIT}{block}",
                    msgid=source_text,
                    msgstr=markdown,
                    comment="\n".join(c for c in (OVERRIDE_COMMENT, note) if c),
                    flags=["fuzzy"] if review else [],
                )
            )
        for ui in ui_units(course, region.tag):
            po.append(
                polib.POEntry(
                    msgctxt=ui.id, msgid=ui.source, msgstr=ui.target or "", comment=UI_COMMENT
                )
            )
        return str(po).encode("utf-8")
    store: Any = xliff2.Xliff2File(sourcelanguage=course.config.language, targetlanguage=region.tag)
    for segment, text, review in units:
        unit = store.addsourceunit(segment.text)
        unit.setid(segment.key)
        if text is not None:
            unit.target = text
            if review:
                unit.markfuzzy(True)
    for block, source_text, markdown, review, _note in _override_units(course, region):
        unit = store.addsourceunit(source_text)
        unit.setid(f"{OVERRIDE_UNIT}{block}")
        unit.target = markdown
        if review:
            unit.markfuzzy(True)
    for ui in ui_units(course, region.tag):
        unit = store.addsourceunit(ui.source)
        unit.setid(ui.id)
        if ui.target is not None:
            unit.target = ui.target
    return bytes(store)


def read_units(
    path: Path, fmt: Format, reporter: Reporter
) -> list[tuple[str, str, str, bool]] | None:
    """(key, source text, translation, needs review) of every translated unit of the file."""
    try:
        if fmt == "po":
            po = polib.pofile(str(path), wrapwidth=0)
            return [
                (e.msgctxt or "", e.msgid, e.msgstr, "fuzzy" in e.flags)
                for e in po
                if e.msgstr and not e.obsolete
            ]
        reader: Any = xliff2.Xliff2File
        store = reader.parsefile(str(path))
        return [
            (str(u.getid()), str(u.source), str(u.target), bool(u.isfuzzy()))
            for u in store.units
            if u.target
        ]
    except (OSError, ValueError, SyntaxError) as error:
        reporter.report(Code.CS612, Span(display_path(path)), f"cannot read {fmt} file: {error}")
        return None


def import_file(
    course: Course, region: Region, path: Path, fmt: Format, reporter: Reporter
) -> SyncResult | None:
    units = read_units(path, fmt, reporter)
    if units is None:
        return None
    ordered = segments(course)
    source = {s.key: s for s in ordered}
    own = region.own
    imported: dict[str, tuple[str, str | None]] = {}
    overrides: dict[str, tuple[str, str]] = {}
    blocks = {s.block for s in ordered}
    ui_texts: list[tuple[str, str]] = []
    for key, source_text, text, review in units:
        if key.startswith(UI_UNIT):
            ui_texts.append((key, text))
            continue
        if key.startswith(OVERRIDE_UNIT):
            block = key.removeprefix(OVERRIDE_UNIT)
            if block not in blocks:
                reporter.report(
                    Code.CS602,
                    Span(display_path(path)),
                    f"'{key}' in {path.name} matches no block of the course; not imported",
                )
                continue
            current = block_hash(ordered, block)
            had = own.overrides.get(block) if own is not None else None
            if not review and source_text == block_source(ordered, block):
                digest = current
            elif had is not None and had.hash:
                digest = had.hash
            else:
                digest = source_hash(source_text)  # made from another source: stale
            overrides[block] = (text, digest)
            continue
        segment = source.get(key)
        if segment is None:
            reporter.report(
                Code.CS602,
                Span(display_path(path)),
                f"'{key}' in {path.name} matches no text of the course; not imported",
            )
            continue
        old = own.entries.get(key) if own is not None else None
        if review:
            digest = old.hash if old is not None and old.hash else source_hash(source_text)
        else:
            digest = source_hash(source_text)
        imported[key] = (text, digest)
    ui = imported_ui(course, ui_texts, Span(display_path(path)), reporter)
    return sync_region(
        course, region, ordered, reporter, imported=imported, imported_overrides=overrides,
        imported_ui=ui,
    )
