"""Scenario-analysis benchmark: time and peak memory of ``check_scenario`` per case.

In:  ``--runs N`` (default 3), ``--cases a,b`` (default all), ``--source DIR`` (a coursec source
     tree to measure instead of this one, e.g. an older commit unpacked with ``git archive``),
     ``--json``.
Out: a table, one row per case: nodes, choices, learner states (0: not counted, the search
     stopped), median wall seconds of the checks as ``build`` runs them (parsing excluded),
     peak RSS of the process (MB) and its growth during the checks (MB), and the diagnostic
     codes reported.

Cases: ``sample`` (the sample course's two scenarios), ``sample-size`` (a generated scenario of
the sample's size: 10 nodes, 3 competencies, a flag), ``10x`` (100 nodes, 3 competencies, 5
flags), and issue 11's two stress cases: ``range-15`` (3 nodes, 3 competencies, range -15..15)
and ``48-choices`` (3 nodes, 6 competencies, 48 choices each). Every run is a fresh process
(``python -c``) so that peak RSS is that of one analysis. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from scenario_gen import CASES, Shape, scenario_markdown  # noqa: E402

SHAPES = {
    "sample-size": Shape(nodes=10, competencies=3, flags=1),
    "10x": Shape(nodes=100, competencies=3, flags=5),
}
ALL = ("sample", *SHAPES, *CASES)

# argv: COURSE; prints one JSON object. Runs against whatever ``coursec`` PYTHONPATH gives.
PROBE = """
import json, resource, sys, time
from pathlib import Path
from coursec.check.scenario import check_scenario
from coursec.diagnostics import Reporter
from coursec.parse import load_course
course = load_course(Path(sys.argv[1]), Reporter())
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
before = rss()
reporter = Reporter()
states = 0
t0 = time.perf_counter()
for scenario in course.scenarios():
    check_scenario(scenario, reporter)
wall = time.perf_counter() - t0
peak, grew = rss(), rss() - before  # before the count below, which only the report needs
for scenario in course.scenarios():  # the learner-state count (report only), not timed
    try:
        report = check_scenario(scenario, Reporter(), report=True)
    except TypeError:  # before: every call made the report
        report = check_scenario(scenario, Reporter())
    states += getattr(report, "states", 0) or 0
scenarios = list(course.scenarios())
print(json.dumps({
    "wall": wall, "peak_mb": peak, "grew_mb": grew, "states": states,
    "nodes": sum(len(s.nodes) for s in scenarios),
    "choices": sum(len(n.choices) for s in scenarios for n in s.nodes.values()),
    "codes": sorted({d.code.name for d in reporter.diagnostics}),
}))
"""


def write_case(name: str, root: Path) -> Path:
    if name == "sample":
        return REPO / "courses" / "customer-service"
    course = root / name
    (course / "lessons").mkdir(parents=True, exist_ok=True)
    (course / "course.yaml").write_text(
        f"id: bench-{name}\ntitle: Scenario bench {name}\nversion: \"1.0\"\nlanguage: en-US\n"
        "targets: [web]\n",
        encoding="utf-8",
    )
    if name in SHAPES:
        counter = iter(range(1_000_000))
        lines = scenario_markdown(name, SHAPES[name], lambda: f"Sentence {next(counter)}.")
    else:
        lines = CASES[name]()
    text = "\n".join(["# Practice", "", *lines, ""])
    (course / "lessons" / "01-practice.md").write_text(text, encoding="utf-8")
    return course


def measure(course: Path, source: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(  # not run from the repository: '' on sys.path would win
        [sys.executable, "-c", PROBE, str(course)],
        capture_output=True, text=True, env=env, check=False, cwd=tempfile.gettempdir(),
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", default=",".join(ALL))
    parser.add_argument("--source", type=Path, default=REPO, help="coursec source tree")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in [c for c in args.cases.split(",") if c]:
            course = write_case(name, Path(tmp))
            runs = [measure(course, args.source.resolve()) for _ in range(args.runs)]
            good = [r for r in runs if "error" not in r]
            if not good:
                rows.append({"case": name, "error": runs[0]["error"]})
                continue
            row = dict(good[-1])
            row["case"] = name
            row["wall"] = statistics.median(float(str(r["wall"])) for r in good)
            row["peak_mb"] = max(float(str(r["peak_mb"])) for r in good)
            row["grew_mb"] = max(float(str(r["grew_mb"])) for r in good)
            rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'case':<12} {'nodes':>5} {'choices':>7} {'states':>8} {'wall s':>8} "
          f"{'peak MB':>8} {'grew MB':>8}  codes")
    for row in rows:
        if "error" in row:
            print(f"{row['case']:<12} error: {row['error']}")
            continue
        print(f"{row['case']:<12} {row['nodes']:>5} {row['choices']:>7} {row['states']:>8} "
              f"{row['wall']:>8.3f} {row['peak_mb']:>8.1f} {row['grew_mb']:>8.1f}  "
              f"{' '.join(row['codes'])}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
