"""The report's tables: every figure from the engine's SQL, joined with the course map.

In:  an ``Engine`` holding the statements, the ``CourseMap``, the region filter.
Out: ``Report``: counts (statements, learners, unknown ids) and ``Table``s (funnel, questions,
     choices, question_regions, scenario_edges, scenario_nodes, scenario_endings,
     competencies, to_pass, and per region: choices_by_region, scenario_edges_by_region,
     competencies_by_region from ``by_region``), each row with the ``source`` (file:line) of
     what it is about.
     Floats are rounded to 6 significant digits (both engines then give the same bytes).
     Flags: a region whose first-try correct rate differs from the other regions' (``stats``),
     a distractor almost nobody picks (under 2 % of first tries, at least 50 tries), a distractor
     learners who passed pick at least as often as the others, the node of each scenario where
     the largest share of learners took its worst choice (lowest sum of competency deltas).
Reported: nothing (the command reports the unknown ids).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from coursec.report import by_region, queries
from coursec.report.course_map import CourseMap
from coursec.report.engine import Engine
from coursec.report.stats import FDR, region_tests
from coursec.report.table import CHOICE_KINDS, Table

__all__ = ["CHOICE_KINDS", "Report", "Table", "compute"]

RARE_SHARE = 0.02
RARE_MIN_TRIES = 50


@dataclass
class Report:
    course: str
    engine: str
    statements: int = 0
    learners: int = 0
    unknown: dict[str, int] = field(default_factory=dict)  # object id -> statements
    regions: list[str] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)

    def add(self, table: Table) -> Table:
        table.rows = [[_clean(v) for v in row] for row in table.rows]
        self.tables[table.name] = table
        return table


def _clean(v: Any) -> Any:
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return None
        r = float(f"{v:.6g}")
        return int(r) if r.is_integer() and abs(r) < 1e15 else r
    if hasattr(v, "is_integer") and not isinstance(v, int):  # Decimal
        return _clean(float(v))
    return v


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def compute(engine: Engine, cmap: CourseMap, region: str | None) -> Report:
    d = engine.dialect
    report = Report(cmap.course_id, d.name)
    objs = engine.rows(queries.objects())
    act: list[tuple[Any, ...]] = []
    order = {p.key: p.order for p in cmap.pages}
    for obj, n in objs:
        report.statements += int(n)
        found = cmap.classify(str(obj))
        if not found:
            report.unknown[str(obj)] = int(n)
        for a in found:
            act.append((a.obj, a.kind, a.key, a.node, a.version,
                        order.get(a.key, 0) if a.kind == "page" else 0))
    engine.load_act(act)
    engine.define("learners", queries.learners(d, region))
    engine.define("tries", queries.tries())
    engine.define("best", queries.best())
    learners = engine.rows("SELECT region, count(*) FROM learners GROUP BY region ORDER BY region")
    report.learners = sum(int(n) for _, n in learners)
    report.regions = [str(r) for r, _ in learners]
    _funnel(engine, cmap, report)
    _questions(engine, cmap, report)
    _scenarios(engine, cmap, report)
    _to_pass(engine, report)
    return report


def _funnel(engine: Engine, cmap: CourseMap, report: Report) -> None:
    counts: dict[tuple[str, str], int] = {(str(s), str(r)): int(n)
                                          for s, r, n in engine.rows(queries.funnel())}
    left = {int(o): int(n) for o, n in engine.rows(queries.left_at())}
    steps = [("launched", "launched (any statement)", ""), ("initialized", "initialized", "")]
    steps += [(f"page:{p.key}", f"page {p.order}: {p.title}", p.source) for p in cmap.pages]
    steps += [("completed", "completed", ""), ("passed", "passed", "")]
    table = Table("funnel", "Completion funnel (learners)",
                  ["step", "label", "source", "learners", "left_here",
                   *[f"learners_{r}" for r in report.regions]])
    for step, label, src in steps:
        total = sum(counts.get((step, r), 0) for r in report.regions)
        page = next((p for p in cmap.pages if f"page:{p.key}" == step), None)
        table.rows.append([step, label, src, total, left.get(page.order, 0) if page else 0,
                           *[counts.get((step, r), 0) for r in report.regions]])
    report.add(table)


def _questions(engine: Engine, cmap: CourseMap, report: Report) -> None:
    d = engine.dialect
    tests = region_tests([(f"{k}@{v}", str(r), int(n), int(c or 0))
                          for k, v, r, n, c in engine.rows(queries.question_regions())])
    flagged: dict[str, list[str]] = {}
    regions = Table("question_regions", "First-try correct rate by region (each region against "
                    f"the others: Fisher's exact test, Benjamini-Hochberg at {FDR:.0%})",
                    ["key", "version", "region", "first_tries", "correct_rate", "others_rate",
                     "p", "q", "flagged", "source"])
    for t in tests:
        key, _, version = t.key.partition("@")
        info = cmap.questions.get(key)
        regions.rows.append([key, version, t.region, t.tries, t.rate, t.others_rate, t.p, t.q,
                             t.flagged, info.source if info else ""])
        if t.flagged:
            way = "harder" if t.rate < t.others_rate else "easier"
            flagged.setdefault(t.key, []).append(f"{way} in {t.region} "
                                                 f"({t.rate:.0%} vs {t.others_rate:.0%})")
    report.add(regions)

    pass_score = cmap.pass_percent
    bases: dict[tuple[str, str, str], tuple[int, int]] = {
        (str(k), str(v), str(r)): (int(n), int(s or 0))
        for k, v, r, n, s in engine.rows(queries.choice_bases(pass_score))}
    totals = by_region.sums(bases)
    per = {(str(k), str(v), str(c), str(r)): (int(p), int(s or 0))
           for k, v, c, r, p, s in engine.rows(queries.choices(d, pass_score))}
    choices = Table("choices", "Choices picked on first tries",
                    ["key", "version", "choice", "correct", "picks", "share", "share_passed",
                     "share_others", "flag", "source"])
    for (k, v, choice), (picks, strong) in by_region.sums(per).items():
        info = cmap.questions.get(k)
        if info is None or info.kind not in CHOICE_KINDS:
            continue
        n, ns = totals.get((k, v), (0, 0))
        share, strong_share = _ratio(picks, n), _ratio(strong, ns)
        others = _ratio(picks - strong, n - ns)
        correct = choice in info.correct
        flag = ""
        if info.kind != "likert" and not correct:
            if n >= RARE_MIN_TRIES and (share or 0) < RARE_SHARE:
                flag = "almost nobody picks it"
            elif ns >= 20 and strong_share is not None and others is not None \
                    and strong_share >= others and strong_share > 0.1:
                flag = "learners who passed pick it as often as the others"
        choices.rows.append([k, v, choice, correct, picks, share, strong_share, others, flag,
                             info.source])
        if flag:
            flagged.setdefault(f"{k}@{v}", []).append(f"choice {choice}: {flag}")
    report.add(choices)
    report.add(by_region.choices(per, bases, cmap, report.regions))

    table = Table("questions", "Questions: difficulty (first-try correct rate), discrimination "
                  "(point-biserial against the best assessment score), median time",
                  ["key", "version", "current", "kind", "source", "responses", "learners",
                   "first_tries", "first_try_correct", "discrimination", "median_seconds",
                   "flags"])
    for k, v, responses, learners, tries, correct, median, disc in engine.rows(
            queries.questions(d)):
        info = cmap.questions.get(str(k))
        if info is None:
            continue
        rate = None if info.kind == "likert" else _ratio(int(correct or 0), int(tries))
        table.rows.append([k, v, v == info.version, info.kind, info.source, responses, learners,
                           tries, rate, None if info.kind == "likert" else disc, median,
                           "; ".join(flagged.get(f"{k}@{v}", []))])
    report.add(table)


def _scenarios(engine: Engine, cmap: CourseMap, report: Report) -> None:
    d = engine.dialect
    per_edge = {(str(k), str(n), str(c), str(r)): (int(lrn), int(t))
                for k, n, c, r, lrn, t in engine.rows(queries.edges())}
    picks = by_region.sums(per_edge)
    edges = Table("scenario_edges", "Scenario choices: learners per edge",
                  ["scenario", "node", "choice", "target", "deltas", "learners", "times",
                   "share_of_node", "worst", "source"])
    nodes = Table("scenario_nodes", "Scenario nodes: share of learners taking the worst choice",
                  ["scenario", "node", "learners", "worst_choice", "worst_share", "most_misled",
                   "source"])
    for skey, sc in cmap.scenarios.items():
        node_rows: list[list[Any]] = []
        for node, src in sc.nodes.items():
            options = [c for c in sc.choices if c.node == node]
            if not options:
                continue
            worst = min(options, key=lambda c: (sum(c.deltas.values()), c.id))
            total = sum(picks.get((skey, node, c.id), (0, 0))[1] for c in options)
            at_node = sum(picks.get((skey, node, c.id), (0, 0))[0] for c in options)
            for c in options:
                lrn, times = picks.get((skey, node, c.id), (0, 0))
                deltas = " ".join(f"{k}{v:+d}" for k, v in sorted(c.deltas.items()))
                edges.rows.append([skey, node, c.id, c.target, deltas, lrn, times,
                                   _ratio(times, total), c is worst, c.source])
            if len(options) < 2 or len({sum(c.deltas.values()) for c in options}) < 2:
                node_rows.append([skey, node, at_node, None, None, False, src])
                continue  # no choice is worse than another here
            share = _ratio(picks.get((skey, node, worst.id), (0, 0))[1], total)
            node_rows.append([skey, node, at_node, worst.id, share, False, src])
        ranked = [r for r in node_rows if r[4] is not None]
        if ranked:
            top = max(ranked, key=lambda r: (r[4], r[2]))
            top[5] = True
        nodes.rows.extend(node_rows)
    report.add(edges)
    report.add(by_region.edges(per_edge, cmap, report.regions))
    report.add(nodes)

    per: dict[tuple[str, str, str], int] = {}
    for k, e, region, lrn, _times in engine.rows(queries.endings()):
        per[(str(k), str(e), str(region))] = int(lrn)
    endings = Table("scenario_endings", "Scenario endings: learners reaching each, by region",
                    ["scenario", "ending", "outcome", "learners", "share", "source",
                     *[f"learners_{r}" for r in report.regions]])
    for skey, sc in cmap.scenarios.items():
        total = sum(n for (k, _, _), n in per.items() if k == skey)
        for ending, (outcome, src) in sc.endings.items():
            counts = [per.get((skey, ending, r), 0) for r in report.regions]
            n = sum(counts)
            endings.rows.append([skey, ending, outcome, n, _ratio(n, total), src, *counts])
    report.add(endings)

    comps = Table("competencies", "Competency scores at the endings against the pass thresholds",
                  ["scenario", "competency", "value", "times", "threshold", "meets", "source"])
    per_value: dict[tuple[str, str, float, str], int] = {}
    for skey, sc in cmap.scenarios.items():
        for name in sc.competencies:
            op, bound = sc.thresholds.get(name, ("", 0))
            rows = {(skey, name, float(v), str(r)): int(t)
                    for v, r, t in engine.rows(queries.competency(d, skey, name))}
            per_value.update(rows)
            for (_, _, value), times in by_region.sums(rows).items():
                comps.rows.append([skey, name, value, times, f"{op} {bound}" if op else "",
                                   by_region.meets(op, bound, value), sc.source])
    report.add(comps)
    report.add(by_region.competencies(per_value, cmap, report.regions))


def _to_pass(engine: Engine, report: Report) -> None:
    table = Table("to_pass", "Attempts and time to pass (learners who passed)",
                  ["region", "attempts", "learners", "median_seconds"])
    table.rows = [list(r) for r in engine.rows(queries.to_pass(engine.dialect))]
    report.add(table)
