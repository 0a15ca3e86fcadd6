"""Regional values: ``{{name}}`` in the source, defaults in course.yaml, overrides per region.

In:  the course's ``values`` (``RegionalValue``), a region's overrides (from its region file and
     the files of its fallback chain) and the region tag.
Out: ``format_values`` -> {name: text} formatted with Babel for the region (numbers, currency,
     dates, CLDR units); ``substitute`` puts them into a Markdown string; ``placeholder_span``
     finds where a ``{{name}}`` is written (an unknown one is reported there, not at its
     paragraph).
Reported: CS609 when a value cannot be formatted (not a number, an unknown currency or unit,
     a malformed date). Unknown names are reported where they are used (CS608, in
     ``coursec.localize.apply``).

Placeholder syntax: ``{{name}}`` (spaces inside the braces allowed); the name is a letter, then
letters, digits, ``-`` or ``_``. The substituted text is escaped so it is never read as Markdown.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from coursec.config import RegionalValue, value_number
from coursec.config import numeric_value as numeric_value  # where localize.apply reads it
from coursec.diagnostics import Code, Reporter, Span

PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_-]*)\s*\}\}")
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#|])")


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER_RE.findall(text)


def placeholder_span(block: Span, name: str) -> Span:
    """Where ``{{name}}`` is written in the file, at or after the start of ``block`` (the
    segment's span); ``block`` itself when the file cannot be read or the text is not found."""
    try:
        lines = Path(block.path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return block
    pattern = re.compile(r"\{\{\s*" + re.escape(name) + r"\s*\}\}")
    for index in range(max(0, block.line - 1), min(len(lines), block.line + 200)):
        if match := pattern.search(lines[index]):
            return Span(block.path, index + 1, match.start() + 1, match.end() - match.start())
    return block


def babel_locale(region: str) -> Locale | None:
    try:
        return Locale.parse(region, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def merge(base: RegionalValue, override: Any) -> RegionalValue:
    """A region file's override: a scalar replaces the value, a mapping replaces fields."""
    if isinstance(override, Mapping):
        return base.model_copy(update=dict(override))
    return base.model_copy(update={"value": override})


#: the CLDR numbering system every number of a course is written in, by Babel here and by the
#: runtime (cs-data ``numbers.digits``, Intl's ``numberingSystem``): Western digits, so that a
#: page never mixes two kinds of digits (Babel's default; CLDR's default for ar-SA is ``arab``)
NUMBERING = "latn"


def format_value(value: RegionalValue, region: str) -> str:
    """The value as the region writes it; ValueError with a reason when it cannot."""
    from babel.dates import format_date  # imported here: most builds format no value
    from babel.numbers import format_currency, format_decimal
    from babel.units import format_unit

    locale = babel_locale(region)
    if locale is None:
        raise ValueError(f"Babel has no data for '{region}'")
    raw = value.value
    if value.type == "text":
        return str(raw)
    if value.type == "date":
        if isinstance(raw, str):
            raw = datetime.date.fromisoformat(raw)
        if not isinstance(raw, datetime.date):
            raise ValueError(f"'{raw}' is not a date (YYYY-MM-DD)")
        return format_date(raw, format=value.format or "long", locale=locale)
    number = value_number(raw)
    if value.type == "number":
        return format_decimal(number, format=value.format, locale=locale,
                              numbering_system=NUMBERING)
    if value.type == "currency":
        if not value.currency:
            raise ValueError("a currency value needs 'currency' (an ISO 4217 code such as EUR)")
        return format_currency(number, value.currency, format=value.format, locale=locale,
                               numbering_system=NUMBERING)
    if not value.unit:
        raise ValueError("a unit value needs 'unit' (a CLDR unit such as duration-day)")
    text = format_unit(number, value.unit, locale=locale, numbering_system=NUMBERING)
    if value.unit in text:
        raise ValueError(
            f"Babel has no '{value.unit}' pattern for {region}; give the value as text "
            f"in the region file ({{type: text, value: ...}})"
        )
    return text


def format_values(
    values: Mapping[str, RegionalValue],
    region: str,
    spans: Mapping[str, Span],
    reporter: Reporter,
) -> dict[str, str]:
    """Every value formatted for ``region``; a value that fails is reported (CS609) and shown
    as its raw text."""
    out: dict[str, str] = {}
    for name, value in values.items():
        try:
            out[name] = format_value(value, region)
        except (ValueError, TypeError, KeyError, ArithmeticError) as error:  # decimal too
            reporter.report(
                Code.CS609,
                spans[name],
                f"value '{name}' cannot be formatted for {region}: {error}",
            )
            out[name] = str(value.value)
    return out


def escape(text: str) -> str:
    return _MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)


def substitute(text: str, formatted: Mapping[str, str], markdown: bool = True) -> str:
    """``text`` with every known ``{{name}}`` replaced (unknown names are left as written)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in formatted:
            return match.group(0)
        return escape(formatted[name]) if markdown else formatted[name]

    return PLACEHOLDER_RE.sub(replace, text)
