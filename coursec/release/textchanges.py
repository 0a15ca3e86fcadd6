"""Texts and media compared between two versions of a course (for ``coursec.release.diff``).

In:  the localization segments of both versions (``coursec.localize.segments``), the courses'
     media files.
Out: ``text_changes`` -> ``Change``s per segment key (reworded with the changed words, before
     => after; added; removed), leaving out the keys under ``whole_ids`` (lessons, questions,
     scenarios and nodes only one side has: that change says it all); ``media_changes`` ->
     media files added, removed, or changed in content. Nothing is reported here.
"""

from __future__ import annotations

import hashlib

from coursec.activities import shorten
from coursec.localize.segments import Segment
from coursec.model import Course
from coursec.release.change import Change, added_removed

TEXT_LIMIT = 60  # characters of a reworded text shown on each side


def media_changes(old: Course, new: Course) -> list[Change]:
    def digest(course: Course) -> dict[str, str]:
        found = {}
        for name, asset in course.assets.items():
            try:
                found[name] = hashlib.sha256(asset.source.read_bytes()).hexdigest()
            except OSError:
                found[name] = ""
        return found

    m0, m1 = digest(old), digest(new)
    out = added_removed("media", "file", sorted(m0), sorted(m1))
    out += [Change("media", "changed", f"file '{n}'") for n in sorted(m1)
            if n in m0 and m0[n] != m1[n]]
    return out


def text_changes(s0: list[Segment], s1: list[Segment], gone: set[str]) -> list[Change]:
    """Text changes by segment key; the texts of a lesson, question or node that was added,
    removed or renamed as a whole are left out (that change says it all)."""
    def shown(key: str) -> bool:
        parts = key.split(".")
        return parts[0] not in gone and ".".join(parts[:3]) not in gone

    old = {s.key: s for s in s0 if shown(s.key)}
    new = {s.key: s for s in s1 if shown(s.key)}
    out = [Change("texts", "removed", k) for k in old if k not in new]
    out += [Change("texts", "added", k) for k in new if k not in old]
    out += [Change("texts", "reworded", k, _reworded(old[k].text, s.text)) for k, s in new.items()
            if k in old and old[k].hash != s.hash]
    return out


def _reworded(before: str, after: str) -> str:
    """The changed part of a text and a little around it, before -> after (shortened)."""
    a, b = before.split(), after.split()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    start = max(0, head - 2)

    def cut(words: list[str]) -> str:
        part = words[start:len(words) - max(0, tail - 2)]
        text = shorten(" ".join(part), TEXT_LIMIT)
        return ("…" if start else "") + text + ("…" if tail > 2 else "")

    return f"{cut(a)} => {cut(b)}"


def whole_ids(old: Course, new: Course) -> set[str]:
    """Segment key prefixes of lessons, questions, scenarios and nodes only one side has."""
    def ids(course: Course) -> set[str]:
        found = {x.id for x in course.lessons} | {q.id for q in course.quizzes()}
        for scenario in course.scenarios():
            found.add(scenario.id)
            found |= {f"{scenario.id}.node.{n}" for n in scenario.nodes}
            found |= {f"{scenario.id}.ending.{n}" for n in scenario.endings}
        return found

    a, b = ids(old), ids(new)
    return a ^ b
