"""``coursec diff OLD [NEW] [--course DIR] [--format text|markdown|json]``.

In:  two versions of a course: folders or git revisions of the course folder.
Out: the semantic change and the learner impact on stdout (nothing when there is no change).
     Exit codes: 0 compared, 1 a version cannot be opened or has errors. The work is in
     coursec.release (docs/releases.md).
"""

from __future__ import annotations

import argparse
from typing import Any

from coursec.release import commands


def add_parser(sub: Any) -> None:
    commands.add_diff_parser(sub)


def run(args: argparse.Namespace) -> int:
    return commands.run_diff(args)
