"""Stable ids: validation and slug derivation.

In:  source text or an explicit id, and the ``IdScope`` (namespace) it must be unique in.
Out: ids that are XML NCNames, SCORM 1.2 CMIIdentifiers and IRI path segments at once:
     ``[A-Za-z][A-Za-z0-9_-]*``, at most 64 characters. Derived ids are always valid and made
     unique with a ``-2``, ``-3``... suffix.
Reported (by ``IdScope.claim``, the one place every id written in the source is claimed, so
     each kind of clash has one code whatever the id names: lesson, page, quiz, assessment,
     scenario, node, ending, choice, pair): CS101 an invalid id, CS102 an id written twice in
     one scope. The caller then derives an id instead (or drops the item: a scenario node).
"""

from __future__ import annotations

import re
import unicodedata

from coursec.diagnostics import Code, Reporter, Span

ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
MAX_ID = 64
_EXPLICIT_RE = re.compile(r"\s*\{#([^}]*)\}\s*$")
_LEADING_EXPLICIT_RE = re.compile(r"^\{#([^}]*)\}\s*")


def is_valid_id(value: str) -> bool:
    return bool(ID_RE.match(value))


def slugify(text: str, fallback: str = "item", max_words: int = 6) -> str:
    """A readable id from source text: ASCII, lower case, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[A-Za-z0-9]+", ascii_text.lower())[:max_words]
    slug = "-".join(words)[: MAX_ID - 2].strip("-")
    if not slug:
        return fallback
    if not slug[0].isalpha():
        slug = f"{fallback[0]}-{slug}"[:MAX_ID]
    return slug


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``taken``; adds it to taken."""
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def split_trailing_id(text: str) -> tuple[str, str | None]:
    """``"Why it matters {#why}"`` -> ``("Why it matters", "why")``."""
    match = _EXPLICIT_RE.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), match.group(1)


def split_leading_id(text: str) -> tuple[str, str | None]:
    """``"{#summarize} So the refund"`` -> ``("So the refund", "summarize")``."""
    match = _LEADING_EXPLICIT_RE.match(text)
    if not match:
        return text, None
    return text[match.end() :], match.group(1)


class IdScope:
    """One namespace of ids: the course's lessons, the course's blocks (quizzes, assessments and
    scenarios share it), a lesson's pages, a quiz's choices or pairs, a scenario's nodes and
    endings, a node's choices. ``taken`` may be shared with the caller (it is updated in place);
    ``where`` ends the CS102 message (" in this lesson")."""

    def __init__(self, taken: set[str] | None = None, where: str = "") -> None:
        self.taken: set[str] = taken if taken is not None else set()
        self.where = where
        # what each id claimed in this scope names, and where it is written
        self.claimed: dict[str, tuple[str, Span]] = {}

    def derive(self, text: str, fallback: str, max_words: int = 6) -> str:
        """A unique id made from ``text`` (``slugify``), never reported."""
        return unique(slugify(text, fallback, max_words), self.taken)

    def claim(self, given: str, what: str, span: Span, reporter: Reporter) -> str | None:
        """``given`` when it is a valid id not taken yet in this scope (it is then taken);
        otherwise None, reported: CS101 invalid, CS102 duplicate."""
        if not is_valid_id(given):
            reporter.report(
                Code.CS101,
                span,
                f"invalid {what} id '{given}'",
                help="ids start with a letter and use only letters, digits, - and _; "
                f"for example '{slugify(given, what)}'",
            )
            return None
        if given in self.taken:
            reporter.report(
                Code.CS102,
                span,
                f"duplicate {what} id '{given}'{self.where}",
                help=self._first(given, span),
            )
            return None
        self.taken.add(given)
        self.claimed[given] = (what, span)
        return given

    def _first(self, given: str, span: Span) -> str | None:
        if given not in self.claimed:
            return None  # claimed in another file, or derived from a text
        what, first = self.claimed[given]
        where = f"line {first.line}" if first.path == span.path else first.path
        return f"'{given}' is already the id of the {what} at {where}; give this one another id"
