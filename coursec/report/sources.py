"""Statement files: which format each is, and where one is broken.

In:  the ``--statements`` paths (a JSON array of statements, as an LRS export or the Statement
     API's ``statements`` list, or NDJSON: one statement per line, as Ralph exports them).
Out: ``(path, format)`` pairs for the engines (``array`` or ``newline_delimited``); when the
     engine could not read a file, :func:`locate_error` finds the first broken place.
Reported: CS800 (a file that cannot be read: missing, a folder, not UTF-8) and CS801 (not JSON,
     or a line/element that is not a statement object) at ``file:line:col``.
"""

from __future__ import annotations

import json
from pathlib import Path

from coursec.diagnostics import Code, Reporter, Span

ARRAY, NDJSON = "array", "newline_delimited"


def detect(paths: list[Path], reporter: Reporter) -> list[tuple[Path, str]]:
    """The format of each readable file (its first character that is not white space)."""
    out: list[tuple[Path, str]] = []
    for path in paths:
        try:
            with path.open("rb") as f:
                head = f.read(4096)
                while head and not head.strip():
                    head = f.read(4096)
        except OSError as exc:
            reporter.report(Code.CS800, Span(str(path)),
                            f"cannot read the statement file: {exc.strerror or exc}")
            continue
        first = head.lstrip()[:1]
        if head.startswith(b"\xef\xbb\xbf"):
            first = head[3:].lstrip()[:1]
        if first == b"[":
            out.append((path, ARRAY))
        elif first == b"{":
            out.append((path, NDJSON))
        elif not first:
            reporter.report(Code.CS801, Span(str(path)), "the statement file is empty",
                            help="export the statements as a JSON array or as NDJSON")
        else:
            reporter.report(Code.CS801, Span(str(path), 1, 1),
                            "not a JSON array of statements nor NDJSON (one statement a line)")
    return out


def locate_error(path: Path, fmt: str, reporter: Reporter) -> bool:
    """Report the first broken place of ``path`` (CS800/CS801); False when none was found."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        reporter.report(Code.CS800, Span(str(path), line, 1), "the statement file is not UTF-8")
        return True
    except OSError as exc:
        reporter.report(Code.CS800, Span(str(path)), f"cannot read: {exc.strerror or exc}")
        return True
    if fmt == NDJSON:
        for number, row in enumerate(text.splitlines(), 1):
            if not row.strip():
                continue
            try:
                value = json.loads(row)
            except json.JSONDecodeError as exc:
                reporter.report(Code.CS801, Span(str(path), number, exc.colno),
                                f"not JSON: {exc.msg}", help="one statement object per line")
                return True
            if not _statement_shape(value, path, number, reporter):
                return True
        return False
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        reporter.report(Code.CS801, Span(str(path), exc.lineno, exc.colno), f"not JSON: {exc.msg}")
        return True
    if not isinstance(value, list):
        reporter.report(Code.CS801, Span(str(path), 1, 1), "not a JSON array of statements")
        return True
    return any(not _statement_shape(item, path, 0, reporter) for item in value)


def _statement_shape(value: object, path: Path, line: int, reporter: Reporter) -> bool:
    if not isinstance(value, dict):
        reporter.report(Code.CS801, Span(str(path), line, 1 if line else 0),
                        "not a statement (a JSON object)")
        return False
    for key, kind in (("actor", dict), ("verb", dict), ("object", dict), ("result", dict),
                      ("context", dict)):
        if key in value and not isinstance(value[key], kind):
            reporter.report(Code.CS801, Span(str(path), line, 1 if line else 0),
                            f"statement '{value.get('id', '?')}': '{key}' is not an object")
            return False
    return True
