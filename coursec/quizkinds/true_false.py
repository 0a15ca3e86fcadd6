"""True/false: exactly two choices, ``- [ ] True`` and ``- [ ] False``, one checked.

In/Out: ``SPEC``. The response is the index of the chosen choice. The targets write words, not
ids: ``rid.c[k]`` is the word for choice k (``t``/``f`` in SCORM 1.2, ``true``/``false``
elsewhere), the one meaning true found by ``true_index``; cs-data ``true`` holds that index.
Reported while filling: CS205, CS207, CS206 (not exactly True and False), CS213.
"""

from __future__ import annotations

from typing import Any

from coursec.contract.facts import AdapterFacts
from coursec.contract.state import Response
from coursec.diagnostics import Code
from coursec.model import Quiz
from coursec.quizkinds import choices, single
from coursec.quizkinds.base import Body, Describe, KindSpec, Rid, never, true_false_words


def true_index(quiz: Quiz) -> int:
    """Which choice means 'true' (by its source text, else its id)."""
    for i, choice in enumerate(quiz.choices):
        if choice.text_md.strip().lower() == "true":
            return i
    for i, choice in enumerate(quiz.choices):
        if choice.id.lower().startswith("true"):
            return i
    return 0


def true_is_correct(quiz: Quiz) -> bool:
    """Whether the correct choice is the one meaning 'true'."""
    true = true_index(quiz)
    return any(c.correct for i, c in enumerate(quiz.choices) if i == true)


def fill(quiz: Quiz, body: Body) -> None:
    reporter = body.reporter
    choices.fill(quiz, body)
    choices.need_correct(quiz, reporter)
    choices.at_most_one(quiz, reporter)
    labels = sorted(choice.text_md.strip().lower() for choice in quiz.choices)
    if labels != ["false", "true"]:
        reporter.report(
            Code.CS206,
            quiz.span,
            "a true-false quiz has exactly two choices, '- [ ] True' and '- [ ] False'",
        )
    choices.minimum(quiz, reporter)


def key(quiz: Quiz) -> dict[str, Any]:
    return {"true": true_index(quiz)}


def rid(quiz: Quiz, facts: AdapterFacts) -> Rid:
    yes, no = true_false_words(facts)
    true = true_index(quiz)
    return Rid(c=[yes if i == true else no for i in range(len(quiz.choices))])


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    return [true_false_words(facts)[0 if true_is_correct(quiz) else 1]]


def definition(quiz: Quiz, describe: Describe) -> dict[str, Any]:
    return {}  # xAPI true-false has no components


def right(quiz: Quiz) -> Response | None:
    return single.right(quiz)


SPEC = KindSpec(
    name="true-false",
    interaction="true-false",
    lines=frozenset({"task"}),
    graded=True,
    markup="choices",
    infer=never,
    fill=fill,
    key=key,
    rid=rid,
    patterns=patterns,
    definition=definition,
    grade=single.grade,
    right=right,
    worst=choices.last_index,
    samples=choices.every_index,
    context=choices.context,
)
