"""The ``{quiz}`` directive: question text, then answers, one idea per line.

In:  a ``Directive`` (options already split off) and its ``DirectiveContext`` (the scope of
     block ids taken so far).
Out: a ``Quiz``. The body is read line by line so every answer has an exact file:line:col:
     ``- [x] text`` / ``- [ ] text`` choices (a nested ``> text`` is that choice's feedback),
     ``- term -> match`` pairs, ``1. step`` sequencing steps, ``= answer`` fill-in or numeric
     answers, ``- option`` likert options. Which kind a body is (without ``:type:``) and how its
     lines fill the quiz is each kind's (``coursec.quizkinds``: ``infer``, ``fill``, with the
     kind's own reports: CS205, CS207, CS208, CS213...). Reported here: CS204 (no question),
     CS206 (kind unclear, or a line that does not fit the kind), CS202 (an option only
     another kind reads, ``:case:`` on a single-choice quiz), CS208 (text after the answers),
     CS215 (tab indentation), CS101/CS102 (bad or duplicate ids,
     ``coursec.parse.ids``), CS209 (directive inside a quiz).
Text options (``:hint:``, ``:correct:``, ``:incorrect:``) are the fields ``coursec.model``
declares with an ``option``: a new one is a line there; an option only one kind reads is that
kind's (``KindSpec.options``).
"""

from __future__ import annotations

import re

from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Quiz
from coursec.parse import ids
from coursec.parse.directives import (
    Directive,
    DirectiveContext,
    parse_bool,
    parse_choice,
    parse_int,
    parse_number,
)
from coursec.quizkinds import KIND_NAMES
from coursec.quizkinds.base import Body, KindSpec, Line
from coursec.quizkinds.registry import KIND_OPTIONS, SPECS, infer, spec
from coursec.texts import set_text_options, text_options


def quiz_options(cls: type = Quiz) -> tuple[str, ...]:
    """The options of ``{quiz}``: its own, the option of every text field the model declares
    with one (``:hint:``, ``:correct:``, ``:incorrect:``) and those of the kinds."""
    return ("type", "points", "attempts", "shuffle", *text_options(cls), *KIND_OPTIONS,
            "show-answer")


QUIZ_OPTIONS = quiz_options()

_TASK_RE = re.compile(r"^[-*+]\s+\[([ xX])\]\s*(.*)$")
_BULLET_RE = re.compile(r"^[-*+]\s+(.*)$")
_ORDERED_RE = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
_ANSWER_RE = re.compile(r"^=\s*(.*)$")


def parse_quiz(directive: Directive, context: DirectiveContext) -> Quiz | None:
    reporter = context.reporter
    prompt_lines, items = _split_body(directive, reporter)
    prompt = "\n".join(prompt_lines).strip()
    quiz_id = _quiz_id(directive, prompt, context.block_ids, reporter)
    if not prompt:
        reporter.report(
            Code.CS204,
            directive.span,
            f"quiz '{quiz_id}' has no question text",
            help="write the question between the options and the answers",
        )
    explicit = parse_choice(directive, "type", KIND_NAMES, reporter)
    kind = _infer_kind(directive, items, explicit, reporter)
    if kind is None:
        return None
    quiz = Quiz(
        id=quiz_id,
        kind=kind.name,
        prompt_md=prompt,
        span=directive.span,
        points=parse_number(directive, "points", 1.0, reporter),
        attempts=parse_int(directive, "attempts", 0, reporter),
        shuffle=parse_bool(directive, "shuffle", False, reporter),
        show_answer=parse_bool(directive, "show-answer", True, reporter),
    )
    set_text_options(quiz, directive.options)
    _foreign_options(directive, kind, reporter)
    fitting = []
    for item in items:
        if item.style in kind.lines:
            fitting.append(item)
        else:
            reporter.report(
                Code.CS206,
                item.at(item.col, 1),
                f"this answer line does not fit a {kind.name} quiz",
            )
    kind.fill(quiz, Body(fitting, directive, reporter))
    return quiz


