"""The ``{assessment}`` directive: a pool of quizzes with a pass mark, attempts and a random draw.

In:  a ``Directive`` whose body holds optional intro Markdown and ``:::{quiz}`` blocks.
Out: an ``Assessment``. Reported: CS209 (an assessment or unknown directive nested inside),
     CS210 (no questions), CS211 (draw larger than the pool), CS203 (bad option values),
     CS220 (``:layout:`` not one of ``LAYOUTS``), CS221 (``:review:`` not one of ``REVIEWS``),
     CS101/CS102 (bad or duplicate id).
"""

from __future__ import annotations

from coursec.diagnostics import Code, Reporter, did_you_mean
from coursec.model import Assessment, Prose
from coursec.parse.directives import (
    Directive,
    DirectiveContext,
    body_blocks,
    parse_bool,
    parse_int,
    parse_percent,
)
from coursec.parse.quiz import QUIZ_OPTIONS, parse_quiz
from coursec.texts import set_text_options, text_options

ASSESSMENT_OPTIONS = (
    "title",
    "pass",
    "attempts",
    "draw",
    "shuffle",
    "layout",
    "review",
    *text_options(Assessment),
)
#: ``:layout:``: a question per screen (the default) or every drawn question on one screen
LAYOUTS = ("one", "all")
#: ``:review:`` after submitting: each question with the answer given, the correct answer and
#: the feedback; the answer given and right or wrong only; the score only
REVIEWS = ("full", "correctness", "none")


def _keyword(
    directive: Directive, key: str, allowed: tuple[str, ...], code: Code, reporter: Reporter
) -> str:
    """The value of ``:key:`` when it is one of ``allowed`` (the first is the default)."""
    raw = directive.options.get(key)
    if raw is None or raw.strip().lower() in allowed:
        return allowed[0] if raw is None else raw.strip().lower()
    reporter.report(
        code,
        directive.option_spans[key],
        f"':{key}: {raw}' is not one of {', '.join(allowed)}",
        help=did_you_mean(raw.strip().lower(), allowed) or f"write ':{key}: {allowed[0]}'",
    )
    return allowed[0]


def parse_assessment(directive: Directive, context: DirectiveContext) -> Assessment:
    reporter, scope = context.reporter, context.block_ids
    given = directive.argument
    assessment_id = (
        given and scope.claim(given, "assessment", directive.span, reporter)
    ) or scope.derive(given or "assessment", "assessment")
    assessment = Assessment(
        id=assessment_id,
        title=directive.options.get("title") or "Assessment",
        span=directive.span,
        pass_percent=parse_percent(directive, "pass", 80.0, reporter),
        attempts=parse_int(directive, "attempts", 0, reporter),
        draw=parse_int(directive, "draw", 0, reporter),
        shuffle=parse_bool(directive, "shuffle", False, reporter),
        layout=_keyword(directive, "layout", LAYOUTS, Code.CS220, reporter),
        review=_keyword(directive, "review", REVIEWS, Code.CS221, reporter),
    )
    set_text_options(assessment, directive.options)
    for item in body_blocks(directive, context, {"quiz": QUIZ_OPTIONS}):
        if isinstance(item, Prose):
            assessment.intro.append(item)
        elif (quiz := parse_quiz(item, context)) is not None:
            assessment.quizzes.append(quiz)
    if not assessment.quizzes:
        reporter.report(
            Code.CS210, directive.span, f"assessment '{assessment.id}' has no questions"
        )
    elif assessment.draw > len(assessment.quizzes):
        reporter.report(
            Code.CS211,
            directive.option_spans.get("draw", directive.span),
            f"assessment draws {assessment.draw} questions "
            f"but its pool has {len(assessment.quizzes)}",
        )
    return assessment
