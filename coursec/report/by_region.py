"""The report's tables split by region: choices, scenario edges and competency scores.

In:  the per-region counts the engine gave (``queries.choices``/``choice_bases``, ``edges``,
     ``competency``: one count per thing and region; a learner has one region, so the
     all-regions figures are the sums, ``sums``), the ``CourseMap``, the report's regions.
Out: ``Table``s in long form (a ``region`` column, one row per thing and region, zeros
     included, so every region's shares add up like the all-regions table's):
     ``choices_by_region`` (share of the region's first tries picking each choice),
     ``scenario_edges_by_region`` (share of the region's decisions at the node),
     ``competencies_by_region`` (share of the region's endings at each score, meeting the
     threshold or not). The all-regions rows are in ``choices``, ``scenario_edges`` and
     ``competencies``.
Reported: nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from coursec.report.course_map import CourseMap
from coursec.report.table import CHOICE_KINDS, Table

V = TypeVar("V", int, tuple[int, int])


def sums(per: dict[Any, V]) -> dict[Any, V]:
    """The counts of ``per`` (keyed by a tuple ending in the region) summed over the regions,
    in the order of their first key (the queries sort by the key, then the region)."""
    out: dict[Any, Any] = {}
    for key, value in per.items():
        head = key[:-1]
        old = out.get(head)
        if old is None:
            out[head] = value
        elif isinstance(value, tuple):
            out[head] = tuple(a + b for a, b in zip(old, value, strict=True))
        else:
            out[head] = old + value
    return out


def meets(op: str, bound: float, value: float) -> bool | None:
    if not op:
        return None
    return value >= bound if op == ">=" else value > bound


def _share(a: int, b: int) -> float | None:
    return a / b if b else None


def choices(per: dict[tuple[str, str, str, str], tuple[int, int]],
            bases: dict[tuple[str, str, str], tuple[int, int]], cmap: CourseMap,
            regions: list[str]) -> Table:

    table = Table("choices_by_region", "Choices picked on first tries, by region",
                  ["key", "version", "choice", "correct", "region", "picks", "tries", "share",
                   "source"])
    for k, v, choice in sums(per):
        info = cmap.questions.get(k)
        if info is None or info.kind not in CHOICE_KINDS:
            continue
        for r in regions:
            tries = bases.get((k, v, r), (0, 0))[0]
            if not tries:
                continue
            picks = per.get((k, v, choice, r), (0, 0))[0]
            table.rows.append([k, v, choice, choice in info.correct, r, picks, tries,
                               _share(picks, tries), info.source])
    return table


def edges(per: dict[tuple[str, str, str, str], tuple[int, int]], cmap: CourseMap,
          regions: list[str]) -> Table:

    table = Table("scenario_edges_by_region", "Scenario choices: learners per edge, by region",
                  ["scenario", "node", "choice", "region", "learners", "times", "share_of_node",
                   "source"])
    for skey, sc in cmap.scenarios.items():
        for node in sc.nodes:
            options = [c for c in sc.choices if c.node == node]
            for c in options:
                for r in regions:
                    total = sum(per.get((skey, node, o.id, r), (0, 0))[1] for o in options)
                    learners, times = per.get((skey, node, c.id, r), (0, 0))
                    table.rows.append([skey, node, c.id, r, learners, times,
                                       _share(times, total), c.source])
    return table


def competencies(per: dict[tuple[str, str, float, str], int], cmap: CourseMap,
                 regions: list[str]) -> Table:

    table = Table("competencies_by_region", "Competency scores at the endings against the pass "
                  "thresholds, by region",
                  ["scenario", "competency", "region", "value", "times", "share", "threshold",
                   "meets", "source"])
    for skey, sc in cmap.scenarios.items():
        for name in sc.competencies:
            op, bound = sc.thresholds.get(name, ("", 0))
            mine = {k: n for k, n in per.items() if k[:2] == (skey, name)}
            for r in regions:
                total = sum(n for k, n in mine.items() if k[3] == r)
                for (_, _, value, region), times in mine.items():
                    if region == r:
                        table.rows.append([skey, name, r, value, times, _share(times, total),
                                           f"{op} {bound}" if op else "",
                                           meets(op, bound, value), sc.source])
    return table
