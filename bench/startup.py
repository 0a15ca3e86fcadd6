"""Start-up and check times of ``coursec`` commands, wall and CPU (issue 17).

In:  ``--runs N`` (default 5), ``--repo DIR`` (the coursec tree to time, default this one; give
     another checkout to compare before and after), ``--json``.
Out: a table on stdout: per command the median wall time and the median CPU time (user + sys
     of the child process, from ``os.wait4``: on a shared, loaded machine the wall time
     measures the neighbours too), with the minimum of each. The commands: ``--version``,
     ``--help``, ``check`` of the sample course, ``build`` of the 1x bench course for one
     target (scorm2004, as ``bench/run.py``), ``python -c pass`` as the interpreter's
     floor, and the libraries' floor: a process that only imports the third-party modules that
     build imported (read from its ``-X importtime`` report, in its order), no coursec module,
     so the part of a build's start-up that no change to coursec can take out.
     A report: nothing is asserted; the exit code is 1 when a command failed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """(wall s, user + sys s, exit status) of one run of ``argv``."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, child.returncode


def library_imports(build: list[str], env: dict[str, str], cwd: Path) -> str:
    """Python source importing every non-stdlib, non-coursec module ``build`` imported."""
    report = subprocess.run([build[0], "-X", "importtime", *build[1:]], env=env, cwd=cwd,
                            capture_output=True, text=True, check=False).stderr
    names = [line.rpartition("|")[2].strip() for line in report.splitlines()
             if line.startswith("import time:") and "|" in line]
    names = [n for n in names if all(part.isidentifier() for part in n.split("."))]
    third = [n for n in dict.fromkeys(names) if n.split(".")[0] not in sys.stdlib_module_names
             and n.split(".")[0] not in ("coursec", "encodings") and not n.startswith("_")]
    return "".join(f"try:\n    import {n}\nexcept ImportError:\n    pass\n" for n in third)


def commands(work: Path, env: dict[str, str], repo: Path) -> dict[str, list[str]]:
    py = [sys.executable]
    build = [
        *py, "-m", "coursec", "build", str(work / "course"), "--target", "scorm2004",
        "--out", str(work / "out"), "--quiet", "--no-cache",  # a build, not a cache hit
    ]
    return {
        "python -c pass (floor)": [*py, "-c", "pass"],
        "coursec --version": [*py, "-m", "coursec", "--version"],
        "coursec --help": [*py, "-m", "coursec", "--help"],
        "check customer-service": [*py, "-m", "coursec", "check",
                                   str(ROOT / "courses" / "customer-service")],
        "build 1x --target scorm2004": build,
        "its libraries' imports alone": [*py, "-c", library_imports(build, env, repo)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repo", type=Path, default=ROOT, help="the coursec tree to time")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    # bytecode is written (the warm-up run writes it): a user's install has it, and without it
    # every run compiles coursec's hundred modules again
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(repo)
    failed = False
    rows = []
    with tempfile.TemporaryDirectory(prefix="coursec-startup-") as tmp:
        work = Path(tmp)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # never into the timed tree
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--scale", "1",
                        "--out", str(work / "course")], check=True, stdout=subprocess.DEVNULL)
        for name, command in commands(work, env, repo).items():
            timed(command, env, repo)  # warm the file cache and the bytecode
            runs = [timed(command, env, repo) for _ in range(args.runs)]
            failed |= any(code not in (0, 1) for _, _, code in runs)
            walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
            rows.append({"command": name, "wall": statistics.median(walls), "wall_min": min(walls),
                         "cpu": statistics.median(cpus), "cpu_min": min(cpus)})
    if args.json:
        print(json.dumps({"repo": str(repo), "runs": args.runs, "rows": rows}, indent=2))
    else:
        print(f"{repo} (median of {args.runs}; min in brackets; seconds)")
        print(f"{'command':28} {'wall':>15} {'cpu (user+sys)':>17}")
        for row in rows:
            print(f"{row['command']:28} {row['wall']:7.3f} ({row['wall_min']:.3f})"
                  f" {row['cpu']:9.3f} ({row['cpu_min']:.3f})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
