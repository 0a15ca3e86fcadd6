"""Sequencing: a numbered list ``1. first`` ``2. second``... in the right order.

In/Out: ``SPEC``. The steps are choices in their right order; the response is the order the
learner left them in (choice indexes); right when it is the source order. The form starts in a
scrambled order (``scramble``; at run time a seeded one, never the right one). Reported while
filling: CS213 (fewer than 2 steps).
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
    identity,
    no_key,
    scramble,
)


def infer(lines: list[Line]) -> bool:
    return lines[0].style == "ordered"


def fill(quiz: Quiz, body: Body) -> None:
    choices.fill(quiz, body)
    choices.minimum(quiz, body.reporter)


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    return [facts.format.list.join(choices.rid(quiz, facts).c or [])]


def grade(quiz: Quiz, response: Response) -> int:
    ok = isinstance(response, list) and len(response) == len(quiz.choices) and identity(response)
    return CORRECT if ok else INCORRECT


def right(quiz: Quiz) -> Response | None:
    return list(range(len(quiz.choices)))


def worst(quiz: Quiz) -> Response:
    return list(reversed(range(len(quiz.choices))))


def samples(quiz: Quiz) -> list[Response]:
    order = list(range(len(quiz.choices)))
    swapped = [1, 0, *order[2:]] if len(order) > 1 else [-1]
    return [order, swapped, list(reversed(order)), [*order[:-1], -1]]


def context(quiz: Quiz, md: Markdown) -> dict[str, Any]:
    return {
        "steps": [
            {
                **texts,
                "id": quiz.choices[i].id,
                "html": texts["text"],
                "plain": md.plain(texts["text"]),
            }
            for i in scramble(quiz.id, [c.id for c in quiz.choices])
            for texts in [md.fields(quiz.choices[i])]
        ]
    }


SPEC = KindSpec(
    name="sequencing",
    interaction="sequencing",
    lines=frozenset({"ordered"}),
    graded=True,
    markup="sequencing",
    infer=infer,
    fill=fill,
    key=no_key,
    rid=choices.rid,
    patterns=patterns,
    definition=choices.described,
    grade=grade,
    right=right,
    worst=worst,
    samples=samples,
    context=context,
)
