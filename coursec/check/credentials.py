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
_SECRET_KEY = re.compile(
    r"^(?P<indent>\s*-?\s*)(?P<key>[\"']?(?:lrs[_-]?|xapi[_-]?)?"
    r"(?:password|passwd|secret|token|api[_-]?key|auth|authorization|basic[_-]?auth)[\"']?)"
    r"\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_LRS_USER_KEY = re.compile(
    r"^(?P<indent>\s*-?\s*)(?P<key>[\"']?(?:lrs|xapi|endpoint)[_-]?(?:user(?:name)?|key|login)"
    r"[\"']?)\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_INLINE = [
    (re.compile(r"\b(?:Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}"), "an HTTP authorization value"),
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
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable files are reported by the loader
        shown = display_path(path)
        is_yaml = path.suffix.lower() in (".yaml", ".yml")
        for number, line in enumerate(text.split("\n"), start=1):
            hit = False
            if is_yaml and not line.lstrip().startswith("#"):
                for pattern in (_SECRET_KEY, _LRS_USER_KEY):
                    m = pattern.match(line)
                    if m and not _empty(m.group("value")):
                        key = m.group("key").strip("\"'")
                        reporter.report(
                            Code.CS700,
                            Span(shown, number, m.start("key") + 1, len(m.group("key"))),
                            f"'{key}' holds a static LRS credential",
                            help=_HELP,
                        )
                        hit = True
                        break
            if hit:
                continue
            for pattern, what in _INLINE:
                for m in pattern.finditer(line):
                    reporter.report(
                        Code.CS700,
                        Span(shown, number, m.start() + 1, len(m.group())),
                        f"{what} is a static LRS credential",
                        help=_HELP,
                    )