def _foreign_options(directive: Directive, kind: KindSpec, reporter: Reporter) -> None:
    """CS202 for an option of another kind (``:case:`` on a single-choice quiz), at its name:
    it is known to ``{quiz}``, but this kind would ignore it."""
    for key in KIND_OPTIONS:
        if key in kind.options or key not in directive.options:
            continue
        value = directive.option_spans[key]  # ':key: value': the name is before the value
        takers = [s.name for s in SPECS.values() if key in s.options]
        reporter.report(
            Code.CS202,
            Span(value.path, value.line, value.col - len(key) - 3, len(key) + 2),
            f"option ':{key}:' does not apply to a {kind.name} quiz",
            help=f"':{key}:' is read by {', '.join(takers)} quizzes only; remove it",
        )
        del directive.options[key]


def _quiz_id(directive: Directive, prompt: str, scope: ids.IdScope, reporter: Reporter) -> str:
    given = directive.argument
    if given:
        return scope.claim(given, "quiz", directive.span, reporter) or scope.derive(given, "q")
    return scope.derive(prompt, "q")


def _split_body(directive: Directive, reporter: Reporter) -> tuple[list[str], list[Line]]:
    prompt: list[str] = []
    items: list[Line] = []
    for index, raw in enumerate(directive.body):
        stripped = raw.strip()
        leading = raw[: len(raw) - len(raw.lstrip())]
        indent = len(leading.expandtabs(4))
        if stripped.startswith(":::"):
            reporter.report(
                Code.CS209,
                directive.body_span(index, len(leading) + 1, len(stripped)),
                "a directive cannot be nested inside a quiz",
                help="close the quiz with ':::' first",
            )
            continue
        if "\t" in leading and stripped:
            reporter.report(
                Code.CS215,
                directive.body_span(index, 1, len(leading)),
                "this line is indented with a tab; it is read as indented, but tabs are easy "
                "to get wrong",
                help="indent with spaces: two spaces under a choice for its feedback",
            )
        if not stripped:
            if not items:
                prompt.append("")
            continue
        if indent >= 2 and items:
            item = items[-1]
            if stripped.startswith(">"):
                item.feedback.append(stripped[1:].strip())
            elif item.feedback:
                item.feedback.append(stripped)
            else:
                item.text += " " + stripped
            continue
        classified = _classify(stripped, directive, index, len(leading) + 1)
        if classified is not None:
            items.append(classified)
        elif items:
            reporter.report(
                Code.CS208,
                directive.body_span(index, len(leading) + 1, len(stripped)),
                "text after the answers is not part of the quiz",
                help="move it above the answers, into :correct: / :incorrect:, or indent it "
                "under a choice",
            )
        else:
            prompt.append(raw)
    return prompt, items


def _classify(stripped: str, directive: Directive, index: int, col: int) -> Line | None:
    where = (directive.span.path, directive.body_line + index, col, directive.body[index])
    if match := _TASK_RE.match(stripped):
        return Line("task", match.group(2).strip(), *where, checked=match.group(1) != " ")
    if match := _ORDERED_RE.match(stripped):
        return Line("ordered", match.group(1).strip(), *where)
    if match := _BULLET_RE.match(stripped):
        return Line("bullet", match.group(1).strip(), *where)
    if match := _ANSWER_RE.match(stripped):
        return Line("answer", match.group(1).strip(), *where)
    return None


def _infer_kind(
    directive: Directive, items: list[Line], explicit: str | None, reporter: Reporter
) -> KindSpec | None:
    if explicit is not None:
        return spec(explicit)
    if not items:
        reporter.report(
            Code.CS206,
            directive.span,
            "quiz has no answers",
            help="add choices ('- [x] right', '- [ ] wrong'), '= answer' lines, "
            "'- term -> match' pairs or a numbered list",
        )
        return None
    if len({item.style for item in items}) > 1:
        second = next(item for item in items if item.style != items[0].style)
        reporter.report(
            Code.CS206,
            second.at(second.col, 1),
            "this quiz mixes answer styles; cannot tell which kind it is",
            help="use one style of answer line per quiz, or set :type:",
        )
        return None
    found = infer(items)
    if found is None:
        reporter.report(
            Code.CS206,
            directive.span,
            "plain list items: mark the correct choice with '[x]', or set ':type: likert' for a "
            "survey",
        )
    return found
