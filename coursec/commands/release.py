"""``coursec release [COURSE] [--version X]``: record the course's layout as a release.

In:  the course folder and the version (default: course.yaml's ``version``).
Out: ``releases/<X>.json`` (its path on stdout) and the learner impact since the previous
     release. Exit codes: 0 recorded (or recorded already, same layout), 1 the course has errors
     or X is recorded already with another layout (CS907). The work is in coursec.release.
"""

from __future__ import annotations

import argparse
from typing import Any

from coursec.release import commands


def add_parser(sub: Any) -> None:
    commands.add_release_parser(sub)


def run(args: argparse.Namespace) -> int:
    return commands.run_release(args)
