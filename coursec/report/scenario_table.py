"""The scenario report of ``coursec check --scenarios``: a table for people, JSON for tools.

In:  ``ScenarioReport``s from ``coursec.check.scenario``.
Out: text (a rich table per scenario; plain when the output is not a terminal) or JSON.
"""

from __future__ import annotations

import json
from io import StringIO

from rich.console import Console
from rich.table import Table

from coursec.check.scenario import ScenarioReport


def reports_json(reports: list[ScenarioReport]) -> str:
    return json.dumps([r.to_json() for r in reports], indent=2, sort_keys=True)


def reports_text(reports: list[ScenarioReport], width: int = 110) -> str:
    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    if not reports:
        console.print("no scenarios")
    for report in reports:
        paths = (
            f"more than {report.path_cap} (counting stops at {report.path_cap}: loops or very "
            "many branches)"
            if report.paths_capped
            else str(report.paths)
        )
        console.print(
            f"{report.id}: {report.title}\n"
            f"  {report.nodes} nodes, {report.endings} endings, {report.states} learner states, "
            f"{paths} distinct paths to an ending",
            soft_wrap=True,
        )
        table = Table(show_edge=False, pad_edge=False)
        for column in ("ending", "shortest", "longest", "scores (min..max)", "can pass"):
            table.add_column(column)
        for ending, stats in sorted(report.per_ending.items()):
            scores = ", ".join(
                f"{name} {stats.min_scores[name]}..{stats.max_scores[name]}"
                for name in stats.min_scores
            )
            table.add_row(
                ending,
                str(stats.shortest),
                "unbounded (loop)" if stats.longest is None else str(stats.longest),
                scores or "-",
                "yes" if stats.passes else "no",
            )
        console.print(table)
        console.print()
    return buffer.getvalue()
