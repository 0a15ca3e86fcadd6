"""Diagnostics: where a problem is, what it is, and how it is printed.

In:  stages call ``Reporter.report(Code.X, span, message, help=...)`` as they find problems;
     they never print or raise for a user error.
Out: ``Reporter.sorted()`` gives every diagnostic ordered by file, line and column;
     ``format_diagnostic`` renders one as ``path:line:col: severity[CODE]: message`` followed by
     the source line, a caret under the span and an optional ``help:`` line.

Every code is one member of ``Code`` with its default severity and a one-line meaning; the
README's diagnostics table is generated from this enum (``coursec codes``) and a test checks that
every member has at least one fixture case.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Code(enum.Enum):
    """One member per diagnostic: (default severity, one-line meaning)."""

    # course.yaml and front matter (CS0xx)
    CS001 = (Severity.ERROR, "YAML syntax error")
    CS002 = (Severity.ERROR, "unknown key in course.yaml or front matter")
    CS003 = (Severity.ERROR, "invalid value in course.yaml or front matter")
    CS004 = (Severity.ERROR, "missing course.yaml or lesson file")
    CS005 = (Severity.ERROR, "course has no lessons")
    CS006 = (Severity.ERROR, "file is not valid UTF-8 text")
    CS020 = (Severity.WARNING, "course.yaml mastery differs from the assessment's :pass:")
    CS021 = (Severity.WARNING, "lesson has no '#' heading (its title comes from the file name)")
    # ids (CS1xx)
    CS101 = (Severity.ERROR, "invalid id (must match [A-Za-z][A-Za-z0-9_-]*, at most 64 chars)")
    CS102 = (Severity.ERROR, "duplicate id (one id written twice where ids must be unique)")
    # directives and quizzes (CS2xx)
    CS201 = (Severity.ERROR, "unknown directive")
    CS202 = (Severity.ERROR, "unknown directive option")
    CS203 = (Severity.ERROR, "invalid directive option value")
    CS204 = (Severity.ERROR, "quiz has no question text")
    CS205 = (Severity.ERROR, "quiz has no correct answer")
    CS206 = (Severity.ERROR, "quiz kind cannot be determined or does not fit the body")
    CS207 = (Severity.ERROR, "single-choice or true/false quiz has more than one correct answer")
    CS208 = (Severity.ERROR, "malformed answer line")
    CS209 = (Severity.ERROR, "directive not allowed here")
    CS210 = (Severity.ERROR, "assessment has no questions")
    CS211 = (Severity.ERROR, "assessment draws more questions than its pool holds")
    CS212 = (Severity.ERROR, "unclosed directive fence")
    CS213 = (Severity.WARNING, "quiz has too few choices")
    CS214 = (Severity.ERROR, "more than one assessment in the course")
    CS215 = (Severity.WARNING, "quiz line indented with a tab (read as indented)")
    CS220 = (Severity.ERROR, "unknown assessment :layout: (one or all)")
    CS221 = (Severity.ERROR, "unknown assessment :review: (full, correctness or none)")
    CS224 = (Severity.ERROR, "bad :competencies: item (id, duplicate, or '=' without a name)")
    # scenarios (CS3xx)
    CS301 = (Severity.ERROR, "choice leads to an unknown node")
    CS302 = (Severity.ERROR, "unknown competency")
    CS303 = (Severity.ERROR, "node no path reaches")
    CS304 = (Severity.ERROR, "node with no way to any ending (dead end or cycle with no exit)")
    CS305 = (Severity.ERROR, "ending no path reaches")
    CS306 = (Severity.ERROR, "pass rule no path can satisfy")
    CS307 = (Severity.ERROR, "condition that can never be true")
    CS308 = (Severity.WARNING, "competency declared but never scored")
    CS310 = (Severity.ERROR, "condition syntax error")
    CS311 = (Severity.ERROR, "malformed choice line or effect")
    CS312 = (Severity.ERROR, "scenario start node missing or unknown")
    CS313 = (Severity.WARNING, "scenario has no passing ending")
    CS314 = (Severity.WARNING, "scenario state search stopped at a limit; says what is unchecked")
    CS315 = (Severity.ERROR, "flag read by a condition is never set")
    CS316 = (Severity.WARNING, "a score rises on a loop the learner can repeat")
    # interface strings and theme (CS320-CS339)
    CS320 = (Severity.WARNING, "region whose language has no interface catalog (English UI)")
    CS321 = (Severity.ERROR, "unknown interface string key in a 'ui:' section")
    CS322 = (Severity.ERROR, "malformed interface string (not text, or wrong plural forms)")
    CS323 = (Severity.ERROR, "interface string with a placeholder the theme does not fill")
    CS324 = (Severity.WARNING, "interface string leaves out a placeholder of the source")
    CS325 = (Severity.ERROR, "theme colour pair below WCAG AA contrast (4.5:1 text, 3:1 UI)")
    CS326 = (Severity.ERROR, "invalid theme option (colour, font stack, a logo that is no image)")
    # media, links, html (CS4xx)
    CS401 = (Severity.ERROR, "referenced media file not found")
    CS402 = (Severity.ERROR, "broken internal link")
    CS403 = (Severity.WARNING, "image has no alt text")
    CS404 = (Severity.WARNING, "raw HTML is disabled and was escaped")
    CS405 = (Severity.ERROR, "path leaves the course folder (lesson, media, logo, theme, region)")
    CS406 = (Severity.ERROR, "theme template refused by the sandbox (unsafe attribute or call)")
    CS410 = (Severity.ERROR, "two media files would get the same name in the package")
    CS411 = (Severity.ERROR, "control character that XML cannot hold (in a title, text or value)")
    # targets and limits (CS5xx)
    CS501 = (Severity.ERROR, "worst-case resume state exceeds the target's suspend_data limit")
    CS502 = (Severity.ERROR, "unknown target")
    CS503 = (Severity.ERROR, "too many choices for the target's response format")
    CS504 = (Severity.ERROR, "theme not found or invalid")
    CS505 = (Severity.ERROR, "manifest rule violated")
    CS506 = (Severity.ERROR, "output folder unusable (a file, read-only, or not creatable)")
    CS507 = (Severity.ERROR, "writing the output failed (disk full, I/O error); nothing changed")
    CS508 = (Severity.ERROR, "SOURCE_DATE_EPOCH is not an integer")
    CS509 = (Severity.ERROR, "two courses of a catalog have the same id and output folder")
    # regions and localization (CS600-CS629)
    CS601 = (Severity.WARNING, "translation missing in a region (error with --strict)")
    CS602 = (Severity.WARNING, "region file key matching nothing in the source (extra/obsolete)")
    CS603 = (Severity.WARNING, "stale translation: the source segment changed after translation")
    CS604 = (Severity.ERROR, "placeholder mismatch: a {{value}} or a link missing or added")
    CS605 = (Severity.WARNING, "markup differs from the source (emphasis, strong, code)")
    CS606 = (Severity.ERROR, "translation would change correct answers or choice targets")
    CS607 = (Severity.ERROR, "invalid region tag (not BCP 47, or unknown to Babel)")
    CS608 = (Severity.ERROR, "unknown regional value name")
    CS609 = (Severity.ERROR, "regional value cannot be formatted for the region")
    CS610 = (Severity.ERROR, "block override breaks the block's contract")
    CS611 = (Severity.ERROR, "override of an unknown or unsupported block")
    CS612 = (Severity.ERROR, "malformed region file")
    CS613 = (Severity.ERROR, "bad fallback chain (unknown region or a cycle)")
    CS614 = (Severity.ERROR, "region has no region file")
    CS615 = (Severity.WARNING, "stale override: the source block changed after it was adapted")
    CS630 = (Severity.ERROR, "numeric answer names a regional value that is not a number")
    # xAPI and cmi5 (CS700-CS719)
    CS700 = (Severity.ERROR, "static credential or secret in a course file")
    CS701 = (Severity.ERROR, "xapi.base_iri missing (the xapi and cmi5 targets need it)")
    CS702 = (Severity.ERROR, "static credential or secret in a package file (no source holds it)")
    # coursec report (CS800-CS819)
    CS800 = (Severity.ERROR, "statement file cannot be read (missing, a folder, not UTF-8)")
    CS801 = (Severity.ERROR, "statement file is not a JSON array of statements nor NDJSON")
    CS802 = (Severity.WARNING, "statements name activity ids the course does not have")
    CS803 = (Severity.ERROR, "the LRS refused or failed a request, or cannot be reached")
    CS804 = (Severity.ERROR, "no LRS credentials (environment variables or a terminal prompt)")
    CS805 = (Severity.ERROR, "coursec report needs its optional packages (coursec[report])")
    CS806 = (Severity.ERROR, "--since is not an ISO 8601 date or date-time")
    CS807 = (Severity.WARNING, "no statements of this course in the sources")
    CS808 = (Severity.ERROR, "the report's database (DuckDB or ClickHouse) failed a query")
    CS809 = (Severity.ERROR, "report output folder cannot be written")
    # releases and learner impact (CS900-CS919)
    CS900 = (Severity.WARNING, "layout changed since the last recorded release (record a new one)")
    CS901 = (Severity.ERROR, "update resets every learner's progress (nothing of the release kept)")
    CS902 = (Severity.ERROR, "lesson id changed: every learner's progress in it is reset")
    CS903 = (Severity.WARNING, "question reset for learners who answered it (answer key changed)")
    CS904 = (Severity.WARNING, "scenario restarts for learners in it (its graph changed)")
    CS905 = (Severity.WARNING, "assessment attempts and scores reset (its pool changed)")
    CS906 = (Severity.ERROR, "release file unreadable, or no such release")
    CS907 = (Severity.ERROR, "release version recorded already with another layout")

    @property
    def severity(self) -> Severity:
        return self.value[0]

    @property
    def meaning(self) -> str:
        return str(self.value[1])


@dataclass(frozen=True, order=True)
class Span:
    """A place in a source file: 1-based line and column; ``length`` columns are underlined."""

    path: str
    line: int = 0
    col: int = 0
    length: int = 1

    def at(self, line_offset: int, col: int = 1, length: int = 1) -> Span:
        """A span ``line_offset`` lines below this one (for positions inside a block)."""
        return Span(self.path, self.line + line_offset, col, length)


@dataclass(frozen=True)
class Diagnostic:
    code: Code
    severity: Severity
    span: Span
    message: str
    help: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.span.path, self.span.line, self.span.col, self.code.name)


@dataclass
class Reporter:
    """Collects diagnostics from every stage; ``strict`` turns warnings into errors."""

    strict: bool = False
    verbose: bool = False  # long lists item by item (CS601 per text) instead of a summary
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def report(
        self,
        code: Code,
        span: Span,
        message: str,
        help: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        sev = severity or code.severity
        if self.strict and sev is Severity.WARNING:
            sev = Severity.ERROR
        self.diagnostics.append(Diagnostic(code, sev, span, message, help))

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def sorted(self) -> list[Diagnostic]:
        """Every diagnostic once (also those added to ``diagnostics`` directly), in order."""
        unique = {(d.sort_key(), d.message): d for d in self.diagnostics}
        return [unique[k] for k in sorted(unique)]

    def counts(self) -> tuple[int, int]:
        """(errors, warnings) as printed: a problem reported twice (once per region, say) is
        shown once and counted once."""
        shown = self.sorted()
        errors = sum(d.severity is Severity.ERROR for d in shown)
        return errors, len(shown) - errors


def display_path(path: Path) -> str:
    """The path as diagnostics show it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def key_span(root: Path, key: str) -> Span:
    """The span of the top-level ``key:`` in course.yaml (line 1 when it is not there)."""
    path = root / "course.yaml"
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((i for i, text in enumerate(lines) if text.startswith(f"{key}:")), -1)
    return Span(display_path(path), line + 1, 1, len(key)) if line >= 0 else Span(
        display_path(path), 1, 1
    )


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """``"did you mean 'x'?"`` for the closest candidate, or None."""
    import difflib  # only when something is misspelt

    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else None


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def format_diagnostic(diag: Diagnostic, root: Path | None = None) -> str:
    """Render one diagnostic with its source line and a caret, as rustc and mypy do."""
    span = diag.span
    where = span.path
    if span.line:
        where += f":{span.line}"
        if span.col:
            where += f":{span.col}"
    lines = [f"{where}: {diag.severity.value}[{diag.code.name}]: {diag.message}"]
    source = _source_line(span, root)
    if source is not None:
        gutter = " " * len(str(span.line))
        lines.append(f" {span.line} | {source}")
        if span.col:
            caret = "^" + "~" * max(0, span.length - 1)
            lines.append(f" {gutter} | {' ' * (span.col - 1)}{caret}")
    if diag.help:
        lines.append(f"  help: {diag.help}")
    return "\n".join(lines)


def _source_line(span: Span, root: Path | None) -> str | None:
    if span.line <= 0:
        return None
    path = Path(span.path)
    if root is not None and not path.is_absolute():
        path = root / path
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # CS006: show the line as Windows-1252 would
        text = data.decode("cp1252", errors="replace")
    all_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if span.line > len(all_lines):
        return None
    # a control character is shown as U+FFFD (one column), never sent to the terminal
    return _CONTROL.sub("\ufffd", all_lines[span.line - 1].replace("\t", " "))
