"""course.yaml: read, validate with the pydantic model, find the lesson files.

In:  the course folder.
Out: ``CourseConfig`` and the ordered lesson paths. Reported: CS004 (no course.yaml, listed
     lesson missing), CS001 (YAML syntax), CS002 (unknown key, with did-you-mean), CS003 (wrong
     type or value), CS005 (no lessons), CS006 (not UTF-8).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from coursec.config import CourseConfig
from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.parse.yamlsrc import Locator, load_yaml


def display_path(path: Path) -> str:
    """The path as diagnostics show it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path, reporter: Reporter) -> str | None:
    try:
        return path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        reporter.report(
            Code.CS006, Span(display_path(path), 1, 1), f"not UTF-8 text (byte {exc.start})"
        )
    except OSError as exc:
        reporter.report(Code.CS004, Span(display_path(path)), f"cannot read file: {exc.strerror}")
    return None


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
            reporter.report(
                Code.CS003, locator.value_span(loc), f"invalid value for '{dotted}': {err['msg']}"
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
    lessons_dir = root / "lessons"
    if config.lessons is not None:
        config_path = display_path(root / "course.yaml")
        config_lines = (root / "course.yaml").read_text(encoding="utf-8").split("\n")
        paths = []
        for name in config.lessons:
            path = lessons_dir / name
            if path.is_file():
                paths.append(path)
                continue
            line = next((i for i, text in enumerate(config_lines) if name in text), -1)
            col = config_lines[line].find(name) + 1 if line >= 0 else 0
            existing = [p.name for p in lessons_dir.glob("*.md")] if lessons_dir.is_dir() else []
            reporter.report(
                Code.CS004,
                Span(config_path, line + 1, col, len(name)),
                f"lesson file not found: lessons/{name}",
                help=did_you_mean(name, existing),
            )
    else:
        paths = sorted(lessons_dir.glob("*.md")) if lessons_dir.is_dir() else []
    if not paths and not reporter.has_errors:
        reporter.report(
            Code.CS005, Span(display_path(lessons_dir)), "the course has no lessons (lessons/*.md)"
        )
    return paths
