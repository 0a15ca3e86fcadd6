"""``coursec diff OLD [NEW] [--course DIR] [--format text|markdown|json]``.

In:  two versions of a course: folders or git revisions of the course folder.
Out: the semantic change and the learner impact on stdout (nothing when there is no change).
     Exit codes: 0 compared, 1 a version cannot be opened or has errors. The work is in
     coursec.release (docs/releases.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    diff_p = sub.add_parser("diff", help="what changed between two versions, and for learners")
    diff_p.add_argument("old", help="a folder or a git revision of the course folder")
    diff_p.add_argument("new", nargs="?", default=None,
                        help="a folder or a git revision (default: the course folder as it is)")
    diff_p.add_argument("--course", type=Path, default=Path("."),
                        help="course folder the revisions are taken from (default: .)")
    diff_p.add_argument("--format", choices=("text", "markdown", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from coursec.release import commands  # the course loader: only when it runs

    return commands.run_diff(args)
