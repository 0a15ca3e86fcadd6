"""The pipeline, top to bottom: load -> check -> localize -> render -> package -> archive.

In:  ``BuildOptions`` (course folder, targets, edition, output folder, strict, regions; with
     ``Package`` and ``default_out_dir`` in the leaf ``coursec.build_options``).
Out: ``build/<course-id>/<region>/<target>/`` and ``build/<course-id>-<region>-<target>.zip``
     for every region and target; nothing at all is written when any stage reported an error,
     and the previous output is then left untouched. Everything is read and checked before
     anything is written; every package is made first (media stay on disk until written), then
     the whole set is published at once (``coursec.output``: all old or all new).
Reported: whatever the stages report; CS502 for an unknown target name; CS506-CS508 (output).

``build`` runs every phase; ``load_and_check`` (phases 1-2) and ``make_packages`` (phases 3-4)
are also what the preview runs (``coursec.preview.incremental``), for one region and target.
What a target needs and can do comes from its registry entry (``coursec.targets.registry``):
no target is named here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from coursec import output
from coursec.build_options import BuildOptions as BuildOptions
from coursec.build_options import Package as Package
from coursec.build_options import default_out_dir as default_out_dir
from coursec.check.credentials import check_credentials, scan_package_files
from coursec.check.limits import check_limits
from coursec.check.links import resolve_links
from coursec.check.responses import check_responses
from coursec.check.scenario import check_scenario
from coursec.check.structure import check_structure
from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.localize import localize_regions
from coursec.model import Course, Scenario
from coursec.parse import load_course_with_links
from coursec.parse.course import key_span
from coursec.parse.media import PendingLink
from coursec.render import SiteRenderer
from coursec.targets import TARGET_NAMES, Target, get_target
from coursec.targets.base import require_base_iri

Progress = Callable[[str], None]
#: reads the course folder into the model (``coursec.parse.load_course_with_links``, or the
#: preview's per-lesson cache that re-parses only the files that changed)
Loader = Callable[[Path, Reporter], tuple[Course, list[PendingLink]] | None]
#: checks one scenario (``coursec.check.scenario.check_scenario``, or the preview's memo of it,
#: which replays the diagnostics of a scenario whose lesson was not parsed again)
ScenarioCheck = Callable[[Scenario, Reporter], object]


def load_and_check(
    options: BuildOptions,
    reporter: Reporter,
    load: Loader = load_course_with_links,
    scenario_check: ScenarioCheck = check_scenario,
) -> tuple[Course, list[Target]] | None:
    """Phases 1-2: read every source file, then run every check. Writes nothing."""
    # 1. Load: course.yaml, lessons, media references (nothing is rendered yet).
    loaded = load(options.course_dir, reporter)
    check_credentials(options.course_dir, reporter)  # LRS credentials never in a package
    if loaded is None:
        return None
    course, links = loaded
    targets = _targets(course, options, reporter)
    for target in targets:
        if target.capabilities.needs_base_iri:
            require_base_iri(course, target.name, reporter)
    # 2. Check: links between lessons, response formats and resume-state limits per target.
    check_structure(course, reporter)
    for scenario in course.scenarios():
        scenario_check(scenario, reporter)
    resolve_links(course, links, reporter)
    check_responses(course, [t.name for t in targets], reporter)
    for target in targets:
        check_limits(course, target.name, reporter)
    return course, targets


def build(
    options: BuildOptions,
    reporter: Reporter,
    progress: Progress | None = None,
    write: bool = True,
    on_checked: Callable[[Course], object] | None = None,
) -> list[Package]:
    """Run the whole pipeline; an empty list when the course has errors (nothing written).
    ``write=False`` (``coursec check``) runs every stage but the last: nothing is written.
    ``on_checked`` is given the course once it is read and checked without errors (``coursec
    check --scenarios`` reports on it without reading it again)."""
    say = progress or (lambda _: None)
    say("reading and checking the course")
    checked = load_and_check(options, reporter)
    if checked is None or reporter.has_errors:
        return []
    course, targets = checked
    if on_checked is not None:
        on_checked(course)
    out_dir = options.out_dir or default_out_dir(options.course_dir)

    # 3-4. Localize, then render and package each region's site per target (``make_packages``,
    # which the preview runs too); then look for credentials in what would be written.
    packages = make_packages(course, targets, options, reporter, say)
    if packages is None:
        return []
    for package in packages:  # every file that goes into a package, as it will be written
        reporter.diagnostics.extend(
            scan_package_files(package.files, f"{package.region}/{package.target}")
        )
    if reporter.has_errors:
        return []

    # 5. Archive: only now is anything written, and the whole set is published at once.
    if not write:
        return packages
    sets = {(p.region, p.target): p.files for p in packages}
    if not output.write_set(out_dir, course.id, sets, reporter, say):
        return []
    return packages


def make_packages(
    course: Course,
    targets: list[Target],
    options: BuildOptions,
    reporter: Reporter,
    say: Progress | None = None,
) -> list[Package] | None:
    """Phases 3-4 for the checked ``course``: a package per region (``options.regions``) and
    target (or ``options.part`` of them), in memory (the caller looks for errors the targets
    reported); None when localizing reported an error or there is no site to package."""
    say = say or (lambda _: None)
    out_dir = options.out_dir or default_out_dir(options.course_dir)
    # 3. Localize: one translated copy of the model per region (region files, values, overrides).
    say("localizing")
    regions = localize_phase(course, options, reporter)
    if reporter.has_errors:
        return None

    # 4. Render each region's site per target and package it (the target checks its package).
    packages: list[Package] = []
    order = itertools.count()  # packages in build order, for ``options.part``
    for region, localized in regions:
        sites: SiteRenderer | None = None  # the theme and the prose: once per region
        for target in targets:
            if options.part is not None and next(order) % options.part[1] != options.part[0]:
                continue  # another catalog worker makes this one
            say(f"rendering {region} {target.name}")
            sites = sites or SiteRenderer(localized, reporter, len(targets))
            site = sites.site(target.adapter, reporter)
            if not site:  # no theme (reported): a package of nothing would only add noise
                return None
            packages.append(
                Package(
                    target=target.name,
                    region=region,
                    directory=output.package_dir(out_dir, course.id, region, target.name),
                    zip_path=output.zip_path(out_dir, course.id, region, target.name),
                    files=target.package(localized, site, reporter),
                )
            )
    return packages


def localize_phase(
    course: Course, options: BuildOptions, reporter: Reporter
) -> list[tuple[str, Course]]:
    """Phase 3: the course as each region sees it (``coursec.localize``); also run by check."""
    return localize_regions(course, options.regions, reporter)


def _edition(course: Course, options: BuildOptions) -> int:
    return options.edition or course.config.scorm2004_edition


def _targets(course: Course, options: BuildOptions, reporter: Reporter) -> list[Target]:
    names = options.targets or list(course.config.targets)
    targets = []
    for name in dict.fromkeys(names):
        if name not in TARGET_NAMES:
            reporter.report(
                Code.CS502,
                key_span(course.root, "targets")
                if options.targets is None
                else Span("<command line>"),
                f"unknown target '{name}'",
                help=did_you_mean(name, TARGET_NAMES) or f"targets: {', '.join(TARGET_NAMES)}",
            )
            continue
        targets.append(get_target(name, edition=_edition(course, options)))
    return targets
