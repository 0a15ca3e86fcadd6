"""The regional side of a diff: values, region files, overrides, and stale translations.

In:  the two checked courses (OLD, NEW) and their region files (``locales/``).
Out: ``regional_changes(old, new)`` -> (changes, stale): ``Change``s for regional values
     (course.yaml's and each region file's), block overrides added, removed or edited; and per
     region the translation keys (and ``override:<block>``) that were current in OLD's terms and
     are stale once NEW's source replaces it: the translations this change makes stale.
Nothing is reported (region files are read with a throwaway Reporter: ``coursec check``
reports their problems).
"""

from __future__ import annotations

from typing import Any

from coursec.diagnostics import Reporter, Span
from coursec.localize.apply import block_hash, find, overrides_of
from coursec.localize.catalog import RegionFile
from coursec.localize.regions import RegionLoader, region_files
from coursec.localize.segments import Segment, segments, source_hash
from coursec.model import Course
from coursec.release.change import Change


def _value(value: Any) -> str:
    if isinstance(value, dict):
        shown = value.get("value")
        extra = value.get("currency") or value.get("unit") or ""
        return f"{shown} {extra}".strip()
    return str(value)


def _source_values(course: Course) -> dict[str, str]:
    return {k: _value(v.model_dump(exclude_none=True)) for k, v in course.config.values.items()}


def _files(course: Course) -> dict[str, RegionFile]:
    loader = RegionLoader(course, Reporter())
    found = {}
    for tag in region_files(course.root):
        loaded = loader.file(tag)
        if loaded is not None:
            found[tag] = loaded
    return found


def _value_changes(old: Course, new: Course, f0: dict[str, RegionFile],
                   f1: dict[str, RegionFile]) -> list[Change]:
    out: list[Change] = []
    v0, v1 = _source_values(old), _source_values(new)
    for name in [*v0, *[n for n in v1 if n not in v0]]:
        if v0.get(name) == v1.get(name):
            continue
        own = [t for t, f in f1.items() if name in f.values]
        follow = [t for t in new.config.regions if t not in own]
        detail = f"{v0.get(name, '(none)')} -> {v1.get(name, '(none)')}"
        if name in v1:
            if follow:
                detail += f"; follows in {', '.join(follow)}"
            if own:
                detail += f"; own value kept in {', '.join(sorted(own))}"
        what = "added" if name not in v0 else "removed" if name not in v1 else "changed"
        out.append(Change("values", what, f"value '{name}'", detail))
    for tag in sorted(set(f0) | set(f1)):
        a = {k: _value(v) for k, v in (f0[tag].values if tag in f0 else {}).items()}
        b = {k: _value(v) for k, v in (f1[tag].values if tag in f1 else {}).items()}
        for name in sorted(set(a) | set(b)):
            if a.get(name) != b.get(name):
                out.append(Change("values", "changed", f"{tag} value '{name}'",
                                  f"{a.get(name, '(source)')} -> {b.get(name, '(source)')}"))
    return out


def _override_changes(f0: dict[str, RegionFile], f1: dict[str, RegionFile]) -> list[Change]:
    out: list[Change] = []
    for tag in sorted(set(f0) | set(f1)):
        a = f0[tag].overrides if tag in f0 else {}
        b = f1[tag].overrides if tag in f1 else {}
        for key in sorted(set(a) | set(b)):
            if key not in a:
                out.append(Change("regions", "added", f"{tag} override '{key}'"))
            elif key not in b:
                out.append(Change("regions", "removed", f"{tag} override '{key}'"))
            elif source_hash(a[key].markdown) != source_hash(b[key].markdown):
                out.append(Change("regions", "changed", f"{tag} override '{key}'"))
    for tag in sorted(set(f1) - set(f0)):
        out.append(Change("regions", "added", f"region file '{tag}'"))
    for tag in sorted(set(f0) - set(f1)):
        out.append(Change("regions", "removed", f"region file '{tag}'"))
    return out


def _stale(old: Course, new: Course, s0: list[Segment], s1: list[Segment]) -> dict[str, list[str]]:
    before = {s.key: s for s in s0}
    changed = [s for s in s1 if s.key in before and before[s.key].hash != s.hash]
    blocks = sorted({s.block for s in changed})
    loader = RegionLoader(new, Reporter())
    stale: dict[str, list[str]] = {}
    where = Span(str(new.root / "course.yaml"), 1, 1)
    for tag in [*new.config.regions, *[t for t in region_files(new.root)
                                       if t not in new.config.regions]]:
        region = loader.region(tag, where)
        if region is None or region.is_source:
            continue
        keys: list[str] = []
        overrides = overrides_of(region)
        for block in blocks:
            found = overrides.get(block)
            if found is not None and found[0].hash == block_hash(s0, block):
                keys.append(f"override:{block}")
        for segment in changed:
            if segment.block in overrides:
                continue
            entry = find(region, segment.key)
            if entry is not None and entry[0].hash == before[segment.key].hash:
                keys.append(segment.key)
        if keys:
            stale[tag] = keys
    return stale


def regional_changes(old: Course, new: Course) -> tuple[list[Change], dict[str, list[str]]]:
    f0, f1 = _files(old), _files(new)
    changes = _value_changes(old, new, f0, f1) + _override_changes(f0, f1)
    return changes, _stale(old, new, segments(old), segments(new))
