"""Likert (a survey question): ``- option`` lines (or ``- [ ]``), set with ``:type: likert``.

In/Out: ``SPEC``. The response is the index of the chosen option; it is never right or wrong
(``ANSWERED``), has no correct-response pattern and counts for no points. Reported while
filling: CS213 (fewer than 2 options).
"""

from __future__ import annotations

from typing import Any

from coursec.contract.facts import AdapterFacts
from coursec.contract.state import Response
from coursec.model import Quiz
from coursec.quizkinds import choices
from coursec.quizkinds.base import ANSWERED, Body, Describe, KindSpec, never, no_key


def fill(quiz: Quiz, body: Body) -> None:
    reporter = body.reporter
    choices.fill(quiz, body)
    choices.minimum(quiz, reporter)


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    return []


def grade(quiz: Quiz, response: Response) -> int:
    return ANSWERED


def right(quiz: Quiz) -> Response | None:
    return None


def definition(quiz: Quiz, describe: Describe) -> dict[str, Any]:
    return choices.described(quiz, describe, "scale")


SPEC = KindSpec(
    name="likert",
    interaction="likert",
    lines=frozenset({"bullet", "task"}),
    graded=False,
    markup="choices",
    infer=never,
    fill=fill,
    key=no_key,
    rid=choices.rid,
    patterns=patterns,
    definition=definition,
    grade=grade,
    right=right,
    worst=choices.last_index,
    samples=choices.every_index,
    context=choices.context,
)
