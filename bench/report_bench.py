"""Bench of ``coursec report``: simulated cohorts of the sample course, reported with DuckDB.

Usage: ``python bench/report_bench.py [--statements 1000000 100000] [--dir DIR]``

For each size, the learner simulator of the tests (``tests/report/simulate.py``, full
interaction definitions as the runtime sends them) writes learners to an NDJSON file until it
holds at least that many statements (about 70 per learner); then ``coursec report`` runs on it
in a child process, and the bench prints the file size, the wall time, the CPU time and the
child's peak memory (max RSS). Targets (issue 16): 1 million statements in under 30 s and 2 GB
on the 2-core machine. Nothing here is asserted: timings belong in the notes, not in the tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from report.simulate import SAMPLE, Simulator, load_sample  # noqa: E402  (tests/ on the path)


def generate(target: int, path: Path) -> tuple[int, int]:
    """(statements, learners) written to ``path``."""
    sim = Simulator(load_sample(), seed=1)
    count = learners = 0
    with path.open("w", encoding="utf-8") as f:
        for out in sim.learners(10**9):
            f.writelines(json.dumps(s, separators=(",", ":")) + "\n" for s in out)
            count += len(out)
            learners += 1
            if count >= target:
                break
    return count, learners


def report(path: Path, out: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak MB) of ``coursec report`` on ``path`` (CPU: user +
    system of the child; on a machine shared with other work it says more than the wall)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "coursec", "report", str(SAMPLE), "--statements", str(path),
         "--out", str(out)], cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"coursec report failed:\n{proc.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, after.ru_maxrss / 1024  # the largest child so far: run sizes upwards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", type=Path, default=None, help="keep the files here")
    parser.add_argument("--reuse", action="store_true", help="report the files in --dir again")
    args = parser.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="coursec-bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'statements':>10} {'learners':>8} {'file MB':>8} {'wall s':>8} {'CPU s':>8} "
          f"{'peak MB':>8}")
    for target in args.statements:
        path = work / f"statements-{target}.ndjson"
        if args.reuse and path.exists():
            with path.open("rb") as f:
                count, learners = sum(1 for _ in f), -1  # not known
        else:
            count, learners = generate(target, path)
        seconds, cpu, peak = report(path, work / f"report-{target}")
        size = path.stat().st_size / 2**20
        shown = str(learners) if learners >= 0 else "-"
        print(f"{count:>10} {shown:>8} {size:>8.0f} {seconds:>8.1f} {cpu:>8.1f} {peak:>8.0f}",
              flush=True)
        if args.dir is None:
            path.unlink()


if __name__ == "__main__":
    main()
