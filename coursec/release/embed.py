"""The layouts a build embeds so the runtime can read state saved by earlier releases.

In:  the course folder's recorded releases and the current layout.
Out: ``compact(layout)``: only what ``migrate`` reads (hashes and ids; no lessons, texts or
     choice lists, which the answer key hash covers); ``earlier_layouts(releases, current)``:
     the compact layouts of every recorded release whose state hash differs from the current
     one, newest first, one per hash (the runtime picks the one whose ``hash`` is the saved
     state's ``h``, or whose ``k`` is its ``k``); ``release_key(compact)``: ``k``, a hash of
     everything ``migrate`` reads (so two releases that differ only in an answer key differ);
     ``embedded(course)``: cs-data's ``releases`` (the current compact layout first, then the
     earlier ones, each with its ``k``) or None when the course has no ``releases/`` folder.
     Nothing is reported (a bad release file is reported by ``guard.check_release``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from coursec.diagnostics import Reporter
from coursec.model import Course
from coursec.release.layout import Layout, layout
from coursec.release.record import Release, load_releases, releases_dir
from coursec.runtime import HASH_LENGTH

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


def release_key(small: Layout) -> str:
    """The state's ``k``: a hash of the compact layout (ids, order, answer keys, graphs)."""
    text = json.dumps(small, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def earlier_layouts(releases: list[Release], current: Layout) -> list[Layout]:
    """One compact layout per earlier ``k`` (newest first); the current one is left out."""
    seen = {release_key(compact(current))}
    out: list[Layout] = []
    for release in reversed(releases):
        small = compact(release.layout)
        key = release_key(small)
        if key not in seen:
            seen.add(key)
            out.append(small)
    return out


def keyed(small: Layout) -> Layout:
    return {"k": release_key(small), **small}


def has_releases(course: Course) -> bool:
    """Whether the course has recorded releases (its pages then carry ``releases``)."""
    return releases_dir(course.root).is_dir()


def embedded(course: Course) -> list[Layout] | None:
    """cs-data's ``releases``: [current, earlier...], each with ``k``; None without releases/."""
    if not has_releases(course):
        return None
    current = layout(course)
    earlier = earlier_layouts(load_releases(course.root, Reporter()), current)
    return [keyed(compact(current)), *(keyed(small) for small in earlier)]
