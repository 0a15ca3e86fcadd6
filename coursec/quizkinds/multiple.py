"""Multiple response: ``- [x]`` / ``- [ ]`` choices, several correct (inferred when more than
one is checked).

In/Out: ``SPEC``. The response is the sorted indexes of the chosen choices; right when they are
exactly the correct ones. Reported while filling: CS205 (none correct), CS213 (< 2 choices).
"""

from __future__ import annotations

from typing import Any

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
    Markdown,
    correct_indexes,
    no_key,
)


def infer(lines: list[Line]) -> bool:
    return lines[0].style == "task" and sum(line.checked for line in lines) > 1


def fill(quiz: Quiz, body: Body) -> None:
    reporter = body.reporter
    choices.fill(quiz, body)
    choices.need_correct(quiz, reporter)
    choices.minimum(quiz, reporter)


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    ids = choices.rid(quiz, facts).c or []
    return [facts.format.list.join(ids[i] for i in correct_indexes(quiz))]


def grade(quiz: Quiz, response: Response) -> int:
    if not isinstance(response, list):
        return INCORRECT
    ok = sorted(response) == correct_indexes(quiz) and len(set(response)) == len(response)
    return CORRECT if ok else INCORRECT


def right(quiz: Quiz) -> Response | None:
    return correct_indexes(quiz)


def samples(quiz: Quiz) -> list[Response]:
    n, correct = len(quiz.choices), correct_indexes(quiz)
    wrong = [i for i in range(n) if i not in correct]
    return [correct, correct[:-1], sorted(correct + wrong[:1]), list(range(n)), []]


def context(quiz: Quiz, md: Markdown) -> dict[str, Any]:
    return choices.context(quiz, md, "checkbox")


SPEC = KindSpec(
    name="multiple",
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
    worst=choices.every_index,
    samples=samples,
    context=context,
)
