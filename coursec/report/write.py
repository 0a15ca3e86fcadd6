"""Writing the report: ``report.html``, ``<table>.csv`` and ``<table>.json``, a terminal summary.

In:  the ``Report``, the ``CourseMap``, the output folder, the formats asked for.
Out: the files (the same bytes for the same statements), ``unknown.json`` (object ids the
     course does not have, with their statement counts), and the summary text: statements,
     learners, the funnel's ends, the hardest questions, the flags, the nodes that mislead.
Reported: CS809 when the output folder cannot be written.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from coursec.diagnostics import Code, Reporter, Span
from coursec.report.course_map import CourseMap
from coursec.report.figures import Report

FORMATS = ("html", "csv", "json")


def write(report: Report, cmap: CourseMap, out: Path, formats: list[str],
          reporter: Reporter) -> list[Path]:
    files: dict[str, bytes] = {}
    for table in report.tables.values():
        if "csv" in formats:
            buffer = io.StringIO()
            w = csv.writer(buffer, lineterminator="\n")
            w.writerow(table.columns)
            w.writerows(["" if v is None else v for v in row] for row in table.rows)
            files[f"{table.name}.csv"] = buffer.getvalue().encode("utf-8")
        if "json" in formats:
            files[f"{table.name}.json"] = _json({"title": table.title, "rows": table.dicts()})
    if "json" in formats or report.unknown:
        files["unknown.json"] = _json(report.unknown)
    if "html" in formats:
        from coursec.report.html import render

        files["report.html"] = render(report, cmap, out).encode("utf-8")
    written = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in sorted(files.items()):
            (out / name).write_bytes(data)
            written.append(out / name)
    except OSError as exc:
        reporter.report(Code.CS809, Span(str(out)),
                        f"cannot write the report: {exc.strerror or exc}")
    return written


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def summary(report: Report) -> str:
    t = report.tables
    funnel = {r["step"]: r["learners"] for r in t["funnel"].dicts()}
    lines = [f"{report.statements} statements, {report.learners} learners "
             f"({', '.join(report.regions) or 'no region'}), engine {report.engine}",
             f"funnel: {funnel.get('launched', 0)} launched, {funnel.get('completed', 0)} "
             f"completed, {funnel.get('passed', 0)} passed"]
    left = max(t["funnel"].dicts(), key=lambda r: r["left_here"], default=None)
    if left and left["left_here"]:
        lines.append(f"most learners who left stopped at {left['label']} ({left['source']}): "
                     f"{left['left_here']}")
    rated = [r for r in t["questions"].dicts() if r["first_try_correct"] is not None]
    for r in sorted(rated, key=lambda r: r["first_try_correct"])[:3]:
        lines.append(f"hard: {r['key']} {r['first_try_correct']:.0%} right first time "
                     f"({r['source']})")
    for r in t["questions"].dicts():
        if r["flags"]:
            lines.append(f"flag: {r['key']}: {r['flags']} ({r['source']})")
    for r in t["scenario_nodes"].dicts():
        if r["most_misled"]:
            lines.append(f"scenario {r['scenario']}: node {r['node']} misleads most "
                         f"({(r['worst_share'] or 0):.0%} take {r['worst_choice']}; "
                         f"{r['source']})")
    if report.unknown:
        lines.append(f"{sum(report.unknown.values())} statements with "
                     f"{len(report.unknown)} unknown activity ids (unknown.json)")
    return "\n".join(lines) + "\n"
