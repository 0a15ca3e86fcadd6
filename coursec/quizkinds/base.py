"""What every quiz kind declares (``KindSpec``), and what the kinds share.

In:  nothing at import; a kind module fills in one ``KindSpec``.
Out: ``KindSpec``; ``Body`` and ``Line`` (one answer line of a ``{quiz}`` body, as
     ``coursec.parse.quiz`` splits it); ``Markdown`` (the renderer a template context is made
     with); ``Rid`` (the ids a target writes); the id and text helpers of the response
     formats (``choice_ids``, ``response_id``, ``cut``, ``xapi_number``, ``rounded``,
     ``true_false_words``) and ``scramble``. Nothing is reported here.

A spec's members, each a function of the quiz (see ``KindSpec``): which answer-line styles its
body takes and whether an untyped body is this kind (``infer``), how the lines fill the model
(``fill``, reporting the kind's own diagnostics), its answer key in cs-data (``key``), the ids and
correct-response patterns each target writes (``rid``, ``patterns``) and the interaction type,
the xAPI interaction components (``definition``), the grade of a stored response and one right
response (``grade``, ``right``), the widest stored response (``worst``, the suspend-data
budget), responses to hold the runtime to (``samples``, the contract fixtures; ``echoes``: where
a right response is written as its pattern; ``text``: a free-text response) and the template
context of its form (``context``, rendered by the theme macro ``markup``).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from markupsafe import Markup
from pydantic.json_schema import SkipJsonSchema

from coursec.contract.base import Record
from coursec.contract.facts import AdapterFacts
from coursec.contract.state import Response, js_number
from coursec.diagnostics import Reporter, Span
from coursec.model import Quiz

if TYPE_CHECKING:  # parse imports the kinds: a type only, or the import is a cycle
    from coursec.parse.directives import Directive

CORRECT, INCORRECT, ANSWERED = 1, 0, 2
#: what Moodle's ``CMIShortIdentifier`` accepts (mod/scorm/datamodels/scorm_13.js)
SHORT_IDENTIFIER = re.compile(r"^[\w.]{1,250}$", re.ASCII)


@dataclass
class Line:
    """One answer line of a quiz body: ``task`` (``- [x] text``), ``bullet`` (``- text``),
    ``ordered`` (``1. text``) or ``answer`` (``= text``), with the lines indented under it."""

    style: str
    text: str
    path: str
    line: int  # file line number
    col: int  # where the list marker is (1-based)
    raw: str  # the source line
    checked: bool = False
    feedback: list[str] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.path, self.line, self.col, len(self.text) + 2)

    def at(self, col: int, length: int) -> Span:
        return Span(self.path, self.line, col, length)


@dataclass
class Body:
    """What a kind fills its quiz from: the answer lines of its styles, the directive (for the
    options only this kind reads: ``KindSpec.options``) and the reporter."""

    lines: list[Line]
    directive: Directive
    reporter: Reporter


class Markdown(Protocol):
    """The part of ``coursec.render.markdown.MarkdownRenderer`` a template context needs."""

    def fields(self, owner: object, skip: Collection[str] = ()) -> dict[str, Any]: ...

    def inline(self, text: str) -> Markup: ...

    @staticmethod
    def plain(markup: str) -> str: ...


class Rid(Record):
    """The ids a target writes: ``c[k]`` for choice k, ``s[i]``/``t[m]`` for pair i/m."""

    c: list[str] | SkipJsonSchema[None] = None
    s: list[str] | SkipJsonSchema[None] = None
    t: list[str] | SkipJsonSchema[None] = None


#: a text of the course as an xAPI language map (the text is Markdown, made plain)
Describe = Callable[[str], Mapping[str, str]]


@dataclass(frozen=True)
class KindSpec:
    """One quiz kind, as the compiler sees it (its runtime half: ``coursec/runtime/q*.js``)."""

    name: str  # as written in ``:type:`` and in cs-data ``kind``
    interaction: str  # the SCORM / xAPI interaction type
    lines: frozenset[str]  # the answer-line styles its body takes
    graded: bool  # False: answered only (no right answer, no score)
    markup: str  # the theme macro (``kinds.html.j2``) that renders its form
    #: an untyped body whose lines are all of one style: is it this kind?
    infer: Callable[[list[Line]], bool]
    #: the body's lines (those of ``lines``) into the quiz; reports what does not fit
    fill: Callable[[Quiz, Body], None]
    #: its answer key in cs-data beyond ``choices``/``correct``/``pairs`` (``QuizData`` fields)
    key: Callable[[Quiz], dict[str, Any]]
    rid: Callable[[Quiz, AdapterFacts], Rid]  # the ids the target writes for its responses
    #: the correct-response patterns exactly as the target writes them ([]: none)
    patterns: Callable[[Quiz, AdapterFacts], list[str]]
    definition: Callable[[Quiz, Describe], dict[str, Any]]  # xAPI interaction components
    grade: Callable[[Quiz, Response], int]  # CORRECT / INCORRECT / ANSWERED
    right: Callable[[Quiz], Response | None]  # a correct stored response (None: none)
    worst: Callable[[Quiz], Response]  # the stored response with the most characters
    samples: Callable[[Quiz], list[Response]]  # right and wrong responses of every shape
    context: Callable[[Quiz, Markdown], dict[str, Any]]  # its template context
    options: tuple[str, ...] = ()  # the ``{quiz}`` options only this kind reads
    #: whether the target's string for a right response (``right``) is, by definition, the
    #: first pattern of ``patterns`` (the contract fixtures hold the runtime's encoding to it)
    echoes: Callable[[Quiz, AdapterFacts], bool] = lambda quiz, facts: True  # choices, pairs
    text: bool = False  # the response is any text typed (the state fixtures put odd ones in)


# --- shared by the kinds ----------------------------------------------------------------------


def response_id(identifier: str) -> str:
    """A coursec id as a SCORM 2004 short identifier the way Moodle checks it
    (``^[\\w.]{1,250}$``). coursec ids match ``[A-Za-z][A-Za-z0-9_-]{0,63}`` and never hold a
    dot, so replacing each ``-`` with ``.`` keeps different ids different."""
    return identifier.replace("-", ".")


def choice_ids(ids: list[str], facts: AdapterFacts) -> list[str]:
    """The ids written for choices (or pairs) ``ids``, by position."""
    if facts.ids == "alphabet":
        assert facts.alphabet is not None
        return list(facts.alphabet[: len(ids)])
    if facts.ids == "short":
        return [response_id(i) for i in ids]
    return list(ids)


def true_false_words(facts: AdapterFacts) -> tuple[str, str]:
    return ("t", "f") if facts.ids == "alphabet" else ("true", "false")


def skipped(count: int, facts: AdapterFacts) -> bool:
    """Whether an interaction with ``count`` choices (or pairs) cannot be written at all."""
    return facts.alphabet is not None and count > len(facts.alphabet)


def cut(text: str, limit: int | None) -> str:
    """``text`` cut to ``limit`` UTF-16 code units (``String.prototype.slice``), when a limit."""
    if limit is None:
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    return units[: 2 * limit].decode("utf-16-le", "surrogatepass")


def rounded(x: float) -> str:
    """``String(Math.round(x * 1e7) / 1e7)``, as scorm2004.js writes numbers."""
    return js_number(math.floor(x * 1e7 + 0.5) / 1e7)


def xapi_number(x: float) -> str:
    """A number in an xAPI numeric pattern: an integer without a fraction, else ``repr``."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def correct_indexes(quiz: Quiz) -> list[int]:
    return [i for i, c in enumerate(quiz.choices) if c.correct]


def identity(order: list[int]) -> bool:
    return all(x == i for i, x in enumerate(order))


def scramble(quiz_id: str, ids: list[str]) -> list[int]:
    """A deterministic order of ``ids`` that is not the source order (for sequencing items and
    matching options, so that the page without JavaScript does not give the answer away)."""
    order = sorted(
        range(len(ids)), key=lambda i: hashlib.sha1(f"{quiz_id}/{ids[i]}".encode()).hexdigest()
    )
    if len(order) > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def never(lines: list[Line]) -> bool:
    """``infer`` of a kind that is only ever set with ``:type:``."""
    return False


def no_key(quiz: Quiz) -> dict[str, Any]:
    return {}
