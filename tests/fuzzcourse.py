"""Whole-course fuzzer: mutate a small course, build it, and say what went wrong.

In:  seeds; each seed copies ``tests/fixtures/fuzz-course`` (course.yaml, two lessons with a
     quiz and a scenario, a region file, values, an SVG), applies 1-4 mutations to its files
     (delete / duplicate / swap lines, truncate, invalid UTF-8 bytes, control characters, NUL,
     nasty YAML values such as ``2026-02-30``, file removed) and runs ``coursec.build.build``.
Out: ``Summary``: cases, crashes (seed + traceback), hangs (cases over ``HANG_SECONDS``),
     diagnostic problems (unknown file or line, empty message, reported twice), what the mutated
     files call for and was not reported (``expected_problems``), output problems (written
     despite errors, missing or inconsistent when clean), and how many cases had errors / were
     clean.
     ``python tests/fuzzcourse.py N [FIRST_SEED]`` runs N cases and prints the summary.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from coursec.build import BuildOptions, build  # noqa: E402
from coursec.diagnostics import Code, Diagnostic, Reporter  # noqa: E402

SEED_COURSE = HERE / "fixtures" / "fuzz-course"
HANG_SECONDS = 20.0
PSEUDO_PATHS = {"<command line>", "<environment>"}
#: codes whose file may be missing: they say it is
ABOUT_A_MISSING_FILE = {Code.CS004, Code.CS401, Code.CS614}
NASTY = [
    "2026-02-30", "0000-00-00", "2026-13-01", "2026-02-30T25:61:61Z", "9999-12-31 23:59:59 +99:00",
    "!!timestamp nope", "!!binary ===", "!!float x", "!!int x", "<<: 1", "&a [*a]", "*nowhere",
    "~", "- -", "? [", "{", "[", "'", '"\\x"', "\\x00", "\x00", "\x07", "\x1b[31m", "\u0085",
    "\u2028", "\ufeff", "\ud800", "\uffff", "é" * 3, "{{", "{{policy-date}}", "{{nope}}",
    ":::{quiz} q-one", ":::", "::::", "- [x]", "-> open", "{empathy +999999999999}", "# ", "---",
    "title: 2026-02-30", "reviewed: 2026-02-30", "value: 2026-02-30", "author: \x01",
    "lessons: [../../x.md]", "targets: [cmi5, xapi]", "regions: [xx-YY]", "9" * 400,
]


@dataclass
class Summary:
    cases: int = 0
    with_errors: int = 0
    clean: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[tuple[int, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    slowest: float = 0.0

    def line(self) -> str:
        return (f"{self.cases} cases: {len(self.crashes)} crashes, {len(self.hangs)} hangs, "
                f"{len(self.problems)} problems; {self.with_errors} with errors, {self.clean} "
                f"clean; slowest {self.slowest:.2f} s")


def mutate(rng: random.Random, root: Path) -> None:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    for _ in range(rng.randint(1, 4)):
        files = [p for p in files if p.exists()]
        if not files:
            return
        path = rng.choice(files)
        data = path.read_bytes()
        lines = data.split(b"\n")
        kind = rng.randrange(9)
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[j])
        elif kind == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 3:
            lines = data[: rng.randrange(len(data) + 1)].split(b"\n")
        elif kind == 4:
            bad = bytes(rng.choice([0, 1, 7, 11, 27, 127, 0x80, 0xC3, 0xFF]) for _ in range(3))
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + bad + lines[i][at:]
        elif kind in (5, 6):  # a nasty value at a line's value position, or a whole line
            nasty = rng.choice(NASTY).encode("utf-8", "surrogatepass")
            line = lines[i]
            if kind == 5 and b": " in line:
                lines[i] = line[: line.index(b": ") + 2] + nasty
            else:
                lines.insert(i, nasty)
        elif kind == 7:
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + rng.choice(["\x00", "\x0b", "\x1f", "\ufffe"]).encode(
                "utf-8") + lines[i][at:]
        else:
            path.unlink()
            continue
        path.write_bytes(b"\n".join(lines))


def diagnostic_problems(diagnostics: Iterable[Diagnostic], root: Path) -> list[str]:
    """What is wrong with these diagnostics: unknown code, empty message, a place that does not
    exist (a file that is not there, a line past its end)."""
    problems = []
    for diag in diagnostics:
        if diag.code not in Code or not diag.message.strip() or "Traceback" in diag.message:
            problems.append(f"bad diagnostic {diag}")
        if diag.span.path in PSEUDO_PATHS:
            continue
        path = Path(diag.span.path)
        candidates = [path] if path.is_absolute() else [root / path, Path.cwd() / path]
        found = next((c for c in candidates if c.exists()), None)
        if found is None and diag.code not in ABOUT_A_MISSING_FILE:
            problems.append(f"diagnostic in a file that does not exist: {diag}")
            continue
        if found is not None and found.is_file() and diag.span.line:
            text = found.read_bytes().decode("utf-8", "replace")
            count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            if not 0 < diag.span.line <= count + 1 or diag.span.col < 0:
                problems.append(f"diagnostic past the end of {found.name} ({count} lines): {diag}")
    return problems


#: control characters XML cannot hold (CS411), as the mutations insert them
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(path: Path) -> str | None:
    """The file as text, or None when it is not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


