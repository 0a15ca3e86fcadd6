"""course.yaml: read, validate with the pydantic model, find the lesson files.

In:  the course folder.
Out: ``CourseConfig`` and the ordered lesson paths. Reported: CS004 (no course.yaml, listed
     lesson missing), CS001 (YAML syntax), CS002 (unknown key, with did-you-mean), CS003 (wrong
     type or value), CS005 (no lessons), CS006 (not UTF-8), CS405 (course.yaml or a lesson
     resolves outside the course folder).
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from coursec.config import CourseConfig
from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.diagnostics import display_path as display_path  # used here and imported from here
from coursec.diagnostics import key_span as key_span  # likewise
from coursec.parse.confine import confine
from coursec.parse.control import check_file_text
from coursec.parse.yamlsrc import Locator, load_yaml


def read_text(path: Path, reporter: Reporter) -> str | None:
    """The file as text with ``\n`` line ends and without a byte order mark (Windows Notepad
    writes one; it would hide the front matter). CS006 when it is not UTF-8, at the bad byte;
    CS411 for control characters XML cannot hold (``coursec.parse.control``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reporter.report(Code.CS004, Span(display_path(path)), f"cannot read file: {exc.strerror}")
        return None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _not_utf8(path, data, exc.start, reporter)
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return check_file_text(text, display_path(path), reporter)


def _not_utf8(path: Path, data: bytes, start: int, reporter: Reporter) -> None:
    line_start = max(data.rfind(b"\n", 0, start), data.rfind(b"\r", 0, start)) + 1
    line = data.count(b"\n", 0, start) + 1 if b"\n" in data else data.count(b"\r", 0, start) + 1
    col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    try:
        data.decode("cp1252")
        guess = "it looks like Windows-1252 (what Windows calls 'ANSI')"
    except UnicodeDecodeError:
        guess = "it is in another encoding"
    reporter.report(
        Code.CS006,
        Span(display_path(path), line, col),
        f"not UTF-8 text: byte 0x{data[start]:02X} here is not UTF-8; {guess}",
        help="save the file as UTF-8: in Notepad, File > Save As > Encoding: UTF-8; in VS Code, "
        "click the encoding in the status bar > Save with Encoding > UTF-8",
    )


def report_validation(
    exc: ValidationError, model: type[BaseModel], locator: Locator, reporter: Reporter
) -> None:
    """Turn pydantic errors into CS002/CS003 diagnostics at the offending key."""
    for err in exc.errors():
        loc = [part for part in err["loc"] if isinstance(part, str | int)]
        dotted = ".".join(str(p) for p in loc) or "(top level)"
        if err["type"] == "extra_forbidden":
            known = _known_keys(model, loc[:-1])
            hint = did_you_mean(str(loc[-1]), known) if loc else None
            reporter.report(
                Code.CS002,
                locator.span(loc),
                f"unknown key '{dotted}'",
                help=hint or (f"known keys: {', '.join(sorted(known))}" if known else None),
            )
        elif err["type"] == "missing":
            reporter.report(Code.CS003, locator.span(loc[:-1]), f"missing required key '{dotted}'")
        else:
            message = str(err["msg"]).removeprefix("Value error, ")
            reporter.report(
                Code.CS003, locator.value_span(loc), f"invalid value for '{dotted}': {message}"
            )


def _known_keys(model: type[BaseModel], loc: list[str | int]) -> list[str]:
    current: Any = model
    for part in loc:
        field = getattr(current, "model_fields", {}).get(part) if isinstance(part, str) else None
        if field is None:
            return []
        current = field.annotation
    return list(getattr(current, "model_fields", {}))


def load_config(root: Path, reporter: Reporter) -> CourseConfig | None:
    path = root / "course.yaml"
    shown = Span(display_path(path))
    if path.is_file() and confine(root, path, "course.yaml", shown, reporter) is None:
        return None
    if not path.is_file():
        reporter.report(
            Code.CS004,
            Span(display_path(path)),
            f"no course.yaml in {display_path(root)}",
            help="run `coursec new NAME` to create a course, or pass the course folder",
        )
        return None
    text = read_text(path, reporter)
    if text is None:
        return None
    data, locator = load_yaml(text, display_path(path), reporter)
    if data is None and locator.root is None and reporter.has_errors:
        return None
    if not isinstance(data, dict):
        reporter.report(Code.CS003, Span(display_path(path), 1, 1), "course.yaml must be a mapping")
        return None
    try:
        return CourseConfig.model_validate(data)
    except ValidationError as exc:
        report_validation(exc, CourseConfig, locator, reporter)
        return None


def lesson_paths(root: Path, config: CourseConfig, reporter: Reporter) -> list[Path]:
    """The lesson files: course.yaml's ``lessons:`` (relative to ``lessons/``) or every
    ``lessons/*.md``; CS405 for one that resolves outside the course folder (an absolute path,
    ``..``, a symlinked file or a symlinked ``lessons/``)."""
    lessons_dir = root / "lessons"
    if config.lessons is not None:
        config_path = display_path(root / "course.yaml")
        config_lines = (root / "course.yaml").read_text(encoding="utf-8-sig").split("\n")
        paths = []
        for name in config.lessons:
            path = lessons_dir / name
            line = next((i for i, text in enumerate(config_lines) if name in text), -1)
            col = config_lines[line].find(name) + 1 if line >= 0 else 0
            span = Span(config_path, line + 1, col, len(name))
            if confine(root, path, name, span, reporter) is None:
                continue
            if path.is_file():
                paths.append(path)
                continue
            existing = [p.name for p in lessons_dir.glob("*.md")] if lessons_dir.is_dir() else []
            reporter.report(
                Code.CS004,
                span,
                f"lesson file not found: lessons/{name}",
                help=did_you_mean(name, existing),
            )
    else:
        found = sorted(lessons_dir.glob("*.md")) if lessons_dir.is_dir() else []
        paths = [
            path
            for path in found
            if confine(
                root, path, path.relative_to(root).as_posix(), Span(display_path(path)), reporter
            )
        ]
    if not paths and not reporter.has_errors:
        reporter.report(
            Code.CS005, Span(display_path(lessons_dir)), "the course has no lessons (lessons/*.md)"
        )
    return paths
