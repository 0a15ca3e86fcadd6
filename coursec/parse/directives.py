"""Colon-fence directives (``:::{name} argument``): name, argument, ``:key: value`` options, body.

In:  a ``colon_fence`` token from markdown-it and the lines of its file.
Out: a ``Directive`` whose body lines keep their file line numbers, so nested parsing reports
     positions in the original file (as MyST relocates nested content). Reported: CS212 when the
     fence is never closed (once, at the opening fence, also when it ran into the next directive:
     the blocks it swallowed are handed back, ``swallowed_tokens``), CS202 for an option the
     directive does not know (with did-you-mean),
     CS203 for a malformed option line.

Every directive is one ``Spec`` (its options, its parser) in ``coursec.parse.table.DIRECTIVES``;
every parser has the one signature ``Parser``: the directive and a ``DirectiveContext``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.token import Token

from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.model import Block, Prose
from coursec.parse.ids import IdScope

_INFO_RE = re.compile(r"^\{([A-Za-z][\w-]*)\}\s*(.*)$")
_OPTION_RE = re.compile(r"^:([A-Za-z][\w-]*):(?:\s+(.*))?$")


@dataclass
class Directive:
    name: str
    argument: str
    span: Span  # the opening fence line
    options: dict[str, str] = field(default_factory=dict)
    option_spans: dict[str, Span] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    body_line: int = 0  # file line number (1-based) of body[0]
    #: file lines (0-based, end exclusive) of directives this one swallowed because it was never
    #: closed (its fence ended at theirs); the caller parses them as blocks of their own
    swallowed: tuple[int, int] | None = None

    def body_span(self, index: int, col: int = 1, length: int = 1) -> Span:
        return Span(self.span.path, self.body_line + index, col, length)


def read_directive(
    token: Token,
    lines: list[str],
    path: str,
    known_options: Collection[str] | None,
    reporter: Reporter,
    line_offset: int = 0,
) -> Directive | None:
    """Split a colon-fence token; None when its info string is not ``{name} ...``.

    ``known_options`` None: the directive itself is unknown (reported by the caller), so its
    options are not checked either."""
    assert token.map is not None
    start, end = token.map[0] + line_offset, token.map[1] + line_offset
    match = _INFO_RE.match(token.info.strip())
    fence_line = lines[start] if start < len(lines) else ""
    indent = len(fence_line) - len(fence_line.lstrip())
    span = Span(path, start + 1, indent + 1, len(fence_line.strip()) or 1)
    if not match:
        return None
    name, argument = match.group(1), match.group(2).strip()
    last = lines[end - 1].strip() if end - 1 < len(lines) else ""
    closed = end - 1 > start and last.startswith(token.markup) and set(last) == {":"}
    if not closed:
        reporter.report(
            Code.CS212,
            span,
            f"'{token.markup}{{{name}}}' is never closed",
            help=f"add a line '{token.markup}' where the {name} ends",
        )
    body_end = end - 1 if closed else end
    body = lines[start + 1 : body_end]
    directive = Directive(name, argument, span)
    if closed and (runaway := _runaway(body, len(token.markup))) is not None:
        # the fence that ended this one opened as the next directive: one error, here
        reporter.report(
            Code.CS212,
            span,
            f"this {name} is never closed",
            help=f"add a line '{token.markup}' before line {start + 2 + runaway} "
            f"('{body[runaway].strip()}')",
        )
        directive.swallowed = (start + 1 + runaway, end)
        body = body[:runaway]
    index = 0
    while index < len(body):
        raw = body[index]
        stripped = raw.strip()
        if not stripped.startswith(":") or stripped.startswith(":::"):
            break
        option = _OPTION_RE.match(stripped)
        line_no = start + 2 + index
        col = len(raw) - len(raw.lstrip()) + 1
        if not option:
            reporter.report(
                Code.CS203,
                Span(path, line_no, col, len(stripped)),
                f"malformed option line '{stripped}'",
                help="options are written ':name: value', one per line",
            )
        else:
            key, value = option.group(1), (option.group(2) or "").strip()
            key_span = Span(path, line_no, col, len(key) + 2)
            if known_options is None:
                pass  # an unknown directive: its options mean nothing to check
            elif key not in known_options:
                hint = did_you_mean(key, known_options)
                reporter.report(
                    Code.CS202,
                    key_span,
                    f"unknown option ':{key}:' for {{{name}}}",
                    help=hint
                    or (
                        f"known options: {', '.join(sorted(known_options))}"
                        if known_options
                        else f"{{{name}}} takes no options"
                    ),
                )
            else:
                directive.options[key] = value
                directive.option_spans[key] = Span(
                    path, line_no, col + len(key) + 3, max(1, len(value))
                )
        index += 1
    directive.body = body[index:]
    directive.body_line = start + 2 + index
    return directive


def _runaway(body: list[str], colons: int) -> int | None:
    """Index of the first line opening a directive with at least ``colons`` colons: it cannot be
    nested (nesting needs fewer), so the directive above it was never closed."""
    for index, raw in enumerate(body):
        stripped = raw.strip()
        fence = len(stripped) - len(stripped.lstrip(":"))
        if fence >= max(3, colons) and stripped[fence:].strip().startswith("{"):
            return index
    return None


T = TypeVar("T")


def option(
    directive: Directive,
    key: str,
    default: T,
    convert: Callable[[str], T | None],
    expected: str,
    reporter: Reporter,
    help: str | None = None,
) -> T:
    """The value of ``:key:`` converted, ``default`` when absent; CS203 when ``convert`` fails."""
    raw = directive.options.get(key)
    if raw is None:
        return default
    value = convert(raw)
    if value is not None:
        return value
    reporter.report(
        Code.CS203, directive.option_spans[key], f"':{key}:' must be {expected}, not '{raw}'", help
    )
    return default


def _whole(raw: str) -> int | None:
    return int(raw) if re.fullmatch(r"\d+", raw) else None


def _positive(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if 0 < value < 1e6 else None


_BOOLEANS = {
    "true": True,
    "yes": True,
    "on": True,
    "": True,
    "false": False,
    "no": False,
    "off": False,
}


def _boolean(raw: str) -> bool | None:
    return _BOOLEANS.get(raw.lower())


def _percent(raw: str) -> float | None:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%?", raw)
    return float(match.group(1)) if match and float(match.group(1)) <= 100 else None


def parse_int(directive: Directive, key: str, default: int, reporter: Reporter) -> int:
    return option(directive, key, default, _whole, "a whole number >= 0", reporter)


def parse_number(directive: Directive, key: str, default: float, reporter: Reporter) -> float:
    return option(directive, key, default, _positive, "a number > 0", reporter)


def parse_bool(directive: Directive, key: str, default: bool, reporter: Reporter) -> bool:
    return option(directive, key, default, _boolean, "true or false", reporter)


def parse_percent(directive: Directive, key: str, default: float, reporter: Reporter) -> float:
    raw = directive.options.get(key, "")
    value = _percent(raw)
    if value is not None and 0 < value < 1 and not raw.endswith("%"):
        reporter.report(
            Code.CS203,
            directive.option_spans[key],
            f"':{key}: {raw}' means {raw} %, so almost everyone passes",
            help=f"write {value * 100:g}% or {value * 100:g}",
        )
        return default
    return option(directive, key, default, _percent, "a percentage 0%..100%", reporter)


def parse_choice(
    directive: Directive, key: str, allowed: Collection[str], reporter: Reporter
) -> str | None:
    raw = directive.options.get(key, "")
    return option(
        directive,
        key,
        None,
        lambda value: value if value in allowed else None,
        f"one of {', '.join(allowed)}",
        reporter,
        help=did_you_mean(raw, allowed),
    )


ProseMaker = Callable[[list[Token], Span], Prose]


@dataclass
class DirectiveContext:
    """What a directive parser may use besides its directive: the lines of its file (nested
    directives are read from them), the markdown-it instance, the course-wide scope of block
    ids, the maker of prose blocks of the lesson and the reporter."""

    lines: list[str]
    md: MarkdownIt
    block_ids: IdScope
    make_prose: ProseMaker
    reporter: Reporter


Parser = Callable[[Directive, DirectiveContext], "Block | None"]


@dataclass(frozen=True)
class Spec:
    """A directive: the ``:key:`` options it knows and its parser."""

    options: tuple[str, ...]
    parse: Parser


def relocated(tokens: list[Token], offset: int) -> list[Token]:
    """Shift token line maps by ``offset`` lines (body-relative to file-relative)."""
    for token in tokens:
        if token.map is not None:
            token.map = [token.map[0] + offset, token.map[1] + offset]
    return tokens


def swallowed_tokens(directive: Directive, lines: list[str], md: MarkdownIt) -> list[Token]:
    """The blocks an unclosed ``directive`` ran into, parsed on their own (file positions)."""
    if directive.swallowed is None:
        return []
    first, end = directive.swallowed
    return relocated(md.parse("\n".join(lines[first:end])), first)


def body_blocks(
    directive: Directive, context: DirectiveContext, allowed: Mapping[str, Collection[str]]
) -> list[Prose | Directive]:
    """The body of a container directive (assessment, scenario): runs of Markdown as ``Prose``
    and the nested directives named in ``allowed`` (name -> its options), in order, with
    file-relative positions. Any other nested directive is reported as CS209 and skipped."""
    lines, md, reporter = context.lines, context.md, context.reporter
    make_prose = context.make_prose
    offset = directive.body_line - 1
    items: list[Prose | Directive] = []
    pending: list[Token] = []

    def flush() -> None:
        if pending:
            first = (pending[0].map or [offset])[0]
            items.append(make_prose(list(pending), Span(directive.span.path, first + 1, 1)))
            pending.clear()

    queue = relocated(md.parse("\n".join(directive.body)), offset)
    while queue:
        token = queue.pop(0)
        if token.type != "colon_fence":
            pending.append(token)
            continue
        flush()
        info = token.info.strip()
        name = info[1:].split("}", 1)[0] if info.startswith("{") else ""
        inner = read_directive(token, lines, directive.span.path, allowed.get(name), reporter)
        if inner is not None and inner.swallowed is not None:
            queue[:0] = swallowed_tokens(inner, lines, md)
        if inner is None or name not in allowed:
            where = inner.span if inner else Span(directive.span.path, (token.map or [0])[0] + 1, 1)
            kinds = " and ".join(n + ("zes" if n.endswith("z") else "s") for n in allowed)
            reporter.report(
                Code.CS209,
                where,
                f"only {kinds} can go inside {directive.name} '{directive.argument}' "
                f"(found '{info}')",
            )
            continue
        items.append(inner)
    flush()
    return items
