"""The layouts a build embeds so the runtime can read state saved by earlier releases.

In:  the course folder's recorded releases and the current layout.
Out: ``compact(layout)``: only what ``migrate`` reads (hashes and ids; no lessons, texts or
     choice lists, which the answer key hash covers); ``earlier_layouts(releases, current)``:
     the compact layouts of every recorded release whose state hash differs from the current
     one, newest first, one per hash (the runtime picks the one whose ``hash`` is the saved
     state's ``h``). Not wired into cs-data yet (docs/releases.md, "Not done yet").
"""

from __future__ import annotations

from typing import Any

from coursec.release.layout import Layout
from coursec.release.record import Release

QUIZ_KEYS = ("id", "kind", "key", "inA")
SCENARIO_KEYS = ("id", "start", "nodes", "endings", "flags", "comps", "range", "graph")


def compact(layout: Layout) -> Layout:
    assessment: dict[str, Any] | None = layout.get("assessment")
    return {
        "hash": layout["hash"],
        "pages": layout["pages"],
        "quizzes": [{k: q[k] for k in QUIZ_KEYS} for q in layout["quizzes"]],
        "assessment": None if assessment is None else
        {k: assessment[k] for k in ("id", "pool", "draw")},
        "scenarios": [{k: s[k] for k in SCENARIO_KEYS} for s in layout["scenarios"]],
    }


def earlier_layouts(releases: list[Release], current: Layout) -> list[Layout]:
    seen = {current["hash"]}
    out: list[Layout] = []
    for release in reversed(releases):
        if release.layout["hash"] not in seen:
            seen.add(release.layout["hash"])
            out.append(compact(release.layout))
    return out
