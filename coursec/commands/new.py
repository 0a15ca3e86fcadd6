"""``coursec new``: create a course folder that builds as it is (``coursec.new``).

In:  the folder to create (its name becomes the course id) and ``--title``.
Out: ``created <folder>; next: ...`` on stdout, diagnostics on stderr. Exit codes: 0 created,
     1 not (the folder exists, or its name is no valid id).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    new_p = sub.add_parser("new", help="create a new course folder that builds as it is")
    new_p.add_argument("name", type=Path, help="folder to create; its name becomes the id")
    new_p.add_argument("--title", default=None, help="course title")


def run(args: argparse.Namespace) -> int:
    from coursec.commands.console import print_diagnostics  # only when it runs
    from coursec.diagnostics import Reporter
    from coursec.new import create_course

    reporter = Reporter()
    create_course(args.name, args.title, reporter)
    print_diagnostics(reporter)
    if reporter.has_errors:
        return 1
    print(f"created {args.name}; next: coursec build {args.name}")
    return 0
