"""The scenario condition language as a tree: what a parsed condition or pass rule is.

In:  nothing (``coursec.parse.expr`` builds the trees from text; the model holds them).
Out: ``Expr`` (``Compare`` | ``Flag`` | ``Not`` | ``BoolOp``) with ``evaluate(scores, flags)``
     and ``to_json()`` (the same tree for the browser runtime, which never sees source text);
     ``names(expr)``: the competencies and flags an expression reads. Nothing is reported.

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
