"""Static LRS credentials in the course source: refused at build time (CS700).

In:  the course folder (``course.yaml``, every ``*.md``, ``*.yaml``, ``*.yml``, ``*.json`` under
     it, outside ``build/`` and hidden folders), read as text.
Out: nothing; each credential found is reported as CS700 at its file:line:col.

Credentials reach the content by launch only (cmi5 fetch token, or the ``endpoint``/``auth``
parameters of a TinCan launch) and stay in memory. What counts as a static credential:

* in a YAML file, a key naming a secret (``password``, ``secret``, ``token``, ``api_key``,
  ``auth``, ``authorization``, ``username``/``user``/``key`` when an ``lrs``/``xapi``/``endpoint``
  word is nearby) with a non-empty value;
* anywhere, an HTTP ``Basic``/``Bearer`` authorization value, an ``auth=`` launch parameter with
  a value, or a URL carrying ``user:password@``.
"""

from __future__ import annotations

import re
from pathlib import Path

from coursec.diagnostics import Code, Reporter, Span
from coursec.parse.course import display_path

_SUFFIXES = (".md", ".yaml", ".yml", ".json")
# Every pattern runs over a whole file at once (MULTILINE) and never crosses a line end:
# [ \t] instead of \s where a match could otherwise run into the next line.
_SECRET_KEY = re.compile(
    r"^(?P<indent>[ \t]*-?[ \t]*)(?P<key>[\"']?(?:lrs[_-]?|xapi[_-]?)?"
    r"(?:password|passwd|secret|token|api[_-]?key|auth|authorization|basic[_-]?auth)[\"']?)"
    r"[ \t]*:[ \t]*(?P<value>\S.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_LRS_USER_KEY = re.compile(
    r"^(?P<indent>[ \t]*-?[ \t]*)(?P<key>[\"']?(?:lrs|xapi|endpoint)[_-]?"
    r"(?:user(?:name)?|key|login)[\"']?)[ \t]*:[ \t]*(?P<value>\S.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE = [
    (re.compile(r"\b(?:Basic|Bearer)[ \t]+[A-Za-z0-9+/=._~-]{8,}"), "an HTTP authorization value"),
    (re.compile(r"[?&]auth=(?!&|\s|$)[^&\s\"')]+"), "an 'auth' launch parameter with a value"),
    (re.compile(r"\bhttps?://[^/\s:@]+:[^/\s@]+@"), "a URL with a user name and password"),
]
_HELP = ("remove it: the LRS credentials arrive with the launch (cmi5 fetch token or the "
         "'endpoint'/'auth' launch parameters) and are never packaged")


def _source_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if any(part.startswith(".") or part == "build" for part in rel[:-1]):
            continue
        if path.is_file() and path.suffix.lower() in _SUFFIXES:
            found.append(path)
    return found


def _empty(value: str) -> bool:
    value = value.split(" #", 1)[0].strip()
    return value in ("", "''", '""', "~", "null", "|", ">")


def check_credentials(root: Path, reporter: Reporter) -> None:
    """Report CS700 for every static LRS credential in the course folder ``root``."""
    for path in _source_files(root):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable files are reported by the loader
        _check_text(text, display_path(path), path.suffix.lower() in (".yaml", ".yml"), reporter)


def _check_text(text: str, shown: str, is_yaml: bool, reporter: Reporter) -> None:
    key_lines: set[int] = set()  # a secret key's line is reported once, as a key
    if is_yaml:
        for pattern in (_SECRET_KEY, _LRS_USER_KEY):
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start())
                if line in key_lines or _empty(m.group("value")):
                    continue
                key_lines.add(line)
                key = m.group("key").strip("\"'")
                reporter.report(
                    Code.CS700,
                    _span(text, shown, m.start("key"), len(m.group("key"))),
                    f"'{key}' holds a static LRS credential",
                    help=_HELP,
                )
    for pattern, what in _INLINE:
        for m in pattern.finditer(text):
            if text.count("\n", 0, m.start()) not in key_lines:
                reporter.report(
                    Code.CS700,
                    _span(text, shown, m.start(), len(m.group())),
                    f"{what} is a static LRS credential",
                    help=_HELP,
                )


def _span(text: str, shown: str, start: int, length: int) -> Span:
    line_start = text.rfind("\n", 0, start) + 1
    return Span(shown, text.count("\n", 0, start) + 1, start - line_start + 1, length)
