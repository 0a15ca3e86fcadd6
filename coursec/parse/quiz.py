"""The ``{quiz}`` directive: question text, then answers, one idea per line.

In:  a ``Directive`` (options already split off) and its ``DirectiveContext`` (the scope of
     block ids taken so far).
Out: a ``Quiz``. The body is read line by line so every answer has an exact file:line:col:
     ``- [x] text`` / ``- [ ] text`` choices (a nested ``> text`` is that choice's feedback),
     ``- term -> match`` pairs, ``1. step`` sequencing steps, ``= answer`` fill-in or numeric
     answers (``= {{name}}``: a regional value's number, see ``coursec.parse.answers``),
     ``- option`` likert options. Reported: CS204 (no question), CS205 (no correct
     answer), CS206 (kind unclear or body does not fit ``:type:``), CS207 (two correct answers
     in a single-choice quiz), CS208 (malformed answer line), CS213 (too few choices),
     CS215 (tab indentation),
     CS101/CS102 (bad or duplicate ids, ``coursec.parse.ids``), CS209 (directive inside a
     quiz).
Text options (``:hint:``, ``:correct:``, ``:incorrect:``) are the fields ``coursec.model``
declares with an ``option``: a new one is a line there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Choice, NumericRange, Pair, Quiz, QuizKind
from coursec.parse import ids
from coursec.parse.directives import (
    Directive,
    DirectiveContext,
    parse_bool,
    parse_choice,
    parse_int,
    parse_number,
)
from coursec.texts import set_text_options, text_options


def quiz_options(cls: type = Quiz) -> tuple[str, ...]:
    """The options of ``{quiz}``: its own, and the option of every text field the model
    declares with one (``:hint:``, ``:correct:``, ``:incorrect:``)."""
    return ("type", "points", "attempts", "shuffle", *text_options(cls), "case")


QUIZ_OPTIONS = quiz_options()
KIND_NAMES = tuple(kind.value for kind in QuizKind)

_TASK_RE = re.compile(r"^[-*+]\s+\[([ xX])\]\s*(.*)$")
_BULLET_RE = re.compile(r"^[-*+]\s+(.*)$")
_ORDERED_RE = re.compile(r"^\d{1,3}[.)]\s+(.*)$")
_ANSWER_RE = re.compile(r"^=\s*(.*)$")
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_RANGE_RE = re.compile(rf"^({_NUMBER})\s*\.\.\s*({_NUMBER})$")
_EXACT_RE = re.compile(rf"^{_NUMBER}$")
# '= {{name}}': the number of a regional value, per region
_VALUE_RE = re.compile(r"^\{\{\s*([A-Za-z][A-Za-z0-9_-]*)\s*\}\}$")


@dataclass
class _Item:
    kind: str  # task | bullet | ordered | answer
    text: str
    line: int  # index into directive.body
    col: int
    checked: bool = False
    feedback: list[str] = field(default_factory=list)


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
    case = parse_choice(directive, "case", ("sensitive", "insensitive"), reporter)
    quiz = Quiz(
        id=quiz_id,
        kind=kind,
        prompt_md=prompt,
        span=directive.span,
        case_sensitive=case == "sensitive",
        points=parse_number(directive, "points", 1.0, reporter),
        attempts=parse_int(directive, "attempts", 0, reporter),
        shuffle=parse_bool(directive, "shuffle", False, reporter),
    )
    set_text_options(quiz, directive.options)
    _fill_answers(quiz, directive, items, reporter)
    return quiz


def _quiz_id(directive: Directive, prompt: str, scope: ids.IdScope, reporter: Reporter) -> str:
    given = directive.argument
    if given:
        return scope.claim(given, "quiz", directive.span, reporter) or scope.derive(given, "q")
    return scope.derive(prompt, "q")


def _split_body(directive: Directive, reporter: Reporter) -> tuple[list[str], list[_Item]]:
    prompt: list[str] = []
    items: list[_Item] = []
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
        classified = _classify(stripped, index, len(leading) + 1)
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


def _classify(stripped: str, index: int, col: int) -> _Item | None:
    if match := _TASK_RE.match(stripped):
        return _Item("task", match.group(2).strip(), index, col, checked=match.group(1) != " ")
    if match := _ORDERED_RE.match(stripped):
        return _Item("ordered", match.group(1).strip(), index, col)
    if match := _BULLET_RE.match(stripped):
        return _Item("bullet", match.group(1).strip(), index, col)
    if match := _ANSWER_RE.match(stripped):
        return _Item("answer", match.group(1).strip(), index, col)
    return None


def _is_numeric(text: str) -> bool:
    return bool(_RANGE_RE.match(text) or _EXACT_RE.match(text) or _VALUE_RE.match(text))


def _infer_kind(
    directive: Directive, items: list[_Item], explicit: str | None, reporter: Reporter
) -> QuizKind | None:
    kinds = {item.kind for item in items}
    if explicit is not None:
        return QuizKind(explicit)
    if not items:
        reporter.report(
            Code.CS206,
            directive.span,
            "quiz has no answers",
            help="add choices ('- [x] right', '- [ ] wrong'), '= answer' lines, "
            "'- term -> match' pairs or a numbered list",
        )
        return None
    if len(kinds) > 1:
        second = next(item for item in items if item.kind != items[0].kind)
        reporter.report(
            Code.CS206,
            directive.body_span(second.line, second.col),
            "this quiz mixes answer styles; cannot tell which kind it is",
            help="use one style of answer line per quiz, or set :type:",
        )
        return None
    only = items[0].kind
    if only == "task":
        return QuizKind.MULTIPLE if sum(i.checked for i in items) > 1 else QuizKind.SINGLE
    if only == "ordered":
        return QuizKind.SEQUENCING
    if only == "answer":
        # '= 15' and '= {{refund-window}}' are numbers (a value's number is taken per region, and
        # a value that is not a number is an error, never a silent fill-in: coursec.parse.answers)
        return QuizKind.NUMERIC if all(_is_numeric(i.text) for i in items) else QuizKind.FILL_IN
    if all("->" in item.text for item in items):
        return QuizKind.MATCHING
    reporter.report(
        Code.CS206,
        directive.span,
        "plain list items: mark the correct choice with '[x]', or set ':type: likert' for a survey",
    )
    return None


_EXPECTED = {
    QuizKind.SINGLE: {"task"},
    QuizKind.MULTIPLE: {"task"},
    QuizKind.TRUE_FALSE: {"task"},
    QuizKind.FILL_IN: {"answer"},
    QuizKind.NUMERIC: {"answer"},
    QuizKind.MATCHING: {"bullet"},
    QuizKind.SEQUENCING: {"ordered"},
    QuizKind.LIKERT: {"bullet", "task"},
}


def _fill_answers(quiz: Quiz, directive: Directive, items: list[_Item], reporter: Reporter) -> None:
    expected = _EXPECTED[quiz.kind]
    fitting = []
    for item in items:
        if item.kind in expected:
            fitting.append(item)
        else:
            reporter.report(
                Code.CS206,
                directive.body_span(item.line, item.col),
                f"this answer line does not fit a {quiz.kind.value} quiz",
            )
    if quiz.kind in (QuizKind.FILL_IN, QuizKind.NUMERIC):
        _fill_typed(quiz, directive, fitting, reporter)
    elif quiz.kind is QuizKind.MATCHING:
        _fill_pairs(quiz, directive, fitting, reporter)
    else:
        _fill_choices(quiz, directive, fitting, reporter)


def _fill_typed(quiz: Quiz, directive: Directive, items: list[_Item], reporter: Reporter) -> None:
    for item in items:
        span = directive.body_span(item.line, item.col, len(item.text) + 2)
        if not item.text:
            reporter.report(Code.CS208, span, "empty '=' answer line")
        elif quiz.kind is QuizKind.FILL_IN:
            quiz.answers.append(item.text)
        elif match := _RANGE_RE.match(item.text):
            low, high = float(match.group(1)), float(match.group(2))
            if low > high:
                reporter.report(Code.CS208, span, f"range {item.text} is empty (low > high)")
            else:
                quiz.ranges.append(NumericRange(low, high))
        elif _EXACT_RE.match(item.text):
            quiz.ranges.append(NumericRange(float(item.text), float(item.text)))
        elif match := _VALUE_RE.match(item.text):
            col = item.col + directive.body[item.line][item.col - 1 :].find("{{")
            where = directive.body_span(item.line, col, len(item.text))
            quiz.ranges.append(NumericRange(0.0, 0.0, match.group(1), where))
        else:
            reporter.report(
                Code.CS208, span, f"'{item.text}' is not a number or a range like 10..14"
            )
    if not quiz.answers and not quiz.ranges:
        reporter.report(Code.CS205, quiz.span, f"quiz '{quiz.id}' has no accepted answer")


def _fill_pairs(quiz: Quiz, directive: Directive, items: list[_Item], reporter: Reporter) -> None:
    scope = ids.IdScope()
    for item in items:
        span = directive.body_span(item.line, item.col, len(item.text) + 2)
        term, sep, match = item.text.partition("->")
        if not sep or not term.strip() or not match.strip():
            reporter.report(Code.CS208, span, "a matching line is written '- term -> match'")
            continue
        text, given = ids.split_leading_id(term.strip())
        pair_id = _item_id(given, "pair", text, scope, span, reporter)
        quiz.pairs.append(Pair(pair_id, text.strip(), match.strip(), span))
    if len(quiz.pairs) < 2:
        reporter.report(Code.CS213, quiz.span, f"matching quiz '{quiz.id}' needs at least 2 pairs")


def _fill_choices(quiz: Quiz, directive: Directive, items: list[_Item], reporter: Reporter) -> None:
    scope = ids.IdScope()
    for item in items:
        span = directive.body_span(item.line, item.col, len(item.text) + 2)
        text, given = ids.split_leading_id(item.text)
        choice_id = _item_id(given, "choice", text, scope, span, reporter)
        feedback = " ".join(item.feedback).strip() or None
        quiz.choices.append(Choice(choice_id, text, item.checked, span, feedback))
    correct = [choice for choice in quiz.choices if choice.correct]
    if quiz.kind in (QuizKind.SINGLE, QuizKind.MULTIPLE, QuizKind.TRUE_FALSE) and not correct:
        reporter.report(
            Code.CS205,
            quiz.span,
            f"quiz '{quiz.id}' has no correct answer",
            help="mark the correct choice with '- [x]'",
        )
    if quiz.kind in (QuizKind.SINGLE, QuizKind.TRUE_FALSE) and len(correct) > 1:
        reporter.report(
            Code.CS207,
            correct[1].span,
            f"{quiz.kind.value} quiz '{quiz.id}' has more than one correct answer",
            help="remove ':type:' to make it a multiple-response quiz, or uncheck all but one",
        )
    if quiz.kind is QuizKind.TRUE_FALSE:
        labels = sorted(choice.text_md.strip().lower() for choice in quiz.choices)
        if labels != ["false", "true"]:
            reporter.report(
                Code.CS206,
                quiz.span,
                "a true-false quiz has exactly two choices, '- [ ] True' and '- [ ] False'",
            )
    minimum = 2
    if len(quiz.choices) < minimum:
        reporter.report(
            Code.CS213,
            quiz.span,
            f"quiz '{quiz.id}' has {len(quiz.choices)} choice(s); give at least {minimum}",
        )


def _item_id(
    given: str | None, what: str, text: str, scope: ids.IdScope, span: Span, reporter: Reporter
) -> str:
    claimed = scope.claim(given, what, span, reporter) if given is not None else None
    return claimed or scope.derive(text, "c", max_words=4)