def expected_problems(root: Path, diagnostics: list[Diagnostic]) -> list[str]:
    """What the mutated course must have been told, read from its files as they are now:

    - no course.yaml: exactly CS004, at course.yaml;
    - a course.yaml, lesson or region file that is not UTF-8: CS006 in that file (lessons only
      while course.yaml is the seed's, so that they are read at all; the region file only when
      nothing outside it is in error, as it is read after the check);
    - a control character XML cannot hold in a lesson or course.yaml: an error in that file
      (CS411 where it lands in a title, text or value; a YAML or directive error elsewhere);
    - ``media/pic.svg`` gone while its image line is intact: CS401 in lessons/01-intro.md;
    - no diagnostic twice (same code, place and message).
    """
    problems: list[str] = []
    seen: set[tuple[Code, str, int, int, str]] = set()
    for d in diagnostics:
        key = (d.code, d.span.path, d.span.line, d.span.col, d.message)
        if key in seen:
            problems.append(f"reported twice: {d}")
        seen.add(key)

    def codes_in(name: str) -> set[Code]:
        return {d.code for d in diagnostics if Path(d.span.path).name == name}

    def errors_in(name: str) -> bool:
        return any(d.severity.value == "error" and Path(d.span.path).name == name
                   for d in diagnostics)

    config = root / "course.yaml"
    if not config.exists():
        codes = [d.code for d in diagnostics]
        if codes != [Code.CS004]:
            problems.append(f"course.yaml removed: expected only CS004, got {codes}")
        return problems
    seed_config = config.read_bytes() == (SEED_COURSE / "course.yaml").read_bytes()
    files = [config]
    if seed_config:
        files += sorted((root / "lessons").glob("*.md"))
    # region files are read once the course checks clean (localize comes after check)
    if seed_config and not any(d.severity.value == "error" and "locales" not in d.span.path
                               for d in diagnostics):
        files += sorted((root / "locales").glob("*.yaml"))
    for path in files:
        text = _text(path)
        if text is None:
            if Code.CS006 not in codes_in(path.name):
                problems.append(f"{path.name} is not UTF-8, yet no CS006 in it")
        elif CONTROL.search(text) and path.suffix == ".md" and not errors_in(path.name):
            problems.append(f"{path.name} holds a control character, yet no error in it")
    intro = root / "lessons" / "01-intro.md"
    image = b"![A dot](../media/pic.svg)\n"
    if (seed_config and not (root / "media" / "pic.svg").exists() and intro.exists()
            and image in intro.read_bytes() and _text(intro) is not None
            and Code.CS401 not in codes_in(intro.name)):
        problems.append("media/pic.svg removed, yet no CS401 in 01-intro.md")
    return problems


def output_problems(out: Path, ok: bool, has_errors: bool) -> list[str]:
    written = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "lock") \
        if out.exists() else []
    if has_errors:
        return [f"errors, yet written: {written[:3]}"] if written or ok else []
    if not ok:
        return ["no error, yet nothing was written"]
    problems = []
    for zip_file in sorted(out.glob("*.zip")):
        region, target = zip_file.stem.split("-", 1)[1].rsplit("-", 1)
        folder = out / "fuzz" / region / target
        files = {p.relative_to(folder).as_posix(): p.read_bytes()
                 for p in folder.rglob("*") if p.is_file()}
        with zipfile.ZipFile(zip_file) as packed:
            if {n: packed.read(n) for n in packed.namelist()} != files:
                problems.append(f"{zip_file.name} differs from its folder")
    if not list(out.glob("*.zip")):
        problems.append("no error, yet no zip")
    return problems


def run_case(seed: int, work: Path, summary: Summary) -> None:
    root, out = work / f"c{seed}", work / f"o{seed}"
    shutil.copytree(SEED_COURSE, root)
    mutate(random.Random(seed), root)
    reporter = Reporter()
    started = time.perf_counter()
    try:
        packages = build(BuildOptions(course_dir=root, out_dir=out), reporter)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt):
            raise
        summary.crashes.append(f"seed {seed}: {traceback.format_exc()}")
        return
    finally:
        elapsed = time.perf_counter() - started
        summary.cases += 1
        summary.slowest = max(summary.slowest, elapsed)
        if elapsed > HANG_SECONDS:
            summary.hangs.append((seed, elapsed))
    problems = diagnostic_problems(reporter.diagnostics, root)
    problems += expected_problems(root, reporter.diagnostics)
    problems += output_problems(out, bool(packages), reporter.has_errors)
    summary.problems += [f"seed {seed}: {p}" for p in problems]
    if reporter.has_errors:
        summary.with_errors += 1
    else:
        summary.clean += 1
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)


def run_cases(seeds: Iterable[int], report_every: int = 0) -> Summary:
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="coursec-fuzz-") as tmp:
        for seed in seeds:
            known = len(summary.crashes) + len(summary.problems) + len(summary.hangs)
            run_case(seed, Path(tmp), summary)
            if report_every and len(summary.crashes) + len(summary.problems) + len(
                    summary.hangs) > known:
                print(f"seed {seed}: {(summary.crashes + summary.problems)[-1:]}", flush=True)
            if report_every and summary.cases % report_every == 0:
                print(summary.line(), flush=True)
    return summary


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    result = run_cases(range(first, first + count), report_every=500)
    print(result.line())
    for crash in result.crashes[:20]:
        print(crash)
    for problem in result.problems[:40]:
        print(problem)
    print("hangs:", result.hangs)
    sys.exit(1 if result.crashes or result.hangs or result.problems else 0)
