"""The resume state (``suspend_data``, the xAPI State document) as typed records, and its codec.

In:  a ``ResumeState`` (or the ``suspend_data`` text the runtime wrote).
Out: ``encode(state)`` is exactly what ``player.js`` ``serialize`` writes (``JSON.stringify`` of
     the object below, keys in this order); ``decode(text)`` reads it back into the records
     (``ValueError`` when the text is not such a state). ``scenario_flags`` and ``bitset`` give
     the flag order and the hex bitsets of ``p`` and a scenario's flags. Nothing is reported.

The state, keys in this order (``v``, ``h``, ``r``, ``c``, ``p``, ``q`` always; ``k`` only when
the course has a ``releases/`` folder, ``a`` only when it has an assessment, ``s`` only when it
has scenarios):

    v  state version (int)                 h  course-structure hash (6 hex chars)
    k  the release key: ``coursec.release.embed.release_key`` of the layout the state was
       written under (6 hex chars; it covers the answer keys, which ``h`` does not), so a
       release that only changes an answer key can still tell its states from the older ones
    r  shuffle/draw seed (int <= 2^31-1)   c  current page index
    p  visited pages, a hex bitset: char k holds pages 4k..4k+3 (bit j = page 4k+j)
    q  per quiz, indexed like ``Course.quizzes()``: null, [tries, response, result] or
       [tries, response, result, 1] (the learner pressed Show answer: a quiz with
       ``:show-answer:`` and unlimited tries, ``learner_reveals``; resumed revealed and locked)
       result 0 incorrect / 1 correct / 2 answered (ungraded); tries capped at the quiz's
       attempts (or TRIES_CAP when unlimited); response by kind:
         single, true-false, likert: choice index       multiple: sorted choice indexes
         fill-in: the text (<= FILL_IN_MAXLENGTH, no control chars)
         numeric: the text, only [0-9.,+-eE] (<= NUMERIC_MAXLENGTH)
         matching: per pair (source order) the chosen pair index or -1
         sequencing: choice indexes in the learner's order
       trailing nulls are dropped (an empty course state has ``"q":[]``)
    a  assessment: {"n": attempts started, "d": drawn quiz indexes, "s": 0 in progress/1 submitted,
       "b": best score % (-1 none), "l": last score %, "p": 1 once passed}
    s  per scenario, indexed like ``Course.scenarios()`` (the runtime is ``scenario.js``): null
       (never played) or [node, scores, flags, path, steps, attempts, result]
         node: index in ``Scenario.node_ids()``    scores: one int per competency, in [lo, hi]
         flags: hex bitset like ``p`` (flag order: ``scenario_flags``)
         path: [node at which the kept window starts, choice index in its node...]: the last
           PATH_KEEP choices only, so a scenario with loops stays bounded
         steps: choices made in this attempt, capped at STEP_CAP (steps - kept = choices not kept)
         attempts: endings reached, capped at TRIES_CAP
         result: null or [ending node, 1 passed / 0 not, scores] of the attempt that counts

Version history (``v``): 1 pages, quizzes, assessment; 2 adds ``s`` (a state of another version
is ignored: the learner starts again). ``k`` is optional within version 2: a state without it
(written by a package built before the course had ``releases/``) is read as the current
layout's when its ``h`` is the current hash, else matched to an earlier release by ``h``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.json_schema import SkipJsonSchema

from coursec.condition import names as expr_names
from coursec.model import Scenario

#: a stored response: a choice index, a list of indexes (or pair indexes), or the typed text
Response = int | list[int] | str
#: [tries, response, result] or [tries, response, result, SHOWN]
QuizEntry = tuple[int, Response, int] | tuple[int, Response, int, int]
#: the 4th item of a quiz entry whose answer the learner revealed (Show answer)
SHOWN = 1
#: [ending node, passed 1/0, scores]
ScenarioResult = tuple[int, int, list[int]]
#: [node, scores, flags, path, steps, attempts, result]
ScenarioEntry = tuple[int, list[int], str, list[int], int, int, ScenarioResult | None]


class AssessmentState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    n: int
    d: list[int]
    s: int
    b: int | float
    l: int | float  # noqa: E741 (the stored key)
    p: int


class ResumeState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    v: int
    h: str
    k: str | SkipJsonSchema[None] = None
    r: int
    c: int
    p: str
    q: list[QuizEntry | None]
    a: AssessmentState | SkipJsonSchema[None] = None
    s: list[ScenarioEntry | None] | SkipJsonSchema[None] = None

    def plain(self) -> dict[str, Any]:
        """The state as plain JSON values, keys in the stored order, ``a``/``s`` left out when
        absent (what ``JSON.parse`` of the stored text gives)."""
        out: dict[str, Any] = {"v": self.v, "h": self.h}
        if self.k is not None:
            out["k"] = self.k
        out.update({"r": self.r, "c": self.c, "p": self.p,
                    "q": [None if e is None else list(e) for e in self.q]})
        if self.a is not None:
            out["a"] = self.a.model_dump()
        if self.s is not None:
            out["s"] = [None if e is None else _scenario_plain(e) for e in self.s]
        return out


def _scenario_plain(entry: ScenarioEntry) -> list[Any]:
    result = entry[6]
    return [*entry[:6], None if result is None else list(result)]


def encode(state: ResumeState) -> str:
    """``JSON.stringify`` of the state, as ``player.js`` writes it."""
    return stringify(state.plain())


def decode(text: str) -> ResumeState:
    """The state ``text`` holds; ``ValueError`` when it is not JSON of that shape."""
    try:
        return ResumeState.model_validate(json.loads(text))
    except (json.JSONDecodeError, ValidationError) as error:
        raise ValueError(f"not a resume state: {error}") from error


def bitset(bits: Sequence[bool]) -> str:
    """Hex digits, 4 bits each: digit k holds items 4k..4k+3 (bit j = item 4k+j)."""
    out = []
    for k in range(0, len(bits), 4):
        out.append(format(sum(1 << j for j, bit in enumerate(bits[k : k + 4]) if bit), "x"))
    return "".join(out)


def scenario_flags(scenario: Scenario) -> list[str]:
    """The flags a scenario names (set, unset or read), in order of first appearance: a flag's
    index is its bit in the resume state."""
    found: dict[str, None] = {}
    for node in scenario.nodes.values():
        for choice in node.choices:
            for name in [*choice.sets, *choice.unsets]:
                found.setdefault(name)
            if choice.condition is not None:
                for name in sorted(expr_names(choice.condition)[1]):
                    found.setdefault(name)
    if scenario.pass_rule is not None:
        for name in sorted(expr_names(scenario.pass_rule)[1]):
            found.setdefault(name)
    return list(found)


# ---- JSON.stringify ---------------------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t"}


def stringify(value: Any) -> str:
    """``JSON.stringify(value)`` (ECMAScript 2019: lone surrogates escaped) of plain values."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return js_number(value)
    if isinstance(value, str):
        return js_string(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(stringify(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (js_string(str(k)) + ":" + stringify(v) for k, v in value.items())
        return "{" + ",".join(items) + "}"
    raise TypeError(f"not a JSON value: {value!r}")


def js_string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:  # control, or a lone surrogate
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def js_number(x: float) -> str:
    """ECMAScript ``Number::toString`` of ``x`` (shortest round-trip digits, as ``repr``)."""
    if not math.isfinite(x):
        return "null"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    digits_tuple, exponent = Decimal(repr(abs(x))).normalize().as_tuple()[1:]
    assert isinstance(exponent, int)
    digits = "".join(map(str, digits_tuple))
    k, n = len(digits), len(digits) + exponent  # x = 0.digits * 10^n
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{mantissa}e{'+' if n - 1 >= 0 else '-'}{abs(n - 1)}"
