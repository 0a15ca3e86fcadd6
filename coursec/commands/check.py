"""``coursec check``: every diagnostic of a build, without writing anything.

In:  the course folder, ``--target``, ``--strict``, ``--verbose``, ``--region``, and
     ``--scenarios`` (with ``--json``) for the scenario report.
Out: the diagnostics on stderr (``no problems found`` when there are none); the scenario
     report on stdout. Exit codes: 0 no errors, 1 the course has errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coursec.commands.arguments import VERBOSE_HELP, csv, target_list


def add_parser(sub: Any) -> None:
    check_p = sub.add_parser("check", help="report every diagnostic without writing anything")
    check_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    check_p.add_argument(
        "--target", type=target_list, default=None, help="comma-separated targets to check for"
    )
    check_p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_p.add_argument("--verbose", action="store_true", help=VERBOSE_HELP)
    check_p.add_argument(
        "--scenarios", action="store_true", help="print the scenario report (paths, scores)"
    )
    check_p.add_argument("--json", action="store_true", help="with --scenarios: JSON output")
    check_p.add_argument("--region", type=csv, default=None, help="regions to check")
    check_p.add_argument("--since", default=None, help="report the learner impact since release X")


def run(args: argparse.Namespace) -> int:
    from coursec.build import BuildOptions, build, load_and_check  # only when it runs
    from coursec.check.scenario import check_scenarios
    from coursec.commands.console import print_diagnostics
    from coursec.diagnostics import Reporter
    from coursec.model import Course
    from coursec.release.guard import release_warnings, since_diagnostics

    reporter = Reporter(strict=args.strict, verbose=args.verbose)
    options = BuildOptions(course_dir=args.course, targets=args.target, regions=args.region)
    release_warnings(args.course, reporter)  # CS900: layout changed since the last release
    courses: list[Course] = []  # the checked course, for --scenarios (read once)
    build(options, reporter, write=False, on_checked=courses.append)  # all stages but writing
    if args.since:  # the learner impact since a recorded release (CS901-CS906)
        since_diagnostics(args.course, args.since, reporter)
    print_diagnostics(reporter)
    if args.scenarios and not courses:  # it had errors: read it for the report all the same
        checked = load_and_check(options, Reporter())
        courses = [checked[0]] if checked is not None else []
    if args.scenarios and courses:
        from coursec.report import reports_json, reports_text  # rich: only for this report

        reports = check_scenarios(courses[0], Reporter())
        print(reports_json(reports) if args.json else reports_text(reports), end="")
    if reporter.has_errors:
        return 1
    if not reporter.diagnostics:
        print("no problems found", file=sys.stderr)
    return 0
