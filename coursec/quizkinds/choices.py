"""What the kinds made of a list of choices share: single, multiple, true-false, likert, and
sequencing (its steps are choices in their right order).

In:  a quiz and its answer lines (``coursec.quizkinds.base.Line``).
Out: ``fill`` (the lines as ``Choice``s, with ids and feedback), ``need_correct`` (CS205),
     ``at_most_one`` (CS207), ``minimum`` (CS213), ``context`` (the template context of a
     choice form), ``described`` (xAPI choice components), ``rid``. Reported as listed.
"""

from __future__ import annotations

from typing import Any

from coursec.contract.facts import AdapterFacts
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Choice, Quiz
from coursec.parse import ids
from coursec.quizkinds.base import Body, Describe, Markdown, Rid, choice_ids, correct_indexes

MINIMUM = 2


def item_id(
    given: str | None, what: str, text: str, scope: ids.IdScope, span: Span, reporter: Reporter
) -> str:
    claimed = scope.claim(given, what, span, reporter) if given is not None else None
    return claimed or scope.derive(text, "c", max_words=4)


def fill(quiz: Quiz, body: Body) -> None:
    reporter = body.reporter
    scope = ids.IdScope()
    for line in body.lines:
        span = line.span
        text, given = ids.split_leading_id(line.text)
        choice_id = item_id(given, "choice", text, scope, span, reporter)
        feedback = " ".join(line.feedback).strip() or None
        quiz.choices.append(Choice(choice_id, text, line.checked, span, feedback))


def need_correct(quiz: Quiz, reporter: Reporter) -> None:
    if not correct_indexes(quiz):
        reporter.report(
            Code.CS205,
            quiz.span,
            f"quiz '{quiz.id}' has no correct answer",
            help="mark the correct choice with '- [x]'",
        )


def at_most_one(quiz: Quiz, reporter: Reporter) -> None:
    correct = [choice for choice in quiz.choices if choice.correct]
    if len(correct) > 1:
        reporter.report(
            Code.CS207,
            correct[1].span,
            f"{quiz.kind} quiz '{quiz.id}' has more than one correct answer",
            help="remove ':type:' to make it a multiple-response quiz, or uncheck all but one",
        )


def minimum(quiz: Quiz, reporter: Reporter) -> None:
    if len(quiz.choices) < MINIMUM:
        reporter.report(
            Code.CS213,
            quiz.span,
            f"quiz '{quiz.id}' has {len(quiz.choices)} choice(s); give at least {MINIMUM}",
        )


def rid(quiz: Quiz, facts: AdapterFacts) -> Rid:
    return Rid(c=choice_ids([c.id for c in quiz.choices], facts)) if quiz.choices else Rid()


def context(quiz: Quiz, md: Markdown, input_type: str = "radio") -> dict[str, Any]:
    return {
        "input_type": input_type,
        "choices": [
            {**texts, "id": choice.id, "html": texts["text"]}  # text, feedback...
            for choice in quiz.choices
            for texts in [md.fields(choice)]
        ],
    }


def described(quiz: Quiz, describe: Describe, name: str = "choices") -> dict[str, Any]:
    return {name: [{"id": c.id, "description": describe(c.text_md)} for c in quiz.choices]}


def every_index(quiz: Quiz) -> list[Any]:
    return list(range(len(quiz.choices)))


def last_index(quiz: Quiz) -> int:
    return max(len(quiz.choices) - 1, 0)
