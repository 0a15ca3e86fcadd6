"""``coursec graph``: draw scenario graphs as SVG or DOT (``coursec.graph``).

In:  the course folder, ``--scenario`` (one id; default every scenario), ``--format``, ``--out``.
Out: the drawing on stdout, or ``<out>/<scenario>.<format>`` per scenario with its path printed.
     Exit codes: 0 drawn, 1 the course has errors, no such scenario, or Graphviz failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    graph_p = sub.add_parser("graph", help="draw scenario graphs (SVG or DOT)")
    graph_p.add_argument("course", nargs="?", default=".", type=Path, help="course folder")
    graph_p.add_argument("--scenario", default=None, help="only this scenario id")
    graph_p.add_argument("--format", choices=("svg", "dot"), default="svg")
    graph_p.add_argument(
        "--out", type=Path, default=None, help="folder for <scenario>.<format> (default: stdout)"
    )


def run(args: argparse.Namespace) -> int:
    from coursec import graph  # graphviz: only for this command
    from coursec.build import BuildOptions, load_and_check
    from coursec.commands.console import print_diagnostics
    from coursec.diagnostics import Reporter

    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=args.course, targets=["web"]), reporter)
    if checked is None:
        print_diagnostics(reporter)
        return 1
    scenarios = [s for s in checked[0].scenarios() if args.scenario in (None, s.id)]
    if not scenarios:
        known = ", ".join(s.id for s in checked[0].scenarios()) or "none"
        print(f"coursec: no scenario '{args.scenario}' (scenarios: {known})", file=sys.stderr)
        return 1
    try:
        pictures = {s.id: graph.render(s, args.format) for s in scenarios}
    except graph.GraphError as exc:
        print(f"coursec: {exc}", file=sys.stderr)
        return 1
    for scenario_id, data in pictures.items():
        if args.out is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{scenario_id}.{args.format}").write_bytes(data)
            print(args.out / f"{scenario_id}.{args.format}")
    return 0
