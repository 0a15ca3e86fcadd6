"""``coursec release`` and ``coursec diff``: running and printing (the
``coursec.commands.release``/``.diff`` modules define their arguments).

In:  parsed command-line arguments.
Out: exit codes: 0 done, 1 the course has errors (printed as diagnostics) or a version cannot be
     opened (a one-line reason), 2 usage. ``release`` prints the path it wrote and the learner
     impact since the previous release; ``diff`` prints the diff (nothing for no change).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursec.diagnostics import Reporter, format_diagnostic
from coursec.model import Course
from coursec.parse import load_course
from coursec.release.diff import diff_courses
from coursec.release.layout import layout
from coursec.release.predict import predict
from coursec.release.record import latest_release, record_release
from coursec.release.regional import regional_changes
from coursec.release.report import diff_json, diff_markdown, diff_text, impact_lines
from coursec.release.source import VersionError, open_version


def _load(root: Path) -> Course | None:
    reporter = Reporter()
    course = load_course(root, reporter)
    if course is None or reporter.has_errors:
        for diag in reporter.sorted():
            print(format_diagnostic(diag), file=sys.stderr)
        return None
    return course


def run_release(args: argparse.Namespace) -> int:
    course = _load(args.course)
    if course is None:
        return 1
    version = args.release or course.config.version
    reporter = Reporter()
    previous = latest_release(course.root, reporter)
    current = layout(course)
    path = record_release(course.root, version, current, reporter)
    for diag in reporter.sorted():
        print(format_diagnostic(diag), file=sys.stderr)
    if path is None:
        return 1
    print(path)
    if previous is not None and previous.version != version:
        print(f"since release {previous.version}:")
        for line in impact_lines(predict(previous.layout, current)):
            print(f"  {line}")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    new_spec = args.new if args.new is not None else str(args.course)
    try:
        with open_version(args.old, args.course) as old_root, \
                open_version(new_spec, args.course) as new_root:
            old, new = _load(old_root), _load(new_root)
            if old is None or new is None:
                return 1
            regional, stale = regional_changes(old, new)
            diff = diff_courses(old, new, stale, regional)
    except VersionError as exc:
        print(f"coursec: {exc}", file=sys.stderr)
        return 1
    labels = (args.old, args.new or "working tree")
    show = {"text": diff_text, "markdown": diff_markdown, "json": diff_json}[args.format]
    sys.stdout.write(show(diff, *labels))
    return 0
