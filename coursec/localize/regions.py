"""Regions of a course and their fallback chains.

In:  the course (``language``, ``regions`` and ``fallback`` of course.yaml, the files under
     ``locales/``) and the regions asked for (``--region``; None: the source language and every
     region course.yaml lists).
Out: ``Region``s in build order, each with its chain of loaded region files: its own file, then
     the files of its fallbacks (``fallback: {es-MX: [es]}`` in course.yaml, or by default the
     parent tags that have a file: es-MX -> es), then the source. A region of the source's own
     language (en-GB for an en-US course) may leave out any string that reads the same.
Reported: CS607 (a tag that is not BCP 47 or that Babel has no data for), CS613 (a fallback
     with no file, or a chain through the region itself), CS614 (a region with no file), CS405
     (a region file that resolves outside the course folder, e.g. a symlink), and
     what reading the files reports (``coursec.localize.catalog``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coursec.diagnostics import Code, Reporter, Span
from coursec.localize.catalog import RegionFile, load_region_file, region_path
from coursec.localize.values import babel_locale
from coursec.model import Course
from coursec.parse.confine import confine
from coursec.parse.course import display_path


@dataclass
class Region:
    tag: str
    files: list[RegionFile] = field(default_factory=list)  # own file first, then fallbacks
    is_source: bool = False
    same_language: bool = False  # same language as the source: the source is a fine fallback

    @property
    def own(self) -> RegionFile | None:
        return self.files[0] if self.files and self.files[0].tag == self.tag else None

    @property
    def chain(self) -> list[str]:
        return [f.tag for f in self.files]


def language_of(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


#: a two-letter (ISO 639-1) language, maybe with a two-letter region: when Babel has locale data
#: for such a tag it is a valid BCP 47 tag, without loading langcodes' tables (tested in
#: tests/test_startup.py against every locale of the installed Babel)
COMMON_TAG = re.compile(r"[a-z]{2}(?:-[A-Z]{2})?")


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` cannot name a region, or None."""
    if COMMON_TAG.fullmatch(tag) and babel_locale(tag) is not None:
        return None
    import langcodes  # imported here: its tables take a while and most runs need none

    if "_" in tag or not langcodes.tag_is_valid(tag):
        return f"'{tag}' is not a BCP 47 language tag (for example de-DE, es-MX, ar-SA)"
    if babel_locale(tag) is None:
        return f"'{tag}': Babel has no locale data for it (numbers, dates, plural rules)"
    return None


def config_span(course: Course, needle: str) -> Span:
    """Where ``needle`` first appears in course.yaml (the line of a region tag)."""
    path = course.root / "course.yaml"
    shown = display_path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except OSError:
        return Span(shown)
    for index, line in enumerate(lines):
        col = line.find(needle)
        if col >= 0 and not line.lstrip().startswith("#"):
            return Span(shown, index + 1, col + 1, len(needle))
    return Span(shown, 1, 1)


class RegionLoader:
    """Loads region files once each and resolves chains."""

    def __init__(self, course: Course, reporter: Reporter) -> None:
        self.course = course
        self.reporter = reporter
        self.files: dict[str, RegionFile | None] = {}
        self.refused: set[str] = set()  # region files outside the course folder (CS405)
        self.unreadable: set[str] = set()  # region files that exist but did not load (reported)

    def file(self, tag: str) -> RegionFile | None:
        if tag not in self.files:
            path = region_path(self.course.root, tag)
            name = path.relative_to(self.course.root).as_posix()
            if not confine(  # also when missing: sync would write it through a symlinked folder
                self.course.root, path, name, Span(display_path(path)), self.reporter
            ):
                self.refused.add(tag)
                self.files[tag] = None
            else:
                loaded = load_region_file(path, tag, self.reporter) if path.is_file() else None
                if loaded is None and path.is_file():
                    self.unreadable.add(tag)
                self.files[tag] = loaded
        return self.files[tag]

    def region(self, tag: str, where: Span) -> Region | None:
        source = self.course.config.language
        if tag == source:
            return Region(tag, [], is_source=True, same_language=True)
        problem = tag_problem(tag)
        if problem:
            self.reporter.report(Code.CS607, where, problem)
            return None
        own = self.file(tag)
        if own is None and (tag in self.refused or tag in self.unreadable):
            return None  # already reported (CS405, or why the file did not load)
        if own is None:
            self.reporter.report(
                Code.CS614,
                where,
                f"region {tag} has no file {display_path(region_path(self.course.root, tag))}",
                help=f"run `coursec l10n sync --region {tag}` to create it",
            )
            return None
        region = Region(tag, [own], same_language=language_of(tag) == language_of(source))
        for fallback in self.fallbacks(tag):
            region.files.append(fallback)
        return region

    def fallbacks(self, tag: str) -> list[RegionFile]:
        explicit = self.course.config.fallback.get(tag)
        out: list[RegionFile] = []
        if explicit is None:
            parts = tag.split("-")
            for size in range(len(parts) - 1, 0, -1):
                parent = self.file("-".join(parts[:size]))
                if parent is not None:
                    out.append(parent)
            return out
        for fallback in explicit:
            where = config_span(self.course, fallback)
            if fallback == tag:
                self.reporter.report(Code.CS613, where, f"{tag} falls back to itself")
                continue
            if fallback == self.course.config.language:
                continue  # the source is always the end of the chain
            problem = tag_problem(fallback)
            if problem:
                self.reporter.report(Code.CS607, where, problem)
                continue
            found = self.file(fallback)
            if found is None:
                self.reporter.report(
                    Code.CS613,
                    where,
                    f"fallback {fallback} of {tag} has no file "
                    f"{display_path(region_path(self.course.root, fallback))}",
                )
                continue
            out.append(found)
        return out


def resolve_regions(
    course: Course, requested: list[str] | None, reporter: Reporter
) -> list[Region]:
    """The regions to build, source language first (when built), in the order asked."""
    loader = RegionLoader(course, reporter)
    config = course.config
    for tag in config.fallback:
        if tag not in config.regions:
            reporter.report(
                Code.CS613,
                config_span(course, tag),
                f"fallback chain for {tag}, which is not in 'regions'",
            )
    if requested is None:
        tags = [config.language, *config.regions]
        spans = {tag: config_span(course, tag) for tag in config.regions}
    else:
        tags = requested
        spans = {}
    regions: list[Region] = []
    for tag in dict.fromkeys(tags):
        region = loader.region(tag, spans.get(tag, Span("<command line>")))
        if region is not None:
            regions.append(region)
    return regions


def region_files(course_root: Path) -> list[str]:
    """Tags of every region file under ``locales/``."""
    folder = course_root / "locales"
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
