"""Condition-language cases: expressions, learner situations and what ``parse/expr.py`` says.

In:  a checked course (its scenarios' conditions and pass rules) and a fixed list of extra
     expressions that use every operator, ``not``/``and``/``or`` nesting, ``total``, negative
     numbers, and names the scenario does not know.
Out: ``expr_cases(course)`` -> ``[{"expr", "comps", "flags", "scores", "set", "value"}]``
     (``expr.json``): ``expr`` as cs-data ships it (``Expr.to_json()``), the scenario's
     competencies and flags, one situation (a score per competency, the flags set) and the
     value ``Expr.evaluate`` gives there. Deterministic. Nothing is reported.
"""

from __future__ import annotations

from typing import Any

from coursec.condition import BoolOp, Compare, Expr, Not, names
from coursec.contract.state import scenario_flags
from coursec.model import Course
from coursec.parse.expr import parse_expr

EXTRA = (
    "empathy >= 2",
    "empathy > 2 and not policy < 0",
    "total >= 3 or escalated",
    "not (empathy == 1 or policy != -2)",
    "empathy <= -1 and (offered-credit or not escalated) and total > -5",
    "unknown-score > 0 or unknown-flag",
    "not not escalated",
)


def _constants(expr: Expr) -> set[int]:
    """The numbers ``expr`` compares with (the situations probe around them)."""
    if isinstance(expr, Compare):
        return {expr.value}
    if isinstance(expr, Not):
        return _constants(expr.inner)
    if isinstance(expr, BoolOp):
        return set().union(*(_constants(part) for part in expr.parts))
    return set()


def _situations(expr: Expr, comps: list[str], flags: list[str],
                lo: int, hi: int) -> list[tuple[list[int], list[str]]]:
    values = sorted({0, lo, hi} | {v + d for v in _constants(expr) for d in (-1, 0, 1)})
    values = [v for v in values if lo <= v <= hi]
    read = names(expr)[1]
    flag_sets = [[], [f for f in flags if f in read], list(flags)]
    out: list[tuple[list[int], list[str]]] = []
    for i, value in enumerate(values):
        scores = [value if j % 2 == 0 else values[(i + j) % len(values)] for j in range(len(comps))]
        out.append((scores, flag_sets[i % len(flag_sets)]))
    return out


def expr_cases(course: Course) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for scenario in course.scenarios():
        comps, flags = list(scenario.competencies), scenario_flags(scenario)
        lo, hi = scenario.score_range
        exprs = [c.condition for n in scenario.nodes.values() for c in n.choices if c.condition]
        if scenario.pass_rule is not None:
            exprs.append(scenario.pass_rule)
        exprs += [parse_expr(text) for text in EXTRA]
        for expr in exprs:
            for scores, flags_set in _situations(expr, comps, flags, lo, hi):
                value = expr.evaluate(dict(zip(comps, scores, strict=True)), set(flags_set))
                out.append({"expr": expr.to_json(), "comps": comps, "flags": flags,
                            "scores": scores, "set": flags_set, "value": value})
    return out
