"""Stable ids: validation and slug derivation.

In:  source text or an explicit id.
Out: ids that are XML NCNames, SCORM 1.2 CMIIdentifiers and IRI path segments at once:
     ``[A-Za-z][A-Za-z0-9_-]*``, at most 64 characters. Invalid explicit ids are reported as CS101
     by the caller; derived ids are always valid.
"""

from __future__ import annotations

import re
import unicodedata

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
