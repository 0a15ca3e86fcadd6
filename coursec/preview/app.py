"""``coursec preview``: serve the course, rebuild on save, until Ctrl-C.

In:  ``PreviewOptions`` (course folder, region, target, port, open a browser or not, strict).
Out: an HTTP server on 127.0.0.1 (``coursec.preview.server``; it answers only requests naming
     127.0.0.1, localhost or [::1] on its port, and changes only from its own pages) whose URL
     is printed; every save
     under the course folder (or the theme folder) rebuilds what the open panels show, prints
     the result on the terminal and tells the panels: the event carries, per (region, target),
     the page patch of ``coursec.preview.repaint`` (a prose or question-text save: the panel
     swaps the pages into the running SCO) or why the SCO must relaunch (it then reloads and
     resumes), with the wall-clock stamps of the save seen, the build done and the patch
     planned.
     ``run`` returns 0 after Ctrl-C / SIGINT / SIGTERM once the server is shut down, 2 when the
     port is taken.
Reported: the build diagnostics (terminal and overlay); nothing of its own.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
import webbrowser
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

import watchfiles

from coursec.diagnostics import Reporter, format_diagnostic
from coursec.model import Course
from coursec.parse.course import load_config
from coursec.preview import repaint
from coursec.preview.incremental import Builder, BuildResult
from coursec.preview.lrs import StatementSink
from coursec.preview.scormagain import INSTALL_HINT, find_scorm_again
from coursec.preview.server import Events, PreviewServer, Site
from coursec.render.theme import find_theme_folder
from coursec.targets import TARGET_NAMES

#: watchfiles: yield the changes once nothing new arrived for this long (editors save in bursts)
STEP_MS = 15
DEBOUNCE_MS = 300


@dataclass
class PreviewOptions:
    course_dir: Path
    region: str | None = None
    target: str | None = None
    port: int = 8000
    open_browser: bool = False
    strict: bool = False
    edition: int | None = None


class Preview:
    """The server, the builder and the watcher of one ``coursec preview`` run."""

    def __init__(self, options: PreviewOptions, out: TextIO = sys.stderr) -> None:
        self.options = options
        self.out = out
        course_dir = options.course_dir
        config = load_config(course_dir, Reporter())
        language = config.language if config else "en-US"
        regions = [language, *config.regions] if config else [language]
        targets = list(TARGET_NAMES)
        wanted = options.target or (config.targets[0] if config and config.targets else "web")
        self.watched = [course_dir.resolve()]
        if config is not None:
            theme = find_theme_folder(Course(config=config, root=course_dir))
            if theme is not None and course_dir.resolve() not in theme.resolve().parents:
                self.watched.append(theme.resolve())
        self.builder = Builder(course_dir, strict=options.strict, edition=options.edition)
        self.events = Events()
        self.site = Site(
            builder=self.builder,
            events=self.events,
            regions=regions,
            targets=targets,
            title=config.title if config else course_dir.name,
            scorm_again=find_scorm_again(course_dir),
            default_region=options.region if options.region in regions else language,
            default_target=wanted if wanted in targets else "web",
        )
        self.site.sink = StatementSink(
            lambda count: self.events.publish({"statements": count}),
            lambda text: print(f"coursec: note: {text}", file=self.out, flush=True),
        )
        self.server = PreviewServer(self.site, options.port)
        self._stop = threading.Event()

    @property
    def url(self) -> str:
        return self.server.url

    # --- running --------------------------------------------------------------------------

    def start(self) -> None:
        """Build the default view once (so errors show at once), then serve."""
        self._report(self.builder.result(self.site.default_region, self.site.default_target))
        self.server.start()

    def stop(self) -> None:
        self._stop.set()
        self.server.stop()

    def watch(self) -> None:
        """Rebuild on every change until ``stop`` (or Ctrl-C in the main thread)."""
        for changes in watchfiles.watch(
            *self.watched,
            step=STEP_MS,
            debounce=DEBOUNCE_MS,
            stop_event=self._stop,
            raise_interrupt=True,
        ):
            self.rebuild({Path(path) for _, path in changes})

    def rebuild(self, changed: set[Path]) -> None:
        """Rebuild what the panels show; the event says, per view, how its page catches up."""
        detected = time.time()
        keys = self.builder.built_keys() or [(self.site.default_region, self.site.default_target)]
        shown = {key: self.builder.last_good(*key) for key in keys}
        lessons_only = self.builder.lessons_only(changed)
        generation = self.builder.invalidate(changed)
        results = [self.builder.result(region, target) for region, target in keys]
        built = time.time()
        patches: dict[str, dict[str, Any]] = {}
        for result in results:
            old = shown[(result.region, result.target)]
            if result.ok:
                how = repaint.plan(old.files if old else None, result.files, lessons_only)
                patches[f"{result.region}/{result.target}"] = (
                    how.message(old.generation, result.generation)
                    if isinstance(how, repaint.Patch) and old is not None
                    else {"relaunch": getattr(how, "reason", "")}
                )
        for result in results:
            self._report(result)
            sent = patches.get(f"{result.region}/{result.target}")
            if sent is not None:
                said = (
                    f"relaunch: {sent['relaunch']}"
                    if "relaunch" in sent
                    else f"{len(sent['pages'])} page(s) patched in place"
                )
                print(f"coursec: {result.target} ({result.region}): {said}", file=self.out)
        self.events.publish(
            {
                "generation": generation,
                "detected": detected * 1000,
                "built": built * 1000,
                "planned": time.time() * 1000,
                "buildCpu": sum(r.cpu_milliseconds for r in results),
                "ok": {f"{r.region}/{r.target}": r.ok for r in results},
                "patches": patches,
            }
        )

    def _report(self, result: BuildResult) -> None:
        where = f"{result.target} ({result.region})"
        if result.ok:
            for diag in result.diagnostics:
                print(format_diagnostic(diag), file=self.out)
            print(
                f"coursec: built {where} in {result.milliseconds:.0f} ms"
                f" ({result.parsed} lesson file(s) parsed, {result.reused} from the cache)",
                file=self.out,
                flush=True,
            )
            return
        for diag in result.diagnostics:
            print(format_diagnostic(diag), file=self.out)
        errors = sum(d.severity.value == "error" for d in result.diagnostics)
        print(
            f"coursec: {where} has {errors} error(s); the preview keeps serving the last good"
            " build",
            file=self.out,
            flush=True,
        )


def run(options: PreviewOptions, out: TextIO = sys.stderr) -> int:
    try:
        preview = Preview(options, out)
    except OSError as exc:
        print(f"coursec: cannot listen on 127.0.0.1:{options.port}: {exc.strerror}", file=out)
        return 2
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        preview.start()
        print(f"coursec: previewing {options.course_dir} at {preview.url}", file=out)
        if preview.site.scorm_again is None:
            print(f"coursec: note: {INSTALL_HINT}", file=out)
        print("coursec: press Ctrl-C to stop", file=out, flush=True)
        if options.open_browser:
            webbrowser.open(preview.url)
        preview.watch()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
        signal.signal(signal.SIGTERM, previous)
    print("coursec: preview stopped", file=out, flush=True)
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> Any:
    raise KeyboardInterrupt
