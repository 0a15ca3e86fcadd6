"""Fill-in: ``= accepted answer`` lines (any that is not a number); ``:case: sensitive``.

In/Out: ``SPEC``. The response is the text typed (cleaned, at most ``FILL_IN_MAXLENGTH``); right
when it is an accepted answer once whitespace runs are one space and the ends trimmed (letter
case ignored unless case-sensitive). cs-data ``answers`` and ``case``. SCORM 1.2 keeps one
pattern (the first answer), SCORM 2004 marks case-sensitive ones ``{case_matters=true}``.
Reported while filling: CS208 (an empty line), CS205 (no accepted answer), and a bad ``:case:``.
"""

from __future__ import annotations

import re
from typing import Any

from coursec.contract.facts import AdapterFacts
from coursec.contract.state import Response
from coursec.diagnostics import Code
from coursec.model import Quiz
from coursec.parse.directives import parse_choice
from coursec.quizkinds import numeric
from coursec.quizkinds.base import (
    CORRECT,
    INCORRECT,
    Body,
    Describe,
    KindSpec,
    Line,
    Markdown,
    Rid,
    cut,
)
from coursec.runtime import FILL_IN_MAXLENGTH

CASE_MATTERS = "{case_matters=true}"


def infer(lines: list[Line]) -> bool:
    return lines[0].style == "answer" and not numeric.infer(lines)


def fill(quiz: Quiz, body: Body) -> None:
    case = parse_choice(body.directive, "case", ("sensitive", "insensitive"), body.reporter)
    quiz.case_sensitive = case == "sensitive"
    for line in body.lines:
        if not line.text:
            body.reporter.report(Code.CS208, line.span, "empty '=' answer line")
        else:
            quiz.answers.append(line.text)
    if not quiz.answers:
        body.reporter.report(Code.CS205, quiz.span, f"quiz '{quiz.id}' has no accepted answer")


def key(quiz: Quiz) -> dict[str, Any]:
    return {"answers": quiz.answers, "case": quiz.case_sensitive}


def rid(quiz: Quiz, facts: AdapterFacts) -> Rid:
    return Rid()


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    if facts.ids == "alphabet":  # SCORM 1.2: one pattern
        return [cut(quiz.answers[0] if quiz.answers else "", facts.text)]
    prefix = CASE_MATTERS if quiz.case_sensitive else ""
    return [prefix + cut(answer, facts.text) for answer in quiz.answers]


def definition(quiz: Quiz, describe: Describe) -> dict[str, Any]:
    return {}


def norm(text: str, case_sensitive: bool) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    return t if case_sensitive else t.lower()


def grade(quiz: Quiz, response: Response) -> int:
    if not isinstance(response, str):
        return INCORRECT
    given = norm(response, quiz.case_sensitive)
    hit = any(norm(a, quiz.case_sensitive) == given for a in quiz.answers)
    return CORRECT if hit else INCORRECT


def right(quiz: Quiz) -> Response | None:
    return quiz.answers[0] if quiz.answers else None


def worst(quiz: Quiz) -> Response:
    return '"' * FILL_IN_MAXLENGTH  # every character escaped: 2 characters each


def samples(quiz: Quiz) -> list[Response]:
    out: list[Response] = []
    for answer in quiz.answers:
        out += [answer, f"  {answer.upper()}  ", answer.replace(" ", "   ")]
    return [*out, "x" + quiz.answers[0], ""]


def echoes(quiz: Quiz, facts: AdapterFacts) -> bool:
    """The first answer is its pattern unless the pattern marks the case or the runtime strips
    a leading ``{`` (SCORM 2004's delimiters)."""
    first = quiz.answers[0] if quiz.answers else ""
    return not first.startswith("{") and (facts.ids == "alphabet" or not quiz.case_sensitive)


def context(quiz: Quiz, md: Markdown) -> dict[str, Any]:
    return {}


SPEC = KindSpec(
    name="fill-in",
    interaction="fill-in",
    lines=frozenset({"answer"}),
    graded=True,
    markup="fill_in",
    infer=infer,
    fill=fill,
    key=key,
    rid=rid,
    patterns=patterns,
    definition=definition,
    grade=grade,
    right=right,
    worst=worst,
    samples=samples,
    context=context,
    options=("case",),
    echoes=echoes,
    text=True,
)
