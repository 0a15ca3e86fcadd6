"""Interaction types, response ids and correct-response patterns, for every response format.

In:  a quiz (or a scenario decision's choice ids) and the adapter's facts (``contract.facts``).
Out: ``interaction_type(kind)``; ``response_ids(quiz, facts)`` -> ``Rid``, the id the target
     writes for choice k (``c``) and for a matching pair's source and target (``s``, ``t``);
     ``patterns(quiz, facts)`` -> the correct-response patterns exactly as the target writes them
     (SCORM 1.2 ``correct_responses.n.pattern``, SCORM 2004 likewise, xAPI
     ``correctResponsesPattern``), ``[]`` when it can express none; ``skipped(count, facts)``
     when the target cannot record an interaction with that many choices. Nothing is reported
     (``check/responses.py`` reports the skipped ones, CS503).

The three formats:

- SCORM 1.2 (``alphabet``): choice k is ``alphabet[k]``, true/false ``t``/``f``, lists joined by
  ``,``, pairs by ``.``; one pattern (the first correct choice, the first accepted answer, an
  exact number only: 1.2 has no ranges), texts cut at the target's text limit.
- SCORM 2004 (``short``): ids as short identifiers (``response_id``), ``true``/``false``,
  ``[,]`` ``[.]`` ``[:]``; every correct choice and every accepted answer (``{case_matters=true}``
  when case counts), the first numeric range, numbers rounded to 7 decimals as the runtime does.
- xAPI (``choice``): the coursec ids as they are, every accepted answer and every range (this is
  also the ``correctResponsesPattern`` of tincan.xml, cmi5.xml and the statements).

True/false: ``rid.c[k]`` is the word for choice k (which one means true: ``true_index``), so the
runtime writes ``rid.c[response]`` for every choice kind.
"""

from __future__ import annotations

import math
import re

from pydantic.json_schema import SkipJsonSchema

from coursec.contract.base import Record
from coursec.contract.facts import AdapterFacts
from coursec.contract.state import js_number
from coursec.model import Quiz, QuizKind

INTERACTION_TYPES = {
    QuizKind.SINGLE: "choice",
    QuizKind.MULTIPLE: "choice",
    QuizKind.TRUE_FALSE: "true-false",
    QuizKind.FILL_IN: "fill-in",
    QuizKind.NUMERIC: "numeric",
    QuizKind.MATCHING: "matching",
    QuizKind.SEQUENCING: "sequencing",
    QuizKind.LIKERT: "likert",
}
DECISION_TYPE = "choice"  # a scenario decision is recorded as a choice interaction

#: what Moodle's ``CMIShortIdentifier`` accepts (mod/scorm/datamodels/scorm_13.js)
SHORT_IDENTIFIER = re.compile(r"^[\w.]{1,250}$", re.ASCII)
CASE_MATTERS = "{case_matters=true}"


class Rid(Record):
    """The ids a target writes: ``c[k]`` for choice k, ``s[i]``/``t[m]`` for pair i/m."""

    c: list[str] | SkipJsonSchema[None] = None
    s: list[str] | SkipJsonSchema[None] = None
    t: list[str] | SkipJsonSchema[None] = None


def interaction_type(kind: QuizKind) -> str:
    return INTERACTION_TYPES[kind]


def response_id(identifier: str) -> str:
    """A coursec id as a SCORM 2004 short identifier the way Moodle checks it
    (``^[\\w.]{1,250}$``). coursec ids match ``[A-Za-z][A-Za-z0-9_-]{0,63}`` and never hold a
    dot, so replacing each ``-`` with ``.`` keeps different ids different."""
    return identifier.replace("-", ".")


def true_index(quiz: Quiz) -> int:
    """Which choice of a true-false quiz means 'true' (by its source text, else its id)."""
    for i, choice in enumerate(quiz.choices):
        if choice.text_md.strip().lower() == "true":
            return i
    for i, choice in enumerate(quiz.choices):
        if choice.id.lower().startswith("true"):
            return i
    return 0


