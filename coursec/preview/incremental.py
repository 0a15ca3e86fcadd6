"""Incremental builds for the preview: parse only the lesson files that changed.

In:  the course folder, the build options of the preview (strict, edition), and the set of
     paths that changed since the last build (from the watcher).
Out: ``Builder.result(region, target)`` -> a ``BuildResult``: the package files in memory (the
     same files ``coursec build`` would write) or the diagnostics that stopped the build, with
     the time it took. ``Builder.last_good(region, target)`` is what the preview keeps serving
     while the source is broken. Nothing is written to disk.
Reported: whatever the pipeline reports (``coursec.build.load_and_check``, the renderer and the
     target); the preview shows it as an overlay and in the terminal.

The cache: ``LessonCache.load`` is a ``coursec.build.Loader``. A lesson file is parsed again only
when its bytes, the ids taken by the lessons before it (ids are course-wide and made unique in
file order) or the markdown options changed; otherwise the ``Lesson`` from the last build is
reused with the diagnostics, media and links its parse produced. Any change outside the lesson
files (course.yaml, media, locales, theme) empties the cache, so a media file that appears
clears the error of the lesson that referenced it. ``ScenarioMemo`` does the same for the
scenario analysis (the costliest check): a scenario object that came from the cache is not
explored again, its diagnostics are replayed. Localizing, rendering and packaging run for the
one (region, target) shown, with the build's own ``coursec.build.make_packages``.
"""

from __future__ import annotations

import gc
import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from coursec.build import BuildOptions, load_and_check, make_packages
from coursec.check.scenario import check_scenario
from coursec.content import FileMap
from coursec.contract.keys import page_key
from coursec.diagnostics import Diagnostic, Reporter
from coursec.model import Asset, Course, Lesson, Scenario
from coursec.parse import finish_course
from coursec.parse.course import lesson_paths, load_config
from coursec.parse.lesson import LessonParser
from coursec.parse.markdown import make_markdown
from coursec.parse.media import PendingLink, register_asset

CacheKey = tuple[str, str, bool, frozenset[str], frozenset[str]]


@dataclass
class _Parsed:
    lesson: Lesson | None
    links: list[PendingLink]
    diagnostics: list[Diagnostic]
    assets: dict[str, Asset]
    lesson_ids: set[str]
    block_ids: set[str]


class LessonCache:
    """A ``Loader`` that keeps every lesson's parse, keyed by what the parse depends on."""

    def __init__(self) -> None:
        self._entries: dict[CacheKey, _Parsed] = {}
        self._markdown: dict[bool, MarkdownIt] = {}
        self.parsed = 0  # lesson files parsed by the last load (the rest came from the cache)
        self.reused = 0

    def clear(self) -> None:
        self._entries.clear()

    def load(self, root: Path, reporter: Reporter) -> tuple[Course, list[PendingLink]] | None:
        config = load_config(root, reporter)
        if config is None:
            return None
        course = Course(config=config, root=root)
        md = self._markdown.setdefault(config.allow_html, make_markdown(config.allow_html))
        links: list[PendingLink] = []
        lesson_ids: set[str] = set()
        block_ids: set[str] = set()
        kept: dict[CacheKey, _Parsed] = {}
        self.parsed = self.reused = 0
        for path in lesson_paths(root, config, reporter):
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = ""  # the parser reports the read error
            key: CacheKey = (
                str(path),
                digest,
                config.allow_html,
                frozenset(lesson_ids),
                frozenset(block_ids),
            )
            entry = self._entries.get(key)
            if entry is None or not digest:
                entry = self._parse(root, md, path, lesson_ids, block_ids, reporter.strict)
                self.parsed += 1
            else:
                self.reused += 1
            kept[key] = entry
            reporter.diagnostics.extend(entry.diagnostics)
            for asset in entry.assets.values():
                register_asset(course.assets, asset, root.resolve(), reporter)
            links.extend(entry.links)
            lesson_ids, block_ids = set(entry.lesson_ids), set(entry.block_ids)
            if entry.lesson is not None:
                course.lessons.append(entry.lesson)
        self._entries = kept
        finish_course(course, reporter)
        return course, links

    @staticmethod
    def _parse(
        root: Path,
        md: MarkdownIt,
        path: Path,
        lesson_ids: set[str],
        block_ids: set[str],
        strict: bool,
    ) -> _Parsed:
        reporter = Reporter(strict=strict)
        assets: dict[str, Asset] = {}
        parser = LessonParser(root, md, reporter, assets)
        parser.lesson_ids = set(lesson_ids)
        parser.block_ids = set(block_ids)
        lesson = parser.parse(path)
        return _Parsed(
            lesson, parser.links, reporter.diagnostics, assets, parser.lesson_ids, parser.block_ids
        )


