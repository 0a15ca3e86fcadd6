"""``coursec l10n``: region files. Argument parsing and exit codes for status, sync, export,
import (the work is done by ``coursec.localize.status``, ``.sync`` and ``.exchange``).

In:  the parsed arguments (course folder, ``--region``, ``--json``, ``--format``, file paths).
Out: status tables on stdout; sync/import summaries on stdout; diagnostics on stderr.
     Exit codes: 0 done, 1 the course or a region file has errors, 2 usage (one region needed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursec.commands.arguments import csv

if TYPE_CHECKING:
    from coursec.diagnostics import Reporter
    from coursec.model import Course

FORMATS = ("xliff", "po")  # coursec.localize.exchange.FORMATS, without importing the libraries


def add_parser(sub: Any) -> None:
    l10n = sub.add_parser("l10n", help="region files: status, sync, export, import")
    actions = l10n.add_subparsers(dest="l10n_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
        p.add_argument("--region", type=csv, default=None, help="comma-separated regions")

    status = actions.add_parser("status", help="regions x (translated, missing, stale, extra)")
    common(status)
    status.add_argument("--json", action="store_true", help="JSON output")
    sync_p = actions.add_parser("sync", help="create or update region files with every key")
    common(sync_p)
    export_p = actions.add_parser("export", help="write a region's strings as XLIFF 2.0 or PO")
    common(export_p)
    export_p.add_argument("--format", choices=FORMATS, default="xliff")
    export_p.add_argument("--out", type=Path, default=None, help="file (default: stdout)")
    import_p = actions.add_parser(
        "import",
        help="read translations from XLIFF 2.0 or PO",
        usage="coursec l10n import FILE --region R [COURSE] (or FILE [COURSE] --region R)",
    )
    import_p.add_argument("file", type=Path, help="the .xlf or .po file")
    common(import_p)
    import_p.add_argument("--format", choices=FORMATS, default=None, help="default: by suffix")


def adopt(args: argparse.Namespace, extra: list[str]) -> list[str]:
    """``l10n import FILE --region R COURSE``: argparse gives FILE's optional neighbour COURSE
    its default before it sees the option, and leaves COURSE over; take it as the course. The
    arguments that are still not understood are returned (a usage error for the caller)."""
    if (
        getattr(args, "l10n_command", None) == "import"
        and args.course == Path(".")
        and len(extra) == 1
        and not extra[0].startswith("-")
    ):
        args.course = Path(extra[0])
        return []
    return extra


def _print(reporter: Reporter) -> None:
    from coursec.diagnostics import format_diagnostic

    for diag in reporter.sorted():
        print(format_diagnostic(diag), file=sys.stderr)


def _course(args: argparse.Namespace, reporter: Reporter) -> Course | None:
    from coursec.build import BuildOptions, load_and_check  # the pipeline: only when it runs

    checked = load_and_check(BuildOptions(course_dir=args.course, targets=["web"]), reporter)
    if checked is None or reporter.has_errors:
        _print(reporter)
        return None
    return checked[0]


def run(args: argparse.Namespace) -> int:
    from coursec.diagnostics import Reporter
    from coursec.localize.regions import RegionLoader, config_span
    from coursec.localize.status import region_status, status_json, status_text
    from coursec.localize.sync import sync

    reporter = Reporter()
    course = _course(args, reporter)
    if course is None:
        return 1
    command = args.l10n_command
    if command == "status":
        audits = region_status(course, args.region, reporter)
        _print(reporter)
        print(status_json(course, audits) if args.json else status_text(course, audits), end="")
        return 1 if reporter.has_errors else 0
    if command == "sync":
        results = sync(course, args.region, reporter)
        _print(reporter)
        for result in results:
            print(result.summary())
        return 1 if reporter.has_errors else 0
    if not args.region or len(args.region) != 1:
        print(f"coursec l10n {command}: give exactly one --region", file=sys.stderr)
        return 2
    from coursec.localize.exchange import Format, export, import_file

    tag = args.region[0]
    region = RegionLoader(course, reporter).region(tag, config_span(course, tag))
    if region is None or region.is_source:
        _print(reporter)
        if region is not None:
            print(f"{tag} is the source language; nothing to translate", file=sys.stderr)
        return 1
    if command == "export":
        data = export(course, region, args.format)
        if args.out is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            args.out.write_bytes(data)
            print(args.out)
        _print(reporter)
        return 1 if reporter.has_errors else 0
    fmt: Format = "po" if args.file.suffix in (".po", ".pot") else "xliff"
    if args.format is not None:
        fmt = "po" if args.format == "po" else "xliff"
    imported = import_file(course, region, args.file, fmt, reporter)
    if imported is not None and imported.changed and not reporter.has_errors:
        imported.path.write_text(imported.text, encoding="utf-8")
        imported.written = True
    _print(reporter)
    if imported is None:
        return 1
    print(imported.summary())
    for key in imported.updated:
        print(f"  updated {key}")
    return 1 if reporter.has_errors else 0
