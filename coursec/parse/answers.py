"""Numeric answers given as regional values: ``= {{refund-window}}`` in a numeric quiz.

In:  the parsed course (its quizzes' ``NumericRange``s naming a value) and course.yaml's values.
Out: each such range set to the value's number (the source language's; ``coursec.localize``
     sets each region's own). Reported: CS608 when the value is not declared, CS630 when it is
     not a number, currency or unit value (the quiz would otherwise silently become a fill-in
     whose only answer is the formatted text, "15 days").
"""

from __future__ import annotations

from coursec.config import numeric_value
from coursec.diagnostics import Code, Reporter, did_you_mean
from coursec.model import Course


def resolve_value_answers(course: Course, reporter: Reporter) -> None:
    values = course.config.values
    for quiz in course.quizzes():
        for answer in quiz.ranges:
            if answer.value is None:
                continue
            where = answer.span or quiz.span
            value = values.get(answer.value)
            if value is None:
                reporter.report(
                    Code.CS608,
                    where,
                    f"unknown value '{{{{{answer.value}}}}}'",
                    help=did_you_mean(answer.value, values)
                    or "declare it under 'values:' in course.yaml",
                )
                continue
            number = numeric_value(value)
            if number is None:
                reporter.report(
                    Code.CS630,
                    where,
                    f"'{{{{{answer.value}}}}}' is a {value.type} value, not a number: it cannot "
                    f"be the answer of numeric quiz '{quiz.id}'",
                    help="give the value a number (type number, currency or unit), write the "
                    "number itself, or set ':type: fill-in' to accept the text",
                )
                continue
            answer.low = answer.high = number
