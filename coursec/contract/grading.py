"""The answer key in Python: how a stored response is graded, and a response that is right.

In:  a quiz of the model and a response as the resume state stores it (``contract.state``).
Out: ``grade(quiz, response)`` -> 1 correct, 0 incorrect, 2 answered (ungraded: likert), the
     rules ``grading.js`` grades by (the fixtures hold the runtime to them); ``right(quiz)`` a
     stored response that is correct (the first correct choice, the first accepted answer, the
     middle of the first range...), None for an ungraded quiz. Nothing is reported.

The rules are each kind's (``coursec.quizkinds``, ``grade`` and ``right``).
"""

from __future__ import annotations

from coursec.contract.state import Response
from coursec.model import Quiz
from coursec.quizkinds.base import ANSWERED, CORRECT, INCORRECT
from coursec.quizkinds.numeric import TOLERANCE, number_text, to_number
from coursec.quizkinds.registry import spec

__all__ = [
    "ANSWERED", "CORRECT", "INCORRECT", "TOLERANCE", "grade", "number_text", "right",
    "to_number",
]


def grade(quiz: Quiz, response: Response) -> int:
    return spec(quiz.kind).grade(quiz, response)


def right(quiz: Quiz) -> Response | None:
    """A stored response that ``grade`` counts as correct (None: ungraded or no right answer)."""
    return spec(quiz.kind).right(quiz)
