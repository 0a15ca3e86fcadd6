"""The ``{scenario}`` directive: ``{node}`` and ``{ending}`` blocks forming a graph.

Syntax (the node's Markdown body first, then its choices, one per line)::

    ::::{scenario} late-refund
    :title: The late refund
    :start: opening
    :competencies: empathy = Empathy, policy = Policy knowledge, de-escalation
    :pass: empathy >= 3 and total >= 4
    :graded: true
    :retry: best
    :range: -10..10

    :::{node} opening
    **Customer:** "Where is my refund?"

    - "I can hear how frustrating this is." -> check-order {empathy +2}
      > The customer's voice drops a little.
    - "Let me get a supervisor." -> supervisor {set escalated} if empathy >= 2
    :::

    :::{ending} resolved
    :outcome: pass
    :show: scores, path
    You solved it and kept the customer.
    :::
    ::::

A choice line is ``- TEXT -> TARGET [{EFFECTS}] [if CONDITION]``: the last `` -> `` splits the
text from the rest; EFFECTS are ``competency +n`` / ``competency -n`` / ``set flag`` /
``unset flag``, comma-separated; CONDITION is a ``coursec.parse.expr`` expression.

In:  the scenario ``Directive`` and its ``DirectiveContext`` (the file's lines, block ids).
Out: a ``Scenario`` model (graph checks happen in ``coursec.check.scenario``; images are
     checked by ``coursec.parse.media.rewrite_media``, as for every block).
Reported: CS224 a bad :competencies: item (id not a name, declared twice, '=' without a
     name), CS310 expression syntax, CS311 malformed choice line, CS209 other directives inside,
     CS203 bad option values, CS101/CS102 invalid or duplicate ids (of the scenario, a node or
     ending, a choice: ``coursec.parse.ids``).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Competency, Ending, Outcome, Prose, Scenario, ScenarioChoice, ScenarioNode
from coursec.parse import ids
from coursec.parse.directives import (
    Directive,
    DirectiveContext,
    body_blocks,
    parse_bool,
    parse_choice,
    relocated,
)
from coursec.parse.expr import ExprError, parse_expr
from coursec.texts import set_text_options, text_options

SCENARIO_OPTIONS = (
    "title", "start", "competencies", "pass", "graded", "retry", "range", *text_options(Scenario)
)
NODE_OPTIONS: tuple[str, ...] = text_options(ScenarioNode)
ENDING_OPTIONS = ("outcome", "show", *text_options(Ending))

_CHOICE_RE = re.compile(r"^[-*+]\s+(.*\S)\s+->\s+(.*)$")
_REST_RE = re.compile(r"^([^\s{]+)\s*(\{[^}]*\})?\s*(?:if\s+(.+))?$")
_DELTA_RE = re.compile(r"^([A-Za-z][\w-]*)\s*([+-]\s*\d+)$")
_FLAG_RE = re.compile(r"^(set|unset)\s+([A-Za-z][\w-]*)$")
_RANGE_RE = re.compile(r"^(-?\d+)\s*\.\.\s*(-?\d+)$")
_COMPETENCY_RE = re.compile(r"^[A-Za-z][\w-]*$")

def parse_scenario(directive: Directive, context: DirectiveContext) -> Scenario:
    reporter, md = context.reporter, context.md
    scenario_id = _block_id(directive, context.block_ids, reporter)
    scenario = Scenario(
        id=scenario_id,
        title=directive.options.get("title") or scenario_id.replace("-", " ").capitalize(),
        start=directive.options.get("start", ""),
        span=directive.span,
        start_span=directive.option_spans.get("start"),
        graded=parse_bool(directive, "graded", False, reporter),
        retry=parse_choice(directive, "retry", ("best", "last"), reporter) or "best",
    )
    set_text_options(scenario, directive.options)
    _competencies(scenario, directive, reporter)
    _pass_rule(scenario, directive, reporter)
    _range(scenario, directive, reporter)
    nested = {"node": NODE_OPTIONS, "ending": ENDING_OPTIONS}
    node_ids = ids.IdScope(where=f" in scenario '{scenario_id}'")  # nodes and endings
    for item in body_blocks(directive, context, nested):
        if isinstance(item, Prose):
            scenario.intro.append(item)
            continue
        node_id = _node_id(item, node_ids, reporter)
        if node_id is None:
            continue
        if item.name == "node":
            scenario.nodes[node_id] = _node(node_id, item, md, reporter)
        else:
            scenario.endings[node_id] = _ending(node_id, item, md, reporter)
    return scenario


def _block_id(directive: Directive, scope: ids.IdScope, reporter: Reporter) -> str:
    given = directive.argument
    claimed = given and scope.claim(given, "scenario", directive.span, reporter)
    return claimed or scope.derive(given or "scenario", "scenario")


def _competencies(scenario: Scenario, directive: Directive, reporter: Reporter) -> None:
    """``:competencies: empathy, policy`` or with display names, ``empathy = Empathy, policy =
    Policy knowledge`` (each item ``id`` or ``id = name``; a name cannot hold a comma)."""
    raw = directive.options.get("competencies", "")
    span = directive.option_spans.get("competencies", directive.span)
    offset = 0
    for item in raw.split(","):
        start = offset
        offset += len(item) + 1
        name, eq, label = (x.strip() for x in item.partition("="))
        if not name and not eq:
            continue
        col = span.col + start + (item.find(name) if name else 0)
        where = Span(span.path, span.line, col, len(name) or 1)
        if not _COMPETENCY_RE.match(name):
            reporter.report(Code.CS224, where, f"competency id {name!r} in :competencies: must "
                            "start with a letter and hold letters, digits, '_' or '-'",
                            help="write ':competencies: empathy = Empathy, policy = Policy'")
            continue
        if name in scenario.competency_spans:
            reporter.report(Code.CS224, where, f"competency {name!r} is declared twice",
                            help="declare each competency once in :competencies:")
            continue
        scenario.competencies.append(name)
        scenario.competency_spans[name] = where
        if eq and not label:
            reporter.report(Code.CS224, where, f"competency {name!r} has '=' but no display name",
                            help=f"write '{name} = <name the learner reads>' or '{name}' alone")
        elif label:
            scenario.competency_names[name] = Competency(name, label, where)


def _pass_rule(scenario: Scenario, directive: Directive, reporter: Reporter) -> None:
    text = directive.options.get("pass")
    if not text:
        return
    span = directive.option_spans["pass"]
    scenario.pass_text = text
    scenario.pass_span = span
    try:
        scenario.pass_rule = parse_expr(text)
    except ExprError as exc:
        reporter.report(
            Code.CS310, Span(span.path, span.line, span.col + exc.offset), f"in :pass: {exc}"
        )


def _range(scenario: Scenario, directive: Directive, reporter: Reporter) -> None:
    raw = directive.options.get("range")
    if raw is None:
        return
    match = _RANGE_RE.match(raw)
    if match and int(match.group(1)) < int(match.group(2)):
        scenario.score_range = (int(match.group(1)), int(match.group(2)))
        return
    reporter.report(
        Code.CS203,
        directive.option_spans["range"],
        f"':range:' must look like -10..10, not '{raw}'",
    )


def _node_id(inner: Directive, scope: ids.IdScope, reporter: Reporter) -> str | None:
    """The node's id, or None (reported) when it is missing, invalid or taken: the node is
    then left out (choices name nodes by id, so a made-up id would hide the mistake)."""
    if not inner.argument:
        reporter.report(
            Code.CS101,
            inner.span,
            f"missing {inner.name} id",
            help=f"write an id after the name: ':::{{{inner.name}}} my-id'",
        )
        return None
    return scope.claim(inner.argument, inner.name, inner.span, reporter)


def _node(node_id: str, inner: Directive, md: MarkdownIt, reporter: Reporter) -> ScenarioNode:
    body: list[str] = []
    choices: list[ScenarioChoice] = []
    taken = ids.IdScope()
    for index, raw in enumerate(inner.body):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if choices and indent >= 2 and stripped.startswith(">"):
            previous = choices[-1]
            extra = stripped[1:].strip()
            previous.feedback_md = (
                f"{previous.feedback_md} {extra}" if previous.feedback_md else extra
            )
            continue
        if stripped.startswith(("- ", "* ", "+ ")) and "->" in stripped:
            choice = _choice(inner, index, raw, taken, reporter)
            if choice is not None:
                choices.append(choice)
            continue
        if choices and stripped:
            reporter.report(
                Code.CS311,
                inner.body_span(index, indent + 1, len(stripped)),
                "text after the choices is not part of the node",
                help="a choice is written '- \"what the learner says\" -> next-node'",
            )
            continue
        if not choices:
            body.append(raw)
    tokens = _tokens(md, body, inner.body_line - 1)
    node = ScenarioNode(node_id, tokens, inner.span, choices)
    set_text_options(node, inner.options)
    return node


def _ending(node_id: str, inner: Directive, md: MarkdownIt, reporter: Reporter) -> Ending:
    outcome = parse_choice(inner, "outcome", [o.value for o in Outcome], reporter)
    shows = {part.strip() for part in inner.options.get("show", "").split(",") if part.strip()}
    for unknown in sorted(shows - {"scores", "path"}):
        reporter.report(
            Code.CS203,
            inner.option_spans["show"],
            f"':show:' takes scores and/or path, not '{unknown}'",
        )
    tokens = _tokens(md, inner.body, inner.body_line - 1)
    ending = Ending(
        id=node_id,
        outcome=Outcome(outcome) if outcome else Outcome.NEUTRAL,
        body=tokens,
        span=inner.span,
        show_scores="scores" in shows,
        show_path="path" in shows,
    )
    set_text_options(ending, inner.options)
    return ending


def _tokens(md: MarkdownIt, body: list[str], offset: int) -> list[Token]:
    return relocated(md.parse("\n".join(body)), offset)


def _choice(
    inner: Directive, index: int, raw: str, taken: ids.IdScope, reporter: Reporter
) -> ScenarioChoice | None:
    stripped = raw.strip()
    col0 = len(raw) - len(raw.lstrip()) + 1
    span = inner.body_span(index, col0, len(stripped))
    match = _CHOICE_RE.match(stripped)
    rest_match = _REST_RE.match(match.group(2).strip()) if match else None
    if match is None or rest_match is None:
        reporter.report(
            Code.CS311,
            span,
            "malformed choice line",
            help="write '- \"text\" -> target {competency +1, set flag} if condition'",
        )
        return None
    text, given = ids.split_leading_id(match.group(1).strip())
    target, effects, condition = rest_match.groups()
    rest_start = stripped.rfind(match.group(2))
    target_col = col0 + rest_start
    choice = ScenarioChoice(
        id=_choice_id(given, text, taken, span, reporter),
        text_md=text,
        target=target,
        span=span,
        target_span=inner.body_span(index, target_col, len(target)),
    )
    if effects:
        _effects(
            choice,
            effects,
            inner.body_span(index, col0 + stripped.find(effects), len(effects)),
            reporter,
        )
    if condition:
        cond_col = col0 + stripped.rfind(condition)
        choice.condition_text = condition.strip()
        choice.condition_span = inner.body_span(index, cond_col, len(condition))
        try:
            choice.condition = parse_expr(condition)
        except ExprError as exc:
            reporter.report(
                Code.CS310, inner.body_span(index, cond_col + exc.offset), f"in condition: {exc}"
            )
    return choice


def _choice_id(
    given: str | None, text: str, scope: ids.IdScope, span: Span, reporter: Reporter
) -> str:
    claimed = scope.claim(given, "choice", span, reporter) if given is not None else None
    return claimed or scope.derive(text, "c", max_words=4)


def _effects(choice: ScenarioChoice, effects: str, span: Span, reporter: Reporter) -> None:
    inner = effects.strip()[1:-1]
    position = 1
    for part in inner.split(","):
        item = part.strip()
        item_col = span.col + position + (len(part) - len(part.lstrip()))
        position += len(part) + 1
        if not item:
            continue
        item_span = Span(span.path, span.line, item_col, len(item))
        if delta := _DELTA_RE.match(item):
            name, amount = delta.group(1), int(delta.group(2).replace(" ", ""))
            choice.deltas[name] = choice.deltas.get(name, 0) + amount
            choice.delta_spans.setdefault(name, item_span)
        elif flag := _FLAG_RE.match(item):
            (choice.sets if flag.group(1) == "set" else choice.unsets).append(flag.group(2))
        else:
            reporter.report(
                Code.CS311,
                item_span,
                f"cannot read effect '{item}'",
                help="effects are 'competency +n', 'competency -n', 'set flag' or 'unset flag'",
            )
