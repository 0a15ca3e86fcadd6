"""Static credentials in a course: refused in its source (CS700) and in every package (CS702).

In:  ``check_credentials``: the course folder; every text file under it (outside ``build/`` and
     hidden folders, whatever its name: lessons anywhere, region files, media text and SVG
     with their comments, course-local themes, scripts). ``scan_package_files``: the files of
     one package ({package path: bytes}) as they will be written.
Out: ``check_credentials`` reports CS700 at the source file:line:col of each secret;
     ``scan_package_files`` returns CS702 diagnostics at ``<package>/<path>:line:col`` with a
     note, for a secret only the package shows (an installed theme, the runtime, or text that
     the browser decodes into one). Detection is ``coursec.check.secrets``.

Credentials reach the content by launch only (cmi5 fetch token, or the ``endpoint``/``auth``
parameters of a TinCan launch) and stay in memory.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from coursec.check.secrets import Finding, LineMemo, find_secrets, find_secrets_in_lines
from coursec.content import ContentMap
from coursec.diagnostics import Code, Diagnostic, Reporter, Span
from coursec.parse.course import display_path

_HELP = ("remove it: the LRS credentials arrive with the launch (cmi5 fetch token or the "
         "'endpoint'/'auth' launch parameters) and are never packaged")
_CODE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts")
_SNIFF = 8192  # bytes read to tell text from binary (a NUL byte, or not UTF-8)
_MAX_TEXT = 50 * 1024 * 1024  # larger files are media, never text to scan
#: findings per source file, keyed by (path, size, mtime): the preview rebuilds on every save
_SOURCE_CACHE: dict[tuple[str, int, int], list[Finding]] = {}
#: findings per package file content: packages of one region share most of their files
_PACKAGE_CACHE: dict[tuple[str, str], list[Finding]] = {}
#: findings per line of package files (code, other text): their pages differ in a few lines
_LINE_MEMOS: dict[bool, LineMemo] = {True: {}, False: {}}


def _source_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if any(part.startswith(".") or part == "build" for part in rel[:-1]):
            continue
        if path.is_file():
            found.append(path)
    return found


def _text_of(data: bytes) -> str | None:
    if b"\0" in data[:_SNIFF]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _source_findings(path: Path) -> list[Finding]:
    try:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key in _SOURCE_CACHE:
            return _SOURCE_CACHE[key]
        if stat.st_size > _MAX_TEXT:
            return []
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
            if b"\0" in head:
                return []
            data = head + handle.read()
    except OSError:
        return []  # unreadable files are reported by the loader when the course uses them
    text = _text_of(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n") if text is not None else None
    findings = find_secrets(text, code=path.suffix.lower() in _CODE_SUFFIXES) if text else []
    if len(_SOURCE_CACHE) > 4096:
        _SOURCE_CACHE.clear()
    _SOURCE_CACHE[key] = findings
    return findings


def _message(finding: Finding) -> str:
    if finding.key is not None:
        return f"'{finding.key}' holds a static LRS credential"
    return f"{finding.what} is a static LRS credential"


def check_credentials(root: Path, reporter: Reporter) -> None:
    """Report CS700 for every static credential in the course folder ``root``."""
    for path in _source_files(root):
        findings = _source_findings(path)
        shown = display_path(path) if findings else ""
        for finding in findings:
            reporter.report(
                Code.CS700,
                Span(shown, finding.line, finding.col, finding.length),
                _message(finding),
                help=_HELP,
            )


def scan_package_files(files: ContentMap, where: str = "") -> list[Diagnostic]:
    """CS702 for every secret in the files of one package (``where``: e.g. ``en-US/xapi``).
    Files copied as they are from the course folder (``SourceFile``: media, a course theme's
    logo) are not read again: ``check_credentials`` has scanned every file of the course folder,
    and an installed theme's files are part of coursec."""
    out: list[Diagnostic] = []
    for name, data in files.items():
        if not isinstance(data, bytes):
            continue
        digest = (name.rsplit(".", 1)[-1], hashlib.sha256(data).hexdigest())
        findings = _PACKAGE_CACHE.get(digest)
        if findings is None:
            text = _text_of(data)
            code = name.lower().endswith(_CODE_SUFFIXES)
            memo = _LINE_MEMOS[code]
            if len(memo) > 100_000:
                memo.clear()
            findings = find_secrets_in_lines(text, code, memo) if text else []
            if len(_PACKAGE_CACHE) > 4096:
                _PACKAGE_CACHE.clear()
            _PACKAGE_CACHE[digest] = findings
        shown = f"{where}/{name}" if where else name
        for finding in findings:
            out.append(
                Diagnostic(
                    Code.CS702,
                    Code.CS702.severity,
                    Span(shown, finding.line, finding.col, finding.length),
                    f"{_message(finding)} (in the package file {name})",
                    help=(
                        "no course file holds it as written: look in the theme's templates, "
                        "the runtime, or text the browser decodes (HTML entities, "
                        f"percent-encoding); {_HELP}"
                    ),
                )
            )
    return out
