"""Characters no package can hold: XML 1.0 refuses C0 controls (but tab, LF, CR), lone
surrogates, U+FFFE and U+FFFF, and cmi5.xml, tincan.xml and the manifests are XML.

In:  the text of a source file (course.yaml, a lesson, a region file) as read, or the data a
     YAML file was loaded into (with its ``Locator``), where ``"\\x01"`` escapes hide them.
Out: ``check_file_text`` gives the text with each such character replaced by U+FFFD (only ever
     used after the error below, which stops every writer, so nothing is silently changed in
     a package); ``check_yaml_strings`` walks every key and string value; ``escape_breaks``
     makes a text safe to put in a YAML comment (``coursec l10n sync``).
Reported: CS411, once per file for literal characters (at the first, with the count) and once
     per YAML value holding an escaped one, at that value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from coursec.diagnostics import Code, Reporter, Span


class Locator(Protocol):
    """Where a YAML key or value is written (``coursec.parse.yamlsrc.Locator``)."""

    def span(self, keys: Sequence[str | int]) -> Span: ...

    def value_span(self, keys: Sequence[str | int]) -> Span: ...

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: what YAML cannot hold in a comment: its own refused characters and its line breaks
_COMMENT_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_HELP = "remove it: XML (cmi5.xml, tincan.xml, imsmanifest.xml) cannot hold it"


def _name(char: str) -> str:
    return f"U+{ord(char):04X}"


def check_file_text(text: str, path: str, reporter: Reporter) -> str:
    """``text`` unchanged when clean; else report CS411 at the first character and return the
    text with every such character replaced by U+FFFD."""
    found = XML_ILLEGAL.search(text)
    if found is None:
        return text
    index = found.start()
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    count = len(XML_ILLEGAL.findall(text))
    more = f" ({count - 1} more in this file)" if count > 1 else ""
    reporter.report(Code.CS411, Span(path, line, col),
                    f"control character {_name(found.group())}{more}", help=_HELP)
    return XML_ILLEGAL.sub("\ufffd", text)


def check_yaml_strings(data: Any, locator: Locator, reporter: Reporter,
                       keys: Sequence[str | int] = (), seen: set[int] | None = None) -> None:
    """CS411 at every key or string value of ``data`` holding such a character (each
    container once: YAML aliases can share one, or make one contain itself)."""
    seen = set() if seen is None else seen
    if isinstance(data, dict | list):
        if id(data) in seen:
            return
        seen.add(id(data))
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and XML_ILLEGAL.search(key):
                _report(key, locator.span([*keys, key]), reporter)
            check_yaml_strings(value, locator, reporter, [*keys, str(key)], seen)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            check_yaml_strings(item, locator, reporter, [*keys, index], seen)
    elif isinstance(data, str) and XML_ILLEGAL.search(data):
        _report(data, locator.value_span(keys), reporter)


def _report(text: str, span: Span, reporter: Reporter) -> None:
    found = XML_ILLEGAL.search(text)
    assert found is not None
    reporter.report(Code.CS411, span, f"control character {_name(found.group())} in this value",
                    help=_HELP)


def escape_breaks(text: str) -> str:
    """``text`` with characters a YAML comment cannot hold written as ``\\uXXXX``."""
    return _COMMENT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
