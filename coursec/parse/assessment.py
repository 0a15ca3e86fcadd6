"""The ``{assessment}`` directive: a pool of quizzes with a pass mark, attempts and a random draw.

In:  a ``Directive`` whose body holds optional intro Markdown and ``:::{quiz}`` blocks.
Out: an ``Assessment``. Reported: CS209 (an assessment or unknown directive nested inside),
     CS210 (no questions), CS211 (draw larger than the pool), CS203 (bad option values).
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Assessment, Prose, Quiz
from coursec.parse import ids
from coursec.parse.directives import (
    Directive,
    parse_bool,
    parse_int,
    parse_percent,
    read_directive,
)
from coursec.parse.quiz import QUIZ_OPTIONS, parse_quiz

ASSESSMENT_OPTIONS = ("title", "pass", "attempts", "draw", "shuffle")

ProseMaker = Callable[[list[Token], Span], Prose]


def parse_assessment(
    directive: Directive,
    lines: list[str],
    md: MarkdownIt,
    taken_ids: set[str],
    make_prose: ProseMaker,
    reporter: Reporter,
) -> Assessment:
    given = directive.argument or "assessment"
    if not ids.is_valid_id(given):
        reporter.report(Code.CS101, directive.span, f"invalid assessment id '{given}'")
        given = ids.slugify(given, "assessment")
    if given in taken_ids:
        reporter.report(Code.CS102, directive.span, f"duplicate id '{given}'")
    assessment_id = ids.unique(given, taken_ids)
    assessment = Assessment(
        id=assessment_id,
        title=directive.options.get("title") or "Assessment",
        span=directive.span,
        pass_percent=parse_percent(directive, "pass", 80.0, reporter),
        attempts=parse_int(directive, "attempts", 0, reporter),
        draw=parse_int(directive, "draw", 0, reporter),
        shuffle=parse_bool(directive, "shuffle", False, reporter),
    )
    offset = directive.body_line - 1  # file line index of body[0]
    body_text = "\n".join(directive.body)
    pending: list[Token] = []

    def flush() -> None:
        if pending:
            first = pending[0].map or [0, 0]
            assessment.intro.append(
                make_prose(list(pending), Span(directive.span.path, first[0] + offset + 1, 1))
            )
            pending.clear()

    for token in _relocated(md.parse(body_text), offset):
        if token.type != "colon_fence":
            pending.append(token)
            continue
        flush()
        inner = read_directive(token, lines, directive.span.path, QUIZ_OPTIONS, reporter)
        if inner is None or inner.name != "quiz":
            where = inner.span if inner else Span(directive.span.path, (token.map or [0])[0] + 1, 1)
            reporter.report(
                Code.CS209,
                where,
                f"only quizzes can go inside an assessment (found '{token.info.strip()}')",
            )
            continue
        quiz: Quiz | None = parse_quiz(inner, taken_ids, reporter)
        if quiz is not None:
            assessment.quizzes.append(quiz)
    flush()
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


def _relocated(tokens: list[Token], offset: int) -> list[Token]:
    """Shift token line maps from body-relative to file-relative."""
    for token in tokens:
        if token.map is not None:
            token.map = [token.map[0] + offset, token.map[1] + offset]
    return tokens
