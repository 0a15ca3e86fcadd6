"""Command line: argument parsing and exit codes only.

Exit codes: 0 success, 1 the course has errors (all printed, sorted by file and line),
2 usage errors (argparse's own convention: an unknown option, an unknown ``--target`` name with
the list of targets), 141 (128 + SIGPIPE, as shell tools) when the reader of stdout went away
(``coursec codes | head``): no traceback, the rest of the output is dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from coursec import __version__
from coursec.build import BuildOptions, build, load_and_check
from coursec.check.scenario import check_scenarios
from coursec.config import CourseConfig
from coursec.diagnostics import Code, Reporter, did_you_mean, format_diagnostic
from coursec.localize import commands as l10n
from coursec.new import create_course
from coursec.progress import build_progress
from coursec.release import commands as release
from coursec.targets import TARGET_NAMES

EXIT_BROKEN_PIPE = 141
VERBOSE_HELP = "list every untranslated text (CS601) instead of one line per region"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    extra = l10n.adopt_course(args, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command is None:
        parser.print_help()
        return 2
    handler = {
        "build": _build,
        "check": _check,
        "new": _new,
        "schema": _schema,
        "graph": _graph,
        "codes": _codes,
        "l10n": l10n.run,
        "preview": _preview,
        "release": release.run_release,
        "diff": release.run_diff,
    }[args.command]
    try:
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (tests capture it): nothing to flush
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursec", description="Compile Markdown courses into SCORM and web packages."
    )
    parser.add_argument("--version", action="version", version=f"coursec {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build_p = sub.add_parser("build", help="check the course and write its packages")
    build_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    build_p.add_argument(
        "--target",
        type=_target_list,
        default=None,
        help="comma-separated targets (scorm12,scorm2004,web); default: course.yaml's",
    )
    build_p.add_argument("--edition", type=int, choices=(3, 4), help="SCORM 2004 edition")
    build_p.add_argument("--out", type=Path, default=None, help="output folder (default build/)")
    build_p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_p.add_argument("--quiet", action="store_true", help="print diagnostics only")
    build_p.add_argument("--verbose", action="store_true", help=VERBOSE_HELP)
    build_p.add_argument(
        "--region",
        type=_csv,
        default=None,
        help="comma-separated regions (e.g. de-DE,es-MX); default: the source language and "
        "every region in course.yaml",
    )

    check_p = sub.add_parser("check", help="report every diagnostic without writing anything")
    check_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    check_p.add_argument(
        "--target", type=_target_list, default=None, help="comma-separated targets to check for"
    )
    check_p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_p.add_argument("--verbose", action="store_true", help=VERBOSE_HELP)
    check_p.add_argument(
        "--scenarios", action="store_true", help="print the scenario report (paths, scores)"
    )
    check_p.add_argument("--json", action="store_true", help="with --scenarios: JSON output")
    check_p.add_argument("--region", type=_csv, default=None, help="regions to check")
    check_p.add_argument("--since", default=None, help="report the learner impact since release X")
    l10n.add_parser(sub)
    release.add_parsers(sub)

    graph_p = sub.add_parser("graph", help="draw scenario graphs (SVG or DOT)")
    graph_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    graph_p.add_argument("--scenario", default=None, help="only this scenario id")
    graph_p.add_argument("--format", choices=("svg", "dot"), default="svg")
    graph_p.add_argument(
        "--out", type=Path, default=None, help="folder for <scenario>.<format> (default: stdout)"
    )

    new_p = sub.add_parser("new", help="create a new course folder that builds as it is")
    new_p.add_argument("name", type=Path, help="folder to create; its name becomes the id")
    new_p.add_argument("--title", default=None, help="course title")

    preview_p = sub.add_parser(
        "preview", help="serve the course with an LMS panel on 127.0.0.1, rebuilding on save"
    )
    preview_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    preview_p.add_argument("--region", default=None, help="region to show first")
    preview_p.add_argument(
        "--target",
        type=_target,
        default=None,
        help="target to show first (default: course.yaml's first)",
    )
    preview_p.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0: any free port)"
    )
    preview_p.add_argument("--open", action="store_true", help="open the preview in a browser")
    preview_p.add_argument("--edition", type=int, choices=(3, 4), help="SCORM 2004 edition")
    preview_p.add_argument("--strict", action="store_true", help="treat warnings as errors")

    sub.add_parser("schema", help="print the JSON Schema of course.yaml")
    sub.add_parser("codes", help="print the table of diagnostic codes (Markdown)")
    return parser


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _target(name: str) -> str:
    """A target name given on the command line; an unknown one is a usage error (exit 2)."""
    if name not in TARGET_NAMES:
        hint = did_you_mean(name, TARGET_NAMES)
        raise argparse.ArgumentTypeError(
            f"unknown target '{name}'{f' ({hint})' if hint else ''}; "
            f"targets: {', '.join(TARGET_NAMES)}"
        )
    return name


def _target_list(value: str) -> list[str]:
    return [_target(name) for name in _csv(value)]


def _print_diagnostics(reporter: Reporter) -> None:
    for diag in reporter.sorted():
        print(format_diagnostic(diag), file=sys.stderr)
    errors, warnings = reporter.counts()
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    reporter = Reporter(strict=args.strict, verbose=args.verbose)
    options = BuildOptions(
        course_dir=args.course,
        targets=args.target,
        edition=args.edition,
        out_dir=args.out,
        strict=args.strict,
        regions=args.region,
    )
    with build_progress(quiet=args.quiet) as say:
        packages = build(options, reporter, progress=say)
    _print_diagnostics(reporter)
    if not packages:
        print("build failed: nothing was written", file=sys.stderr)
        return 1
    for package in packages:
        print(package.zip_path)
    return 0


def _check(args: argparse.Namespace) -> int:
    reporter = Reporter(strict=args.strict, verbose=args.verbose)
    options = BuildOptions(course_dir=args.course, targets=args.target, regions=args.region)
    build(options, reporter, write=False)  # every stage of build but writing
    if args.since:
        release.since_diagnostics(args.course, args.since, reporter)
    _print_diagnostics(reporter)
    checked = load_and_check(options, Reporter()) if args.scenarios else None
    if checked is not None:
        from coursec.report import reports_json, reports_text  # rich: only for this report

        reports = check_scenarios(checked[0], Reporter())
        print(reports_json(reports) if args.json else reports_text(reports), end="")
    if reporter.has_errors:
        return 1
    if not reporter.diagnostics:
        print("no problems found", file=sys.stderr)
    return 0


def _graph(args: argparse.Namespace) -> int:
    from coursec import graph  # graphviz: only for this command
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=args.course, targets=["web"]), reporter)
    if checked is None:
        _print_diagnostics(reporter)
        return 1
    scenarios = [s for s in checked[0].scenarios() if args.scenario in (None, s.id)]
    if not scenarios:
        known = ", ".join(s.id for s in checked[0].scenarios()) or "none"
        print(f"coursec: no scenario '{args.scenario}' (scenarios: {known})", file=sys.stderr)
        return 1
    try:
        pictures = {s.id: graph.render(s, args.format) for s in scenarios}
    except graph.GraphError as exc:
        print(f"coursec: {exc}", file=sys.stderr)
        return 1
    for scenario_id, data in pictures.items():
        if args.out is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{scenario_id}.{args.format}").write_bytes(data)
            print(args.out / f"{scenario_id}.{args.format}")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from coursec.preview import PreviewOptions, run  # the server and watcher load only here

    options = PreviewOptions(
        course_dir=args.course,
        region=args.region,
        target=args.target,
        port=args.port,
        open_browser=args.open,
        strict=args.strict,
        edition=args.edition,
    )
    return run(options)


def _new(args: argparse.Namespace) -> int:
    reporter = Reporter()
    create_course(args.name, args.title, reporter)
    _print_diagnostics(reporter)
    if reporter.has_errors:
        return 1
    print(f"created {args.name}; next: coursec build {args.name}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(CourseConfig.model_json_schema(), indent=2, sort_keys=True))
    return 0


def _codes(args: argparse.Namespace) -> int:
    print("| code | severity | meaning |\n| --- | --- | --- |")
    for code in Code:
        print(f"| {code.name} | {code.severity.value} | {code.meaning} |")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
