"""Who makes a ``coursec`` command slow to start: the top importers of one command (issue 17).

In:  a coursec command line, e.g. ``python bench/importtime.py -- check courses/customer-service``
     (default: ``--version``); ``--top N`` (default 25); ``--runs N`` (default 3: each module's
     times are the median over the runs, the machine is shared).
Out: a report on stdout: the command's total import time, then the N modules with the most
     cumulative import time (a package's time includes what it imports) and the N with the most
     self time, each with its top-level package. A report only: nothing is asserted; the
     modules a start-up must not load are tested in tests/test_startup.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTER = "outer:"  # a key prefix: the modules imported by no other module (their sum: the total)


def import_times(command: list[str]) -> dict[str, tuple[int, int]]:
    """{module: (self us, cumulative us)} of one run of ``python -X importtime -m coursec``."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coursec", *command],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": path}, check=False,
    )
    times: dict[str, tuple[int, int]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        times[name.strip()] = (int(own), int(cumulative))
        if not name.removeprefix(" ").startswith(" "):  # imported at the outermost level
            times[OUTER + name.strip()] = (0, int(cumulative))
    return times


def median_times(command: list[str], runs: int) -> dict[str, tuple[float, float]]:
    samples = [import_times(command) for _ in range(runs)]
    names = set().union(*samples)
    return {
        name: (statistics.median(s[name][0] for s in samples if name in s),
               statistics.median(s[name][1] for s in samples if name in s))
        for name in names
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("command", nargs="*", default=["--version"],
                        help="the coursec arguments (after --)")
    args = parser.parse_args(argv)
    times = median_times(args.command, args.runs)
    outer = {n.removeprefix(OUTER): v[1] for n, v in times.items() if n.startswith(OUTER)}
    times = {n: v for n, v in times.items() if not n.startswith(OUTER)}
    coursec = [n for n in times if n == "coursec" or n.startswith("coursec.")]
    third = sorted({n.split(".")[0] for n in times} - set(sys.stdlib_module_names) - {"coursec"})
    total = sum(outer.values())
    before = outer.get("site", 0)  # what the interpreter imports before coursec runs
    print(f"coursec {' '.join(args.command)}: {len(times)} modules, {total / 1000:.1f} ms of "
          f"imports ({before / 1000:.1f} ms of them in 'site', before coursec runs)")
    print(f"  {len(coursec)} modules of coursec; other packages: {', '.join(third) or 'none'}")
    for title, key in (("cumulative", 1), ("self", 0)):
        print(f"\ntop {args.top} by {title} import time (ms, median of {args.runs}):")
        ranked = sorted(times.items(), key=lambda item: item[1][key], reverse=True)
        for name, pair in ranked[: args.top]:
            print(f"  {pair[key] / 1000:8.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