def true_is_correct(quiz: Quiz) -> bool:
    """Whether the correct choice of a true/false quiz is the one meaning 'true'."""
    true = true_index(quiz)
    return any(c.correct for i, c in enumerate(quiz.choices) if i == true)


def skipped(count: int, facts: AdapterFacts) -> bool:
    """Whether an interaction with ``count`` choices (or pairs) cannot be written at all."""
    return facts.alphabet is not None and count > len(facts.alphabet)


def choice_ids(ids: list[str], facts: AdapterFacts) -> list[str]:
    """The ids written for choices (or pairs) ``ids``, by position."""
    if facts.ids == "alphabet":
        assert facts.alphabet is not None
        return list(facts.alphabet[: len(ids)])
    if facts.ids == "short":
        return [response_id(i) for i in ids]
    return list(ids)


def _true_false_words(facts: AdapterFacts) -> tuple[str, str]:
    return ("t", "f") if facts.ids == "alphabet" else ("true", "false")


def response_ids(quiz: Quiz, facts: AdapterFacts) -> Rid:
    if quiz.kind is QuizKind.TRUE_FALSE:
        yes, no = _true_false_words(facts)
        true = true_index(quiz)
        return Rid(c=[yes if i == true else no for i in range(len(quiz.choices))])
    if quiz.pairs:
        pairs = choice_ids([p.id for p in quiz.pairs], facts)
        return Rid(s=pairs, t=pairs)
    if quiz.choices:
        return Rid(c=choice_ids([c.id for c in quiz.choices], facts))
    return Rid()


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    """The correct-response patterns of ``quiz`` in the target's format (see the docstring)."""
    kind = quiz.kind
    count = len(quiz.pairs) if quiz.pairs else len(quiz.choices)
    if kind is QuizKind.LIKERT or skipped(count, facts):
        return []
    one = facts.ids == "alphabet"  # SCORM 1.2: a single pattern
    sep = facts.format
    rid = response_ids(quiz, facts)
    ids = rid.c or []
    correct = [ids[i] for i, c in enumerate(quiz.choices) if c.correct]
    if kind is QuizKind.SINGLE:
        return correct[:1] if one else correct
    if kind is QuizKind.TRUE_FALSE:
        return [_true_false_words(facts)[0 if true_is_correct(quiz) else 1]]
    if kind is QuizKind.MULTIPLE:
        return [sep.list.join(correct)]
    if kind is QuizKind.SEQUENCING:
        return [sep.list.join(ids)]
    if kind is QuizKind.MATCHING:
        sources, targets = rid.s or [], rid.t or []
        return [sep.list.join(s + sep.pair + t for s, t in zip(sources, targets, strict=True))]
    if kind is QuizKind.FILL_IN:
        if one:
            return [cut(quiz.answers[0] if quiz.answers else "", facts.text)]
        prefix = CASE_MATTERS if quiz.case_sensitive else ""
        return [prefix + cut(answer, facts.text) for answer in quiz.answers]
    return _numeric(quiz, facts)


def _numeric(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    if facts.ids == "alphabet":  # an exact number only
        first = quiz.ranges[0] if quiz.ranges else None
        if first is None or first.low != first.high:
            return []
        return [js_number(float(first.low))]
    if facts.ids == "short":  # the first range, rounded like the runtime's responses
        return [_rounded(r.low) + facts.format.range + _rounded(r.high) for r in quiz.ranges[:1]]
    return [xapi_number(r.low) + facts.format.range + xapi_number(r.high) for r in quiz.ranges]


def _rounded(x: float) -> str:
    """``String(Math.round(x * 1e7) / 1e7)``, as scorm2004.js writes numbers."""
    return js_number(math.floor(x * 1e7 + 0.5) / 1e7)


def xapi_number(x: float) -> str:
    """A number in an xAPI numeric pattern: an integer without a fraction, else ``repr``."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def cut(text: str, limit: int | None) -> str:
    """``text`` cut to ``limit`` UTF-16 code units (``String.prototype.slice``), when a limit."""
    if limit is None:
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    return units[: 2 * limit].decode("utf-16-le", "surrogatepass")
