"""Numeric: ``= 15``, ``= 10..14`` (a range) or ``= {{name}}`` (a regional value's number).

In/Out: ``SPEC``. The response is the text typed (``[0-9.,+-eE]`` only, at most
``NUMERIC_MAXLENGTH``); right when, read as a number (a comma is the decimal sign when there is
no dot), it is inside a range give or take ``TOLERANCE``. cs-data ``ranges``. SCORM 1.2 has no
ranges (an exact number only), SCORM 2004 one, xAPI every range. Reported while filling: CS208
(an empty line, an empty range, not a number), CS205 (no accepted answer).
"""

from __future__ import annotations

import re
from typing import Any

from coursec.contract.facts import AdapterFacts
from coursec.contract.state import Response, js_number
from coursec.diagnostics import Code
from coursec.model import NumericRange, Quiz
from coursec.quizkinds.base import (
    CORRECT,
    INCORRECT,
    Body,
    Describe,
    KindSpec,
    Line,
    Markdown,
    Rid,
    rounded,
    xapi_number,
)
from coursec.runtime import NUMERIC_MAXLENGTH

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_RANGE_RE = re.compile(rf"^({_NUMBER})\s*\.\.\s*({_NUMBER})$")
_EXACT_RE = re.compile(rf"^{_NUMBER}$")
# '= {{name}}': the number of a regional value, per region
_VALUE_RE = re.compile(r"^\{\{\s*([A-Za-z][A-Za-z0-9_-]*)\s*\}\}$")
_TYPED = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$", re.IGNORECASE | re.ASCII)
TOLERANCE = 1e-9


def is_numeric(text: str) -> bool:
    return bool(_RANGE_RE.match(text) or _EXACT_RE.match(text) or _VALUE_RE.match(text))


def infer(lines: list[Line]) -> bool:
    # '= 15' and '= {{refund-window}}' are numbers (a value's number is taken per region, and
    # a value that is not a number is an error, never a silent fill-in: coursec.parse.answers)
    return lines[0].style == "answer" and all(is_numeric(line.text) for line in lines)


def fill(quiz: Quiz, body: Body) -> None:
    reporter = body.reporter
    for line in body.lines:
        span = line.span
        if not line.text:
            reporter.report(Code.CS208, span, "empty '=' answer line")
        elif match := _RANGE_RE.match(line.text):
            low, high = float(match.group(1)), float(match.group(2))
            if low > high:
                reporter.report(Code.CS208, span, f"range {line.text} is empty (low > high)")
            else:
                quiz.ranges.append(NumericRange(low, high))
        elif _EXACT_RE.match(line.text):
            quiz.ranges.append(NumericRange(float(line.text), float(line.text)))
        elif match := _VALUE_RE.match(line.text):
            col = line.col + line.raw[line.col - 1 :].find("{{")
            quiz.ranges.append(NumericRange(0.0, 0.0, match.group(1), line.at(col, len(line.text))))
        else:
            reporter.report(
                Code.CS208, span, f"'{line.text}' is not a number or a range like 10..14"
            )
    if not quiz.ranges:
        reporter.report(Code.CS205, quiz.span, f"quiz '{quiz.id}' has no accepted answer")


def key(quiz: Quiz) -> dict[str, Any]:
    return {"ranges": [(g.low, g.high) for g in quiz.ranges]}


def rid(quiz: Quiz, facts: AdapterFacts) -> Rid:
    return Rid()


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    if facts.ids == "alphabet":  # an exact number only
        first = quiz.ranges[0] if quiz.ranges else None
        if first is None or first.low != first.high:
            return []
        return [js_number(float(first.low))]
    if facts.ids == "short":  # the first range, rounded like the runtime's responses
        return [rounded(r.low) + facts.format.range + rounded(r.high) for r in quiz.ranges[:1]]
    return [xapi_number(r.low) + facts.format.range + xapi_number(r.high) for r in quiz.ranges]


def definition(quiz: Quiz, describe: Describe) -> dict[str, Any]:
    return {}


def to_number(text: str) -> float | None:
    """The number a numeric answer box holds (None when it holds none)."""
    t = text.strip()
    if "." not in t:
        t = t.replace(",", ".", 1)
    return float(t) if _TYPED.match(t) else None


def grade(quiz: Quiz, response: Response) -> int:
    value = to_number(response) if isinstance(response, str) else None
    hit = value is not None and any(
        r.low - TOLERANCE <= value <= r.high + TOLERANCE for r in quiz.ranges
    )
    return CORRECT if hit else INCORRECT


def number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def right(quiz: Quiz) -> Response | None:
    if not quiz.ranges:
        return None
    first = quiz.ranges[0]
    middle = first.low if first.low == first.high else (first.low + first.high) / 2
    return number_text(middle)


def worst(quiz: Quiz) -> Response:
    return "8" * NUMERIC_MAXLENGTH  # only characters that need no escaping


def samples(quiz: Quiz) -> list[Response]:
    out: list[Response] = []
    for r in quiz.ranges:
        for x in (r.low, r.high, r.low - 1, r.high + 1, r.low + 1e-10, r.high + 1e-8):
            out.append(number_text(x))
        low = number_text(r.low)
        out.append(low.replace(".", ",") + ("" if "." in low else ",0"))
    return [*out, "abc", "1e", "+" + number_text(quiz.ranges[0].high), " 1.5e1 "]


def echoes(quiz: Quiz, facts: AdapterFacts) -> bool:
    """Only SCORM 1.2's pattern is the number itself (the others are ranges)."""
    return facts.ids == "alphabet"


def context(quiz: Quiz, md: Markdown) -> dict[str, Any]:
    return {}


SPEC = KindSpec(
    name="numeric",
    interaction="numeric",
    lines=frozenset({"answer"}),
    graded=True,
    markup="numeric",
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
    echoes=echoes,
)
