"""The answer key in Python: how a stored response is graded, and a response that is right.

In:  a quiz of the model and a response as the resume state stores it (``contract.state``).
Out: ``grade(quiz, response)`` -> 1 correct, 0 incorrect, 2 answered (ungraded: likert), the
     rules ``player.js`` grades by (the fixtures hold the runtime to them); ``right(quiz)`` a
     stored response that is correct (the first correct choice, the first accepted answer, the
     middle of the first range...), None for an ungraded quiz. Nothing is reported.

Rules: single and true-false: the index of a correct choice; multiple: exactly the correct
indexes (any order); fill-in: an accepted answer once whitespace runs are one space and the ends
trimmed (and letter case ignored unless case-sensitive); numeric: the text read as a number (a
comma is the decimal sign when there is no dot), inside a range give or take 1e-9; matching
and sequencing: every pair/choice in its own place.
"""

from __future__ import annotations

import re

from coursec.contract.state import Response
from coursec.model import Quiz, QuizKind

CORRECT, INCORRECT, ANSWERED = 1, 0, 2
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE | re.ASCII)
TOLERANCE = 1e-9


def _norm(text: str, case_sensitive: bool) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    return t if case_sensitive else t.lower()


def to_number(text: str) -> float | None:
    """The number a numeric answer box holds (None when it holds none)."""
    t = text.strip()
    if "." not in t:
        t = t.replace(",", ".", 1)
    return float(t) if _NUMBER.match(t) else None


def _identity(order: list[int]) -> bool:
    return all(x == i for i, x in enumerate(order))


def grade(quiz: Quiz, response: Response) -> int:
    kind = quiz.kind
    correct = [i for i, c in enumerate(quiz.choices) if c.correct]
    if kind is QuizKind.LIKERT:
        return ANSWERED
    if kind in (QuizKind.SINGLE, QuizKind.TRUE_FALSE):
        return CORRECT if isinstance(response, int) and response in correct else INCORRECT
    if kind is QuizKind.MULTIPLE:
        if not isinstance(response, list):
            return INCORRECT
        ok = sorted(response) == sorted(correct) and len(set(response)) == len(response)
        return CORRECT if ok else INCORRECT
    if kind is QuizKind.FILL_IN:
        if not isinstance(response, str):
            return INCORRECT
        given = _norm(response, quiz.case_sensitive)
        hit = any(_norm(a, quiz.case_sensitive) == given for a in quiz.answers)
        return CORRECT if hit else INCORRECT
    if kind is QuizKind.NUMERIC:
        value = to_number(response) if isinstance(response, str) else None
        hit = value is not None and any(
            r.low - TOLERANCE <= value <= r.high + TOLERANCE for r in quiz.ranges
        )
        return CORRECT if hit else INCORRECT
    count = len(quiz.pairs) if kind is QuizKind.MATCHING else len(quiz.choices)
    ok = isinstance(response, list) and len(response) == count and _identity(response)
    return CORRECT if ok else INCORRECT


def right(quiz: Quiz) -> Response | None:
    """A stored response that ``grade`` counts as correct (None: ungraded or no right answer)."""
    kind = quiz.kind
    correct = [i for i, c in enumerate(quiz.choices) if c.correct]
    if kind is QuizKind.LIKERT:
        return None
    if kind in (QuizKind.SINGLE, QuizKind.TRUE_FALSE):
        return correct[0] if correct else None
    if kind is QuizKind.MULTIPLE:
        return correct
    if kind is QuizKind.FILL_IN:
        return quiz.answers[0] if quiz.answers else None
    if kind is QuizKind.NUMERIC:
        if not quiz.ranges:
            return None
        first = quiz.ranges[0]
        middle = first.low if first.low == first.high else (first.low + first.high) / 2
        return _number_text(middle)
    count = len(quiz.pairs) if kind is QuizKind.MATCHING else len(quiz.choices)
    return list(range(count))


def _number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))
