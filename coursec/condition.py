"""The scenario condition language as a tree: what a parsed condition or pass rule is.

In:  nothing (``coursec.parse.expr`` builds the trees from text; the model holds them).
Out: ``Expr`` (``Compare`` | ``Flag`` | ``Not`` | ``BoolOp``) with ``evaluate(scores, flags)``
     and ``to_json()`` (the same tree for the browser runtime, which never sees source text);
     ``names(expr)``: the competencies and flags an expression reads; ``needs(expr)``: the
     bounds a plain conjunction needs per competency (what a debrief shows beside the scores).
     Nothing is reported.

A ``Compare`` reads a competency score, or ``total`` (``TOTAL``: the sum of all competency
scores); a ``Flag`` is true once a choice has ``set`` it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from typing import Any

TOTAL = "total"
OPS: dict[str, Callable[[int, int], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Compare:
    name: str
    op: str
    value: int

    def evaluate(self, scores: Mapping[str, int], flags: Set[str]) -> bool:
        current = sum(scores.values()) if self.name == TOTAL else scores.get(self.name, 0)
        return OPS[self.op](current, self.value)

    def to_json(self) -> list[Any]:
        return ["cmp", self.name, self.op, self.value]


@dataclass(frozen=True)
class Flag:
    name: str

    def evaluate(self, scores: Mapping[str, int], flags: Set[str]) -> bool:
        return self.name in flags

    def to_json(self) -> list[Any]:
        return ["flag", self.name]


@dataclass(frozen=True)
class Not:
    inner: Expr

    def evaluate(self, scores: Mapping[str, int], flags: Set[str]) -> bool:
        return not self.inner.evaluate(scores, flags)

    def to_json(self) -> list[Any]:
        return ["not", self.inner.to_json()]


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    parts: tuple[Expr, ...]

    def evaluate(self, scores: Mapping[str, int], flags: Set[str]) -> bool:
        results = (part.evaluate(scores, flags) for part in self.parts)
        return all(results) if self.op == "and" else any(results)

    def to_json(self) -> list[Any]:
        return [self.op, *(part.to_json() for part in self.parts)]


Expr = Compare | Flag | Not | BoolOp


def names(expr: Expr) -> tuple[set[str], set[str]]:
    """(competency names compared, flag names read) in ``expr``."""
    if isinstance(expr, Compare):
        return {expr.name}, set()
    if isinstance(expr, Flag):
        return set(), {expr.name}
    if isinstance(expr, Not):
        return names(expr.inner)
    competencies: set[str] = set()
    flags: set[str] = set()
    for part in expr.parts:
        c, f = names(part)
        competencies |= c
        flags |= f
    return competencies, flags


#: a bound the pass rule needs: ("min" | "max" | "exact", value), e.g. ``empathy > 2`` -> ("min", 3)
Need = tuple[str, int]
_NEEDS = {">=": ("min", 0), ">": ("min", 1), "<=": ("max", 0), "<": ("max", -1), "==": ("exact", 0)}


def needs(expr: Expr | None) -> dict[str, Need] | None:
    """The bounds on competency scores (and ``total``) that ``expr`` needs, when it is a plain
    conjunction: ``a >= 3 and b > 1`` -> {a: (min, 3), b: (min, 2)}. Each bound is necessary
    for passing (what the debrief may truthfully show beside the score). Conjuncts that are
    flags or ``!=`` add no bound; two bounds of one kind on a name keep the stricter; a name
    with two kinds of bound (``a >= 1 and a <= 4``) gets none (it would need two lines).
    ``None`` when the rule is not a conjunction (``or``, ``not``: no single bound is needed)
    or there is no rule; {} when it is one but holds no bound."""
    if expr is None:
        return None
    conjuncts: list[Expr] = []

    def flatten(e: Expr) -> bool:
        if isinstance(e, BoolOp) and e.op == "and":
            return all(flatten(p) for p in e.parts)
        if isinstance(e, BoolOp | Not):
            return False
        conjuncts.append(e)
        return True

    if not flatten(expr):
        return None
    found: dict[str, Need] = {}
    mixed: set[str] = set()
    for c in conjuncts:
        if not isinstance(c, Compare) or c.op not in _NEEDS:
            continue
        kind, shift = _NEEDS[c.op]
        need = (kind, c.value + shift)
        old = found.get(c.name)
        if old is None:
            found[c.name] = need
        elif old[0] != kind or (kind == "exact" and old != need):
            mixed.add(c.name)
        else:
            found[c.name] = (kind, max(old[1], need[1]) if kind == "min" else min(old[1], need[1]))
    return {k: v for k, v in found.items() if k not in mixed}
