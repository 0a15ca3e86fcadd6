"""Single choice: ``- [x] right`` / ``- [ ] wrong``, one of them correct.

In/Out: ``SPEC`` (``coursec.quizkinds.base.KindSpec``). The response is the index of the chosen
choice; right when it is a correct one. Reported while filling: CS205 (no correct choice),
CS207 (more than one), CS213 (fewer than 2 choices).
"""

from __future__ import annotations

from coursec.contract.facts import AdapterFacts
from coursec.contract.state import Response
from coursec.model import Quiz
from coursec.quizkinds import choices
from coursec.quizkinds.base import (
    CORRECT,
    INCORRECT,
    Body,
    KindSpec,
    Line,
    correct_indexes,
    no_key,
)


def infer(lines: list[Line]) -> bool:
    return lines[0].style == "task" and sum(line.checked for line in lines) <= 1


def fill(quiz: Quiz, body: Body) -> None:
    reporter = body.reporter
    choices.fill(quiz, body)
    choices.need_correct(quiz, reporter)
    choices.at_most_one(quiz, reporter)
    choices.minimum(quiz, reporter)


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    ids = choices.rid(quiz, facts).c or []
    correct = [ids[i] for i in correct_indexes(quiz)]
    return correct[:1] if facts.ids == "alphabet" else correct  # SCORM 1.2: one pattern


def grade(quiz: Quiz, response: Response) -> int:
    ok = isinstance(response, int) and response in correct_indexes(quiz)
    return CORRECT if ok else INCORRECT


def right(quiz: Quiz) -> Response | None:
    correct = correct_indexes(quiz)
    return correct[0] if correct else None


SPEC = KindSpec(
    name="single",
    interaction="choice",
    lines=frozenset({"task"}),
    graded=True,
    markup="choices",
    infer=infer,
    fill=fill,
    key=no_key,
    rid=choices.rid,
    patterns=patterns,
    definition=choices.described,
    grade=grade,
    right=right,
    worst=choices.last_index,
    samples=choices.every_index,
    context=choices.context,
)
