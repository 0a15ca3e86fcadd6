"""The quiz kinds' specs, read from the table ``coursec.quizkinds.KINDS``.

In:  a kind's name (``Quiz.kind``).
Out: ``SPECS`` {name: ``KindSpec``} in the table's order, ``spec(name)``, ``infer(lines)`` (the
     kind an untyped body of one answer-line style is, or None), ``QUIZ_OPTIONS_OF_KINDS`` (the
     options kinds read), ``shows_answer``. Nothing is reported here.
"""

from __future__ import annotations

import importlib

from coursec.model import Quiz
from coursec.quizkinds import KINDS
from coursec.quizkinds.base import KindSpec, Line


def _load(module: str) -> KindSpec:
    spec = importlib.import_module(f"coursec.quizkinds.{module}").SPEC
    assert isinstance(spec, KindSpec)
    return spec


SPECS: dict[str, KindSpec] = {name: _load(module) for name, module in KINDS.items()}
KIND_OPTIONS: tuple[str, ...] = tuple(
    dict.fromkeys(option for spec in SPECS.values() for option in spec.options)
)


def spec(name: str) -> KindSpec:
    return SPECS[name]


def infer(lines: list[Line]) -> KindSpec | None:
    """The first kind (table order) that claims ``lines`` (all of one style, at least one)."""
    return next((s for s in SPECS.values() if s.infer(lines)), None)


def shows_answer(quiz: Quiz, in_assessment: bool) -> bool:
    """Whether the page shows ``quiz``'s correct answer after the last try (``:show-answer:``):
    a graded quiz outside an assessment (the assessment's review decides there)."""
    return quiz.show_answer and spec(quiz.kind).graded and not in_assessment


def learner_reveals(quiz: Quiz, in_assessment: bool) -> bool:
    """Whether the learner can press Show answer on ``quiz`` (``shows_answer`` with unlimited
    tries; with a limit the answer shows itself after the last try): its resume-state entry
    may then carry the fourth item ``coursec.contract.state.SHOWN``."""
    return shows_answer(quiz, in_assessment) and not quiz.attempts
