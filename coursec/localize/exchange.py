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
     Export then import changes nothing.
Reported: CS602 for units whose key is no source segment, CS612 for a file the library cannot
     read, CS604/CS605/CS606 when the region is next checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import polib
from translate.storage import xliff2

from coursec.diagnostics import Code, Reporter, Span
from coursec.localize.apply import audit
from coursec.localize.regions import Region
from coursec.localize.segments import Segment, segments, source_hash
from coursec.localize.sync import SyncResult, sync_region
from coursec.model import Course
from coursec.parse.course import display_path

Format = Literal["xliff", "po"]
FORMATS: tuple[Format, ...] = ("xliff", "po")


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
        return str(po).encode("utf-8")
    store: Any = xliff2.Xliff2File(sourcelanguage=course.config.language, targetlanguage=region.tag)
    for segment, text, review in units:
        unit = store.addsourceunit(segment.text)
        unit.setid(segment.key)
        if text is not None:
            unit.target = text
            if review:
                unit.markfuzzy(True)
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
    source = {s.key: s for s in segments(course)}
    own = region.own
    imported: dict[str, tuple[str, str | None]] = {}
    for key, source_text, text, review in units:
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
    return sync_region(course, region, list(source.values()), reporter, imported=imported)
