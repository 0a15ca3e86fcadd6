"""``coursec build``: check each course and write its packages.

In:  course folders (one or more: ``coursec build courses/*``; default: the working
     directory), ``--target``, ``--edition``, ``--out``, ``--strict``, ``--quiet``,
     ``--verbose``, ``--region``, ``--jobs`` (worker processes; default: the CPU count),
     ``--no-cache`` (build even when the output folder's cache holds the build).
Out: the path of every zip written, one a line, on stdout, in the order the courses were given;
     the diagnostics and the progress display on stderr (the same whatever ``--jobs`` is).
     Exit codes: 0 every course written, 1 a course has errors (nothing of that course was
     written; the other courses were: ``coursec.catalog``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursec.commands.arguments import EDITIONS, VERBOSE_HELP, csv, target_list

if TYPE_CHECKING:
    from coursec.diagnostics import Reporter


def add_parser(sub: Any) -> None:
    build_p = sub.add_parser("build", help="check the courses and write their packages")
    build_p.add_argument(
        "course", nargs="*", default=[Path(".")], type=Path,
        help="course folders (default: the working directory)",
    )
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
    build_p.add_argument(
        "--jobs", "-j", type=_jobs, default=None,
        help="courses built at once, in worker processes (default: the CPU count)",
    )
    build_p.add_argument(
        "--no-cache", dest="cache", action="store_false",
        help="build every course, even those whose inputs did not change",
    )


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more): {value!r}")
    return int(value)


def release_check(course_dir: Path, reporter: Reporter) -> None:
    """CS900: the layout changed since the last release (before a course is built; imported
    here, where a course is really built, not for a course the cache holds)."""
    from coursec.release.guard import release_warnings

    release_warnings(course_dir, reporter)


def run(args: argparse.Namespace) -> int:
    from coursec.build_options import BuildOptions  # what a build needs: only when it runs
    from coursec.catalog import build_catalog, unique
    from coursec.commands.console import print_diagnostics
    from coursec.diagnostics import Reporter
    from coursec.progress import build_progress

    courses = unique([
        BuildOptions(
            course_dir=course,
            targets=args.target,
            edition=args.edition,
            out_dir=args.out,
            strict=args.strict,
            regions=args.region,
            cache=args.cache,
        )
        for course in args.course
    ])
    with build_progress(quiet=args.quiet) as say:
        results = build_catalog(courses, args.strict, args.verbose, args.jobs,
                                preflight=release_check, progress=say)
    everything = Reporter(strict=args.strict, verbose=args.verbose)
    for result in results:
        everything.diagnostics.extend(result.diagnostics)
    print_diagnostics(everything)
    failed = [result for result in results if not result.packages]
    for result in failed:
        where = f" for {result.options.course_dir}" if len(results) > 1 else ""
        print(f"build failed{where}: nothing{' of it' if where else ''} was written",
              file=sys.stderr)
    for result in results:
        for package in result.packages:
            print(package.zip_path)
    return 1 if failed else 0
