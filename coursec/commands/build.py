"""``coursec build``: check the course and write its packages.

In:  the course folder, ``--target``, ``--edition``, ``--out``, ``--strict``, ``--quiet``,
     ``--verbose``, ``--region``.
Out: the path of every zip written, one a line, on stdout; the diagnostics and the progress
     display on stderr. Exit codes: 0 written, 1 the course has errors (nothing was written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coursec.commands.arguments import EDITIONS, VERBOSE_HELP, csv, target_list


def add_parser(sub: Any) -> None:
    build_p = sub.add_parser("build", help="check the course and write its packages")
    build_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    build_p.add_argument(
        "--target",
        type=target_list,
        default=None,
        help="comma-separated targets (scorm12,scorm2004,web); default: course.yaml's",
    )
    build_p.add_argument("--edition", type=int, choices=EDITIONS, help="SCORM 2004 edition")
    build_p.add_argument("--out", type=Path, default=None, help="output folder (default build/)")
    build_p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_p.add_argument("--quiet", action="store_true", help="print diagnostics only")
    build_p.add_argument("--verbose", action="store_true", help=VERBOSE_HELP)
    build_p.add_argument(
        "--region",
        type=csv,
        default=None,
        help="comma-separated regions (e.g. de-DE,es-MX); default: the source language and "
        "every region in course.yaml",
    )


def run(args: argparse.Namespace) -> int:
    from coursec.build import BuildOptions, build  # the pipeline: only when it runs
    from coursec.commands.console import print_diagnostics
    from coursec.diagnostics import Reporter
    from coursec.progress import build_progress
    from coursec.release.commands import release_warnings

    reporter = Reporter(strict=args.strict, verbose=args.verbose)
    options = BuildOptions(
        course_dir=args.course,
        targets=args.target,
        edition=args.edition,
        out_dir=args.out,
        strict=args.strict,
        regions=args.region,
    )
    release_warnings(args.course, reporter)  # CS900: layout changed since the last release
    with build_progress(quiet=args.quiet) as say:
        packages = build(options, reporter, progress=say)
    print_diagnostics(reporter)
    if not packages:
        print("build failed: nothing was written", file=sys.stderr)
        return 1
    for package in packages:
        print(package.zip_path)
    return 0
