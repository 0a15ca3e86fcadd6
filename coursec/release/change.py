"""One change between two versions of a course, as ``coursec diff`` lists it.

In:  what the comparing modules (``diff``, ``regional``, ``textchanges``) find.
Out: ``Change(area, what, subject, detail)``; ``added_removed`` lists the ids only one side has.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    area: str
    what: str  # added | removed | changed | moved | reworded
    subject: str
    detail: str = ""


def added_removed(area: str, kind: str, old: list[str], new: list[str]) -> list[Change]:
    out = [Change(area, "removed", f"{kind} '{i}'") for i in old if i not in new]
    out += [Change(area, "added", f"{kind} '{i}'") for i in new if i not in old]
    return out
