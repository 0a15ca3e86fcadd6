"""``coursec release [COURSE] [--version X]``: record the course's layout as a release.

In:  the course folder and the version (default: course.yaml's ``version``).
Out: ``releases/<X>.json`` (its path on stdout) and the learner impact since the previous
     release. Exit codes: 0 recorded (or recorded already, same layout), 1 the course has errors
     or X is recorded already with another layout (CS907). The work is in coursec.release.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    release_p = sub.add_parser("release", help="record the course's layout as a release")
    release_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    release_p.add_argument("--version", dest="release", default=None,
                           help="release version (default: course.yaml's version)")


def run(args: argparse.Namespace) -> int:
    from coursec.release import commands  # the course loader: only when it runs

    return commands.run_release(args)
