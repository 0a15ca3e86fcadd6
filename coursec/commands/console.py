"""What the subcommands print about a run: the diagnostics, then their counts.

In:  a ``Reporter`` after a run.
Out: every diagnostic on stderr, sorted by file and line, and ``N error(s), M warning(s)`` when
     there were any. Nothing is reported.
"""

from __future__ import annotations

import sys

from coursec.diagnostics import Reporter, format_diagnostic


def print_diagnostics(reporter: Reporter) -> None:
    for diag in reporter.sorted():
        print(format_diagnostic(diag), file=sys.stderr)
    errors, warnings = reporter.counts()
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
