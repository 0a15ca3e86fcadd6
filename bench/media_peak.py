"""Peak memory of a build with one large media file: every target x every region of the sample.

In:  ``--sizes`` (MB, default 100,300), ``--runs`` (default 1), ``--keep DIR``.
Out: a table of peak RSS (max RSS of the ``coursec build`` process, measured by a wrapper with
     ``getrusage(RUSAGE_CHILDREN)``) per media size, with the number of packages written and the
     media size in each zip. The media file is seeded pseudo-random bytes (incompressible, stored
     as ``.mp4``), linked from the first lesson of a copy of ``courses/customer-service``.
Budgets are printed, never asserted: with media streamed from disk the peak should not grow
with packages x media size.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SAMPLE = REPO / "courses" / "customer-service"
CHUNK = 1 << 20

# Runs COMMAND... as its only child; prints {"wall", "maxrss_kb", "rc", "stderr"}.
WRAPPER = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - t0, "maxrss_kb": ru.ru_maxrss,
                  "rc": p.returncode, "stderr": p.stderr[-4000:]}))
"""


def make_course(work: Path, size_mb: int) -> Path:
    """A copy of the sample course whose first lesson links a ``size_mb`` MB video."""
    course = work / f"course-{size_mb}"
    shutil.copytree(SAMPLE, course)
    rng = random.Random(size_mb)
    with (course / "media" / "big.mp4").open("wb") as handle:
        for _ in range(size_mb):
            handle.write(rng.randbytes(CHUNK))
    lesson = sorted((course / "lessons").glob("*.md"))[0]
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.rstrip("\n") + "\n\n[The video](../media/big.mp4)\n", encoding="utf-8")
    return course


def measure(course: Path, out: Path) -> dict[str, object]:
    cmd = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "coursec", "build", str(course),
           "--out", str(out), "--quiet"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    zips = sorted(out.glob("*.zip"))  # the public names
    result["packages"] = len(zips)
    if zips:
        with zipfile.ZipFile(zips[0]) as archive:
            result["media_mb"] = archive.getinfo("media/big.mp4").file_size / CHUNK
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300", help="media sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the courses and packages here")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="coursec-media-peak-"))
    work.mkdir(parents=True, exist_ok=True)
    failed = False
    print("| media MB | packages | peak RSS MB (median) | wall s |")
    print("| --- | --- | --- | --- |")
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            course = make_course(work, size)
            rows = [measure(course, work / f"out-{size}-{run}") for run in range(args.runs)]
            for run in range(args.runs):
                shutil.rmtree(work / f"out-{size}-{run}", ignore_errors=True)
            peaks = sorted(int(str(r["maxrss_kb"])) for r in rows)
            walls = sorted(float(str(r["wall"])) for r in rows)
            print(f"| {size} | {rows[0]['packages']} | {peaks[len(peaks) // 2] / 1024:.0f} "
                  f"| {walls[len(walls) // 2]:.1f} |")
            for row in rows:
                if row["rc"] != 0:
                    failed = True
                    print(f"build failed ({row['rc']}):\n{row['stderr']}", file=sys.stderr)
            shutil.rmtree(course)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
