"""``coursec report``: what learners did, from statements back onto the course source.

In:  ``coursec report [COURSE] (--statements FILE... | --lrs ENDPOINT | --clickhouse URL)
     [--since DATE] [--region R] [--out DIR] [--format html,csv,json]``.
Out: the report in ``--out`` (default ``report/``; see ``write``), a short summary on stdout,
     diagnostics on stderr; exit 0, or 1 when an error was reported.
Reported: the course's own errors (it must load), CS800-CS809 (``coursec codes``); never a
     traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coursec.diagnostics import Code, Reporter, Span, format_diagnostic

NEEDS = ("duckdb", "matplotlib", "scipy")
INSTALL = "pip install 'coursec[report]'"


def add_parser(sub: Any) -> None:
    p = sub.add_parser("report", help="report what learners did (from xAPI statements)")
    p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--statements", nargs="+", type=Path, metavar="FILE",
                     help="exported statements (JSON array or NDJSON)")
    src.add_argument("--lrs", metavar="ENDPOINT", help="an LRS's xAPI endpoint (credentials: "
                     "COURSEC_LRS_USER/COURSEC_LRS_PASSWORD or COURSEC_LRS_AUTH, else asked)")
    src.add_argument("--clickhouse", metavar="URL", help="a ClickHouse server holding the "
                     "statements (queries run there)")
    p.add_argument("--clickhouse-table", default="xapi_events_all",
                   help="table of the statements (default: Ralph's xapi_events_all)")
    p.add_argument("--clickhouse-column", default="event_str",
                   help="its column holding each statement's JSON text (default event_str)")
    p.add_argument("--lrs-all", action="store_true", help="do not ask the LRS to filter by "
                   "the course activity (for an LRS whose activity filter is broken)")
    p.add_argument("--since", default=None, help="only statements from this date-time on")
    p.add_argument("--region", default=None, help="only learners of this region (e.g. de-DE)")
    p.add_argument("--out", type=Path, default=Path("report"), help="output folder")
    p.add_argument("--format", default="html,csv,json", help="html, csv, json (comma-separated)")


def _print(reporter: Reporter) -> None:
    for diag in reporter.sorted():
        print(format_diagnostic(diag), file=sys.stderr)


def _since(text: str | None, reporter: Reporter) -> tuple[int | None, bool]:
    if text is None:
        return None, True
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        reporter.report(Code.CS806, Span("--since"), f"'{text}' is not a date or date-time",
                        help="e.g. --since 2026-11-01 or --since 2026-11-01T08:00:00Z")
        return None, False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp() * 1000), True


def run(args: argparse.Namespace) -> int:
    reporter = Reporter()
    code = _run(args, reporter)
    _print(reporter)
    return 1 if code or reporter.has_errors else 0


def _missing(names: tuple[str, ...]) -> list[str]:
    return [n for n in names if importlib.util.find_spec(n) is None]


def _run(args: argparse.Namespace, reporter: Reporter) -> int:
    needs = NEEDS + (("clickhouse_connect",) if args.clickhouse else ())
    missing = _missing(needs)
    if missing:
        reporter.report(Code.CS805, Span("coursec report"),
                        f"missing Python packages: {', '.join(missing)}", help=INSTALL)
        return 1
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    from coursec.report.write import FORMATS

    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        print(f"coursec report: unknown --format {', '.join(bad) or '(none)'}; formats: "
              f"{', '.join(FORMATS)}", file=sys.stderr)
        return 2
    since_ms, ok = _since(args.since, reporter)
    if not ok:
        return 1
    from coursec.build import BuildOptions, load_and_check
    from coursec.report.course_map import course_map

    course_reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=args.course), course_reporter)
    if checked is None or course_reporter.has_errors:
        reporter.diagnostics.extend(d for d in course_reporter.diagnostics
                                    if d.severity.value == "error")
        print("coursec report: the course has errors (coursec check shows them all)",
              file=sys.stderr)
        return 1
    cmap = course_map(checked[0])
    tmp = Path(tempfile.mkdtemp(prefix="coursec-report-"))
    try:
        return _report(args, cmap, since_ms, formats, tmp, reporter)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _report(args: argparse.Namespace, cmap: Any, since_ms: int | None, formats: list[str],
            tmp: Path, reporter: Reporter) -> int:
    from coursec.report import lrs, sources
    from coursec.report.engine import ClickHouseEngine, DuckEngine, Engine, EngineError
    from coursec.report.figures import compute
    from coursec.report.write import summary, write

    files: list[tuple[Path, str]] = []
    engine: Engine
    if args.clickhouse:
        try:
            engine = ClickHouseEngine.server(args.clickhouse, args.clickhouse_table,
                                             args.clickhouse_column)
        except EngineError as exc:
            reporter.report(Code.CS808, Span("--clickhouse"), str(exc))
            return 1
    else:
        if args.lrs:
            since = None
            if since_ms is not None:
                since = datetime.fromtimestamp(since_ms / 1000, UTC).isoformat()
            got = lrs.fetch(args.lrs, cmap.course_iri, since, tmp / "lrs.ndjson", reporter,
                            filter_activity=not args.lrs_all)
            if got is None:
                return 1
            files = [(tmp / "lrs.ndjson", sources.NDJSON)] if got else []
        else:
            files = sources.detect(list(args.statements), reporter)
            if reporter.has_errors:
                return 1
        if not files:
            reporter.report(Code.CS807, Span(args.lrs or "--statements"), "no statements")
            return 0
        engine = DuckEngine(files)
    try:
        engine.prepare(cmap.course_iri, since_ms)
        report = compute(engine, cmap, args.region)
    except EngineError as exc:
        if not any(sources.locate_error(p, fmt, reporter) for p, fmt in files):
            reporter.report(Code.CS808, Span(args.clickhouse or "statements"), str(exc))
        return 1
    if report.unknown:
        top = sorted(report.unknown.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        reporter.report(Code.CS802, Span(str(args.course)),
                        f"{sum(report.unknown.values())} statements name "
                        f"{len(report.unknown)} activity ids this course does not have, e.g. "
                        + ", ".join(f"{k} ({n})" for k, n in top),
                        help="statements of an earlier build with other ids, or of another "
                        "course under the same base IRI (all listed in unknown.json)")
    if report.statements == 0:
        reporter.report(Code.CS807, Span(str(args.course)),
                        f"no statements about {cmap.course_iri} in the sources")
    write(report, cmap, args.out, formats, reporter)
    sys.stdout.write(summary(report))
    return 1 if reporter.has_errors else 0
