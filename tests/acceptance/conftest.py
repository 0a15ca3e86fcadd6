"""The acceptance suite's table: one row per launch in a real LMS, printed after the run.

In:  rows the tests add with ``record_launch`` (package, region, run, what Moodle stored).
Out: the table in the terminal summary and in ``$MOODLE_ACCEPTANCE_REPORT`` when that names a
     file. Nothing is reported when no test added a row.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROWS: list[dict[str, str]] = []
COLUMNS = ["package", "region", "run", "launch", "mode", "entry", "pass mark", "stored status",
           "raw", "grade", "completion", "attempts", "responses", "refused", "errors"]


def record_launch(row: dict[str, Any]) -> None:
    ROWS.append({k: str(row.get(k, "")) for k in COLUMNS})


def table() -> str:
    widths = {c: max([len(c)] + [len(r[c]) for r in ROWS]) for c in COLUMNS}
    lines = ["| " + " | ".join(c.ljust(widths[c]) for c in COLUMNS) + " |",
             "| " + " | ".join("-" * widths[c] for c in COLUMNS) + " |"]
    lines += ["| " + " | ".join(r[c].ljust(widths[c]) for c in COLUMNS) + " |" for r in ROWS]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not ROWS:
        return
    terminalreporter.section("what Moodle stored, per launch")
    terminalreporter.write_line(table())
    report = os.environ.get("MOODLE_ACCEPTANCE_REPORT")
    if report:
        Path(report).write_text(table() + "\n", encoding="utf-8")

