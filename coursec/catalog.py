"""Catalogs: several course folders built at once, in a process pool, reported in order.

In:  the ``BuildOptions`` of every course (``coursec build courses/*``), ``strict`` and
     ``verbose``, the number of worker processes (``jobs``), and an optional ``preflight`` run
     before a course is built (the command's release check, CS900).
Out: a ``CourseResult`` per course, in the order given whatever ``jobs`` is: the diagnostics
     of that course and the packages it published (empty: it had errors and nothing of it was
     written). A course whose build is in the cache (``coursec.build_cache``) is not built:
     it is looked up here, without importing the pipeline, and its diagnostics come from the
     cache entry. The other courses are built by ``coursec.build.build``, in this process
     when there is one of them or ``jobs`` is 1, else in a ``ProcessPoolExecutor`` of the
     ``forkserver`` context (``spawn`` where there is none; never ``fork``: the parent may hold
     threads and locks), whose server imports the pipeline once for every worker; a worker
     returns diagnostics and paths, never package bytes. A course that is the only one to
     build, with ``jobs`` > 1 and at least two packages per worker (``package_count``: its
     targets x regions), is shared out instead: each worker reads and checks it and makes
     every ``jobs``-th of its packages (``BuildOptions.part``), and this process publishes them
     as one set in build order (diagnostics every worker reported are kept once). A course of
     fewer packages is built here: a pool would cost more to start, and every worker reads and
     checks the whole course, than it would save.
     Each course is published on its own and at once (``coursec.output``: all old or all new).
     A course with errors leaves its previous output untouched and the other courses are still
     built and published, as ``make -k`` would: a broken course does not hold back the rest
     of the catalog, and the caller exits 1. A folder given twice is built once.
Reported: whatever the builds report, in each ``CourseResult``; CS509 for courses of the same
     id built into the same output folder (none of them is built: one would silently replace
     the other's packages).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coursec import build_cache
from coursec.build_options import BuildOptions, Package, default_out_dir
from coursec.diagnostics import Code, Diagnostic, Reporter, key_span

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Progress = Callable[[str], None]
#: run before a course is built, reporting into its reporter (top-level: workers import it)
Preflight = Callable[[Path, Reporter], None]


@dataclass
class CourseResult:
    options: BuildOptions
    packages: list[Package] = field(default_factory=list)  # empty: nothing of it was written
    diagnostics: list[Diagnostic] = field(default_factory=list)
    cached: bool = False


def default_jobs() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def unique(courses: Sequence[BuildOptions]) -> list[BuildOptions]:
    """``courses`` without a folder given twice (``courses/* courses/a``), first one kept."""
    seen: dict[str, BuildOptions] = {}
    for options in courses:
        seen.setdefault(str(options.course_dir.resolve()), options)
    return list(seen.values())


def build_catalog(
    courses: Sequence[BuildOptions],
    strict: bool = False,
    verbose: bool = False,
    jobs: int | None = None,
    preflight: Preflight | None = None,
    progress: Progress | None = None,
) -> list[CourseResult]:
    """Build every course of ``courses`` (see the module docstring)."""
    say = progress or (lambda _: None)
    results: list[CourseResult | None] = []
    keys: list[str | None] = []
    clashes = same_id(courses, strict, verbose)  # 0. two courses writing the same packages
    for i, options in enumerate(courses):  # 1. the cache, in this process: no pipeline, no pool
        if i in clashes:
            results.append(CourseResult(options, [], clashes[i].diagnostics))
            keys.append(None)
            continue
        reporter = Reporter(strict=strict, verbose=verbose)
        key = build_cache.build_key(options, reporter) if options.cache else None
        hit = build_cache.replay(key, options, reporter) if key is not None else None
        if hit is not None:
            say(f"{options.course_dir}: up to date")
        results.append(None if hit is None else
                       CourseResult(options, hit, reporter.diagnostics, cached=True))
        keys.append(key)
    todo = [i for i, result in enumerate(results) if result is None]
    jobs = jobs or default_jobs()
    workers = min(jobs, len(todo))
    if len(todo) == 1 and jobs > 1 and package_count(courses[todo[0]]) >= 2 * jobs:
        # 2. one course of many packages: its packages shared out to the workers
        from concurrent.futures import ProcessPoolExecutor

        i = todo[0]
        say(f"building {courses[i].course_dir} in {jobs} processes")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
            shares = [pool.submit(build_part, replace(courses[i], part=(k, jobs)), strict,
                                  verbose, preflight if k == 0 else None) for k in range(jobs)]
            parts = [share.result() for share in shares]
        results[i] = publish_parts(courses[i], keys[i], strict, verbose, parts, say)
    elif workers <= 1:  # 2. in this process, with the progress display
        for i in todo:
            if len(courses) > 1:
                say(f"building {courses[i].course_dir}")
            results[i] = build_course(courses[i], keys[i], strict, verbose, preflight, say)
    else:  # 2. in a pool, collected in the order given
        from concurrent.futures import ProcessPoolExecutor

        say(f"building {len(todo)} courses in {workers} processes")
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
            futures = [pool.submit(build_course, courses[i], keys[i], strict, verbose, preflight)
                       for i in todo]
            for i, future in zip(todo, futures, strict=True):
                results[i] = future.result()
                say(f"built {courses[i].course_dir}")
    return [result for result in results if result is not None]


def package_count(options: BuildOptions) -> int:
    """How many packages a course build makes (targets x regions), read from course.yaml
    without the pipeline; 0 when course.yaml cannot be read (the build reports why)."""
    from coursec.targets.registry import DEFAULT_TARGETS

    raw = _course_yaml(options.course_dir)
    try:
        targets = options.targets or raw.get("targets") or list(DEFAULT_TARGETS)
        regions: list[Any] = options.regions or [raw.get("language"), *(raw.get("regions") or [])]
        return len({str(t) for t in targets}) * len({str(r) for r in regions})
    except (AttributeError, TypeError):
        return 0


def same_id(courses: Sequence[BuildOptions], strict: bool, verbose: bool) -> dict[int, Reporter]:
    """CS509 for every course whose id (course.yaml ``id``) and output folder another course of
    the catalog has: both would publish ``<out>/<id>/`` and its zips, the later one replacing
    the earlier one's packages. By the index of each such course, its reporter; a course whose
    course.yaml cannot be read is left to its build (which reports why). One course cannot
    clash: its course.yaml is not read here (a no-change rebuild stays a hash)."""
    if len(courses) < 2:
        return {}
    groups: dict[tuple[str, str], list[int]] = {}
    for i, options in enumerate(courses):
        course_id = _course_yaml(options.course_dir).get("id")
        if isinstance(course_id, str):
            out = (options.out_dir or default_out_dir(options.course_dir)).resolve()
            groups.setdefault((course_id, str(out)), []).append(i)
    clashes: dict[int, Reporter] = {}
    for (course_id, _), members in groups.items():
        if len(members) < 2:
            continue
        for i in members:
            others = ", ".join(str(courses[k].course_dir) for k in members if k != i)
            reporter = clashes[i] = Reporter(strict=strict, verbose=verbose)
            reporter.report(
                Code.CS509, key_span(courses[i].course_dir, "id"),
                f"course id '{course_id}' is also the id of {others}, built into the same "
                "output folder: one would replace the other's packages, so neither is built",
                help="give each course its own id in course.yaml (or build them into "
                     "different --out folders)",
            )
    return clashes


def _course_yaml(course_dir: Path) -> dict[str, Any]:
    """course.yaml as plain data, without the pipeline; {} when it cannot be read as a
    mapping (the build reports why)."""
    import yaml

    try:
        raw = yaml.safe_load((course_dir / "course.yaml").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return raw if isinstance(raw, dict) else {}


def build_course(
    options: BuildOptions,
    key: str | None,
    strict: bool,
    verbose: bool,
    preflight: Preflight | None = None,
    progress: Progress | None = None,
) -> CourseResult:
    """Build one course (in a worker or here) and record it in the cache under ``key``."""
    from coursec.build import build  # the pipeline: only where a course is really built

    reporter = Reporter(strict=strict, verbose=verbose)
    if preflight is not None:
        preflight(options.course_dir, reporter)
    packages = build(options, reporter, progress=progress)
    if packages and key is not None and not reporter.has_errors:
        build_cache.store(key, options, packages, reporter.diagnostics)
    slim = [replace(package, files={}) for package in packages]  # paths only, no bytes
    return CourseResult(options, slim, reporter.diagnostics)


def build_part(
    options: BuildOptions, strict: bool, verbose: bool, preflight: Preflight | None
) -> tuple[list[Package], list[Diagnostic]]:
    """A worker's share (``options.part``) of one course's packages, made and checked in
    memory, not written; every worker reads and checks the whole course."""
    from coursec.build import build

    reporter = Reporter(strict=strict, verbose=verbose)
    if preflight is not None:
        preflight(options.course_dir, reporter)
    return build(options, reporter, write=False), reporter.diagnostics


def publish_parts(
    options: BuildOptions,
    key: str | None,
    strict: bool,
    verbose: bool,
    parts: list[tuple[list[Package], list[Diagnostic]]],
    say: Progress,
) -> CourseResult:
    """Publish the shares of one course as one set, in build order, as ``build`` would have:
    nothing when any share reported an error. Diagnostics every worker reported (reading and
    checking) are kept once."""
    from coursec import output

    reporter = Reporter(strict=strict, verbose=verbose)
    for _, diagnostics in parts:
        reporter.diagnostics.extend(diagnostics)
    reporter.diagnostics = reporter.sorted()
    count = len(parts)
    ordered = sorted(((k + n * count, package) for k, (made, _) in enumerate(parts)
                      for n, package in enumerate(made)), key=lambda pair: pair[0])
    packages = [package for _, package in ordered]  # back in build order
    if reporter.has_errors or not packages:
        return CourseResult(options, [], reporter.diagnostics)
    course_id = packages[0].directory.parent.parent.name  # <out>/<course-id>/<region>/<target>
    out_dir = options.out_dir or default_out_dir(options.course_dir)
    sets = {(p.region, p.target): p.files for p in packages}
    if not output.write_set(out_dir, course_id, sets, reporter, say):
        return CourseResult(options, [], reporter.diagnostics)
    if key is not None:
        build_cache.store(key, options, packages, reporter.diagnostics)
    return CourseResult(options, [replace(p, files={}) for p in packages], reporter.diagnostics)


def _context() -> BaseContext:
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # the server imports the pipeline once and every worker forks from it already imported;
    # a preload also hands the server this process's sys.path
    context.set_forkserver_preload(["coursec.build"])
    return context
