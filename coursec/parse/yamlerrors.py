"""YAML syntax errors in an author's words.

In:  a PyYAML ``MarkedYAMLError`` and the lines of the YAML text it came from.
Out: ``explain`` -> (0-based line, 0-based column, message, help): what is wrong (a tab, a missing
     space after a colon, a line indented differently from its neighbours, an unclosed quote or
     bracket, a value holding ': ') at the line where the author has to fix it, which is not
     always the line PyYAML names (it often reports the line after a missing space). Anything
     else keeps PyYAML's own words at its position.
"""

from __future__ import annotations

import re

import yaml

_KEY_NO_SPACE_RE = re.compile(r"^(\s*)([A-Za-z0-9_.-]+):(?=[^\s])")

Explained = tuple[int, int, str, str | None]


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> Explained:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    context_line = exc.context_mark.line if exc.context_mark else line
    context_col = exc.context_mark.column if exc.context_mark else col
    if "'\\t'" in problem:
        return _tab(line, lines)
    if "could not find expected ':'" in problem and "simple key" in context:
        return _no_colon(context_line, lines)
    if "mapping values are not allowed" in problem:
        return _mapping_value(line, col, lines)
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        return _indentation(line, lines)
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return (
            context_line,
            context_col,
            f"this '{bracket}' list is never closed",
            f"end it with '{closing}' on the same line, separating items with ', '",
        )
    if "quoted scalar" in context:
        return (
            context_line,
            context_col,
            "this quote is never closed",
            "end the text with the same quote mark it starts with",
        )
    return line, col, f"YAML syntax error: {problem}", None


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _previous(lines: list[str], index: int) -> int:
    """The nearest line above ``index`` holding something (not blank, not a comment)."""
    for above in range(index - 1, -1, -1):
        stripped = _line(lines, above).strip()
        if stripped and not stripped.startswith("#"):
            return above
    return -1


def _tab(line: int, lines: list[str]) -> Explained:
    text = _line(lines, line)
    col = max(0, text.find("\t"))
    return (
        line,
        col,
        "a tab is used for indentation here; YAML indents with spaces only",
        "replace the tab with spaces (two per level, lined up with the keys of the same block)",
    )


def _no_colon(line: int, lines: list[str]) -> Explained:
    text = _line(lines, line)
    if match := _KEY_NO_SPACE_RE.match(text):
        key = match.group(2)
        value = text[match.end() :]
        return (
            line,
            match.end() - 1,
            f"missing space after the colon of '{key}'",
            f"write '{key}: {value.strip()}' (YAML needs a space after ':')",
        )
    return (
        line,
        _indent(text),
        "this line is not 'key: value' (no ': ' found)",
        "write it as 'key: value', or put a text that continues the line above in quotes",
    )


def _mapping_value(line: int, col: int, lines: list[str]) -> Explained:
    text = _line(lines, line)
    above = _previous(lines, line)
    above_text = _line(lines, above)
    above_has_value = bool(above_text.split(":", 1)[1].strip()) if ":" in above_text else True
    if above >= 0 and _indent(text) > _indent(above_text) and above_has_value:
        return _indentation(line, lines)
    key = text.split(":", 1)[0].strip()
    value = text.split(":", 1)[1].strip() if ":" in text else ""
    return (
        line,
        col,
        "this value contains ': ', which YAML reads as a new key",
        f"put the value in quotes: {key}: \"{value}\"" if key else "put the value in quotes",
    )


def _indentation(line: int, lines: list[str]) -> Explained:
    text = _line(lines, line)
    above = _previous(lines, line)
    siblings = [
        _indent(_line(lines, i))
        for i in range(above, -1, -1)
        if _line(lines, i).strip() and not _line(lines, i).strip().startswith("#")
    ]
    width = _indent(text)
    distance = min((abs(n - width) for n in siblings), default=width)
    nearest = sorted({n for n in siblings if abs(n - width) == distance}) or [0]
    return (
        line,
        width,
        f"this line is indented by {width} space(s), which matches no block above it",
        f"indent it by {' or '.join(map(str, nearest))} space(s), like the other keys of "
        "its block",
    )
