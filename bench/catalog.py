"""Catalog benchmark: 20 copies of the sample course with ``--jobs 1`` and ``--jobs 2``, and a
no-change rebuild of the sample course (the build cache).

In:  ``--copies N`` (default 20), ``--runs N`` (default 1: each measurement's median of N).
Out: a table on stdout: wall time, CPU time (the coursec process and every worker: sampled
     from /proc every 20 ms, since forkserver workers are not children of the command),
     the speed-up of ``--jobs 2``, and whether both catalogs are byte-identical; the machine's
     load average before and after (the machine may be shared: read the CPU column then).
     Nothing is asserted: this prints numbers for the issue notes.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "courses" / "customer-service"
TICKS = os.sysconf("SC_CLK_TCK")


def copy_catalog(root: Path, copies: int) -> list[Path]:
    """``copies`` copies of the sample course, each with its own id."""
    courses = []
    for number in range(1, copies + 1):
        course = root / f"course-{number:02d}"
        shutil.copytree(SAMPLE, course)
        config = course / "course.yaml"
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"(?m)^id: .*$", f"id: sample-{number:02d}", text, count=1),
                          encoding="utf-8")
        courses.append(course)
    return courses


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree) of one run of ``command``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                   stderr=errors)
        cpu: dict[int, float] = {}
        while True:
            for pid in _descendants(process.pid):  # the workers (not waited for by coursec)
                seen = _cpu(pid)
                if seen is not None:
                    cpu[pid] = max(cpu.get(pid, 0.0), seen)
            done, status, usage = os.wait4(process.pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    # the command itself exactly (and the children it waited for), the workers as sampled
    return wall, usage.ru_utime + usage.ru_stime + sum(cpu.values())


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def lookup_time(course: Path, out: Path) -> tuple[float, float]:
    """(wall, CPU) of what a no-change rebuild does besides starting: hash the inputs, check
    the published zips against the entry (in this process, the median of 5)."""
    sys.path.insert(0, str(REPO))
    from coursec import build_cache
    from coursec.build_options import BuildOptions
    from coursec.diagnostics import Reporter

    runs = []
    for _ in range(5):
        wall, cpu = time.perf_counter(), time.process_time()
        options = BuildOptions(course_dir=course, out_dir=out)
        reporter = Reporter()
        hit = build_cache.replay(build_cache.build_key(options, reporter), options, reporter)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
        if hit is None:
            sys.exit("the no-change rebuild of the sample was not a cache hit")
    return median(runs)


def same_bytes(one: Path, two: Path) -> bool:
    zips = sorted(p.name for p in one.glob("*.zip"))
    if zips != sorted(p.name for p in two.glob("*.zip")):
        return False
    return all(filecmp.cmp(one / name, two / name, shallow=False) for name in zips)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    coursec = [sys.executable, "-m", "coursec", "build", "--quiet"]
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="coursec-catalog-") as temporary:
        root = Path(temporary)
        courses = copy_catalog(root / "courses", args.copies)
        names = [str(c.relative_to(root)) for c in courses]
        results: dict[int, tuple[float, float]] = {}
        for jobs in (1, 2):
            runs = []
            for run in range(args.runs):
                out = root / f"out-{jobs}-{run}"
                runs.append(timed([*coursec, *names, "--out", str(out), "--jobs", str(jobs),
                                   "--no-cache"], root))
            results[jobs] = median(runs)
            rows.append((f"{args.copies} x sample, --jobs {jobs}, clean", *results[jobs]))
        identical = same_bytes(root / "out-1-0", root / "out-2-0")

        sample_out = root / "out-sample"
        sample = [*coursec, str(SAMPLE), "--out", str(sample_out)]
        rows.append(("sample, clean build", *timed(sample, root)))
        rows.append(("sample, no-change rebuild", *median([timed(sample, root)
                                                            for _ in range(max(3, args.runs))])))
        os.chdir(root)  # where the command ran: diagnostics, so the key, name files from it
        rows.append(("sample, the cache look-up alone", *lookup_time(SAMPLE, sample_out)))
        os.chdir(REPO)
        rows.append(("coursec --version (start-up)",
                     *median([timed([sys.executable, "-m", "coursec", "--version"], root)
                              for _ in range(3)])))
    print(f"load average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}, "
          f"CPUs: {os.cpu_count()}")
    print(f"{'what':<40} {'wall s':>8} {'CPU s':>8}")
    for what, wall, cpu in rows:
        print(f"{what:<40} {wall:8.2f} {cpu:8.2f}")
    print(f"--jobs 2 speed-up (wall): {results[1][0] / results[2][0]:.2f}x; "
          f"byte-identical catalogs: {'yes' if identical else 'NO'}")


if __name__ == "__main__":
    main()