class ScenarioMemo:
    """A ``coursec.build.ScenarioCheck`` that analyses each scenario object once."""

    def __init__(self) -> None:
        self._done: dict[int, tuple[Scenario, bool, list[Diagnostic]]] = {}

    def check(self, scenario: Scenario, reporter: Reporter) -> None:
        done = self._done.get(id(scenario))
        if done is None or done[0] is not scenario or done[1] != reporter.strict:
            own = Reporter(strict=reporter.strict)
            check_scenario(scenario, own)
            done = (scenario, reporter.strict, own.diagnostics)
            self._done[id(scenario)] = done
        reporter.diagnostics.extend(done[2])

    def keep_only(self, scenarios: list[Scenario]) -> None:
        live = {id(s) for s in scenarios}
        self._done = {k: v for k, v in self._done.items() if k in live}


@dataclass
class ScenarioInfo:
    id: str
    title: str
    page: str  # the page key (``<lesson>--<page>``) of the page that holds it


@dataclass
class BuildResult:
    generation: int
    region: str
    target: str
    ok: bool
    files: FileMap = field(repr=False, default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    milliseconds: float = 0.0
    cpu_milliseconds: float = 0.0  # the building thread's CPU time (neighbours excluded)
    parsed: int = 0  # lesson files parsed again for this build
    reused: int = 0  # lesson files taken from the cache
    course: Course | None = field(repr=False, default=None)

    def scenarios(self) -> list[ScenarioInfo]:
        if self.course is None:
            return []
        found = []
        for lesson in self.course.lessons:
            for page in lesson.pages:
                for block in page.blocks:
                    if isinstance(block, Scenario):
                        key = page_key(lesson.id, page.id)
                        found.append(ScenarioInfo(block.id, block.title or block.id, key))
        return found


class Builder:
    """Builds one (region, target) at a time on demand; thread-safe."""

    def __init__(self, course_dir: Path, *, strict: bool = False, edition: int | None = None):
        self.course_dir = course_dir
        self.strict = strict
        self.edition = edition
        self.cache = LessonCache()
        self.scenarios = ScenarioMemo()
        self.generation = 1
        self._lock = threading.RLock()
        self._latest: dict[tuple[str, str], BuildResult] = {}
        self._good: dict[tuple[str, str], BuildResult] = {}

    def lessons_only(self, changed: set[Path]) -> bool:
        """Whether every changed path is a lesson file (``lessons/**.md``)."""
        lessons = (self.course_dir / "lessons").resolve()
        return all(p.suffix == ".md" and lessons in p.resolve().parents for p in changed)

    def invalidate(self, changed: set[Path]) -> int:
        """The source changed: the next ``result`` rebuilds. Returns the new generation."""
        with self._lock:
            if not self.lessons_only(changed):
                self.cache.clear()
            self.generation += 1
            return self.generation

    def built_keys(self) -> list[tuple[str, str]]:
        with self._lock:
            return list(self._latest)

    def result(self, region: str, target: str) -> BuildResult:
        with self._lock:
            latest = self._latest.get((region, target))
            if latest is not None and latest.generation == self.generation:
                return latest
            result = self._build(region, target)
            self._latest[(region, target)] = result
            if result.ok:
                self._good[(region, target)] = result
            return result

    def last_good(self, region: str, target: str) -> BuildResult | None:
        with self._lock:
            return self._good.get((region, target))

    def _build(self, region: str, target_name: str) -> BuildResult:
        """One build; the cyclic garbage collector waits until it is done (the parse cache
        keeps many objects alive, and a full collection in the middle of rendering is a good
        part of a rebuild's time)."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._build_now(region, target_name)
        finally:
            if collecting:
                gc.enable()

    def _build_now(self, region: str, target_name: str) -> BuildResult:
        start, cpu = time.perf_counter(), time.thread_time()
        reporter = Reporter(strict=self.strict)
        options = BuildOptions(
            course_dir=self.course_dir,
            targets=[target_name],
            edition=self.edition,
            strict=self.strict,
            regions=[region],
        )
        checked = load_and_check(
            options, reporter, load=self.cache.load, scenario_check=self.scenarios.check
        )
        result = BuildResult(self.generation, region, target_name, ok=False)
        result.parsed, result.reused = self.cache.parsed, self.cache.reused
        if checked is not None:
            result.course = checked[0]
            self.scenarios.keep_only(checked[0].scenarios())
        if checked is not None and not reporter.has_errors and checked[1]:
            packages = make_packages(checked[0], checked[1], options, reporter)
            if packages and not reporter.has_errors:
                result.ok, result.files = True, packages[0].files
        result.diagnostics = reporter.sorted()
        result.milliseconds = (time.perf_counter() - start) * 1000
        result.cpu_milliseconds = (time.thread_time() - cpu) * 1000
        return result
