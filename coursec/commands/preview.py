"""``coursec preview``: serve the course with an LMS panel on 127.0.0.1, rebuilding on save.

In:  the course folder, ``--region``, ``--target`` (shown first), ``--port``, ``--open``,
     ``--edition``, ``--strict``.
Out: what ``coursec.preview.run`` prints and returns (it serves until interrupted).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coursec.commands.arguments import EDITIONS, target


def add_parser(sub: Any) -> None:
    preview_p = sub.add_parser(
        "preview", help="serve the course with an LMS panel on 127.0.0.1, rebuilding on save"
    )
    preview_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    preview_p.add_argument("--region", default=None, help="region to show first")
    preview_p.add_argument(
        "--target",
        type=target,
        default=None,
        help="target to show first (default: course.yaml's first)",
    )
    preview_p.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0: any free port)"
    )
    preview_p.add_argument("--open", action="store_true", help="open the preview in a browser")
    preview_p.add_argument("--edition", type=int, choices=EDITIONS, help="SCORM 2004 edition")
    preview_p.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run(args: argparse.Namespace) -> int:
    from coursec.preview import PreviewOptions  # the server and watcher load only here
    from coursec.preview import run as serve

    options = PreviewOptions(
        course_dir=args.course,
        region=args.region,
        target=args.target,
        port=args.port,
        open_browser=args.open,
        strict=args.strict,
        edition=args.edition,
    )
    return serve(options)
