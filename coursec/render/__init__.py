"""Render one package's files: the single-page HTML, the runtime, the course media.

In:  the course model (parsed and checked), the adapter ('scorm12' | 'scorm2004' | 'local').
Out: ``render_site`` -> {package path: bytes | SourceFile}: ``index.html``, ``runtime/player.js``
     (the page's one script: the adapter's, scenario.js when the course has scenarios, the
     player's), ``runtime/coursec.css``, every ``course.assets`` file and the
     theme logo; media files as ``SourceFile`` (read when written). Same input, same bytes.
     ``SiteRenderer(course, reporter).site(adapter, reporter)`` is the same for each target of
     one region: the theme is loaded, and the course's Markdown rendered, once for all of them;
     so is the page when the theme's templates differ by target in the data alone
     (``coursec.render.shared_page``): each target's data then replaces a placeholder.
Reported: CS504 (theme), CS401 (logo or media missing), CS405/CS406 (a theme file outside
the theme, a template the sandbox refuses).
"""

from __future__ import annotations

import uuid
from typing import Any

from markupsafe import Markup

from coursec.content import FileMap, SourceFile
from coursec.diagnostics import Code, Reporter
from coursec.model import Course
from coursec.release.embed import has_releases
from coursec.render.context import ContextBuilder
from coursec.render.data import RegionData
from coursec.render.jinja import render_page
from coursec.render.markdown import MarkdownRenderer
from coursec.render.shared_page import data_only
from coursec.render.theme import Theme, load_theme
from coursec.runtime import ADAPTERS, PAGE_SCRIPT, page_script, runtime_file

__all__ = ["SiteRenderer", "render_site"]

#: where a region's page, rendered once, takes each target's data (no page holds it otherwise)
_DATA_SLOT = f"coursec-data-{uuid.uuid4().hex}"


def render_site(course: Course, adapter: str, reporter: Reporter) -> FileMap:
    return SiteRenderer(course, reporter).site(adapter, reporter)


class SiteRenderer:
    """One course (a region's model) rendered for one adapter after another: its theme is
    loaded (and reported) once, its prose rendered once, what its runtime data shares across
    adapters made once, and its page rendered once when only its data differs by adapter.
    The course must not change while this renders it."""

    def __init__(self, course: Course, reporter: Reporter, targets: int = 1) -> None:
        """``targets``: how many adapters it will render for (one: nothing to share)."""
        self.course = course
        self.theme: Theme | None = load_theme(course, reporter)
        self.md = MarkdownRenderer(allow_html=course.config.allow_html, keep_tokens=True)
        #: the lessons as the page shows them, the same for every adapter: computed once
        self.lessons: tuple[list[dict[str, Any]], int] | None = None
        #: the parts of the runtime data that do not depend on the adapter: made once
        self.data = RegionData()
        #: the page with ``_DATA_SLOT`` for its data, when it is the same for every adapter
        #: but for the data (``coursec.render.shared_page``): rendered once
        self.shared_page = targets > 1 and self.theme is not None and data_only(self.theme)
        self.page: str | None = None

    def site(self, adapter: str, reporter: Reporter) -> FileMap:
        if adapter not in ADAPTERS:
            raise ValueError(f"unknown adapter {adapter!r}")  # a programming error
        if self.theme is None:
            return {}
        builder = ContextBuilder(self.course, self.theme, adapter, self.md, self.data)
        if self.lessons is None:
            self.lessons = builder.lessons()
        context = builder.page_context(self.lessons)
        return _site(self.course, self.theme, adapter, self.render(context, reporter), reporter)

    def render(self, context: dict[str, Any], reporter: Reporter) -> str | None:
        """The page of ``context`` (None: the theme failed, reported)."""
        assert self.theme is not None
        if not self.shared_page:
            return render_page(self.theme, "index.html.j2", context, reporter)
        if self.page is None:  # a failure is reported again for the next adapter, as before
            self.page = render_page(
                self.theme, "index.html.j2", {**context, "data_json": Markup(_DATA_SLOT)},
                reporter,
            )
        if self.page is None:
            return None
        return self.page.replace(_DATA_SLOT, str(context["data_json"]))


def _site(
    course: Course,
    theme: Theme,
    adapter: str,
    page: str | None,
    reporter: Reporter,
) -> FileMap:
    if page is None:
        return {}
    files: FileMap = {
        "index.html": page.encode("utf-8"),
        PAGE_SCRIPT: page_script(adapter, bool(course.scenarios()), has_releases(course)),
        "runtime/coursec.css": runtime_file("coursec.css"),
    }
    for package_path in sorted(course.assets):
        asset = course.assets[package_path]
        try:
            with asset.source.open("rb"):  # readable now; copied from disk when written
                files[package_path] = SourceFile(asset.source)
        except OSError as error:
            reporter.report(Code.CS401, asset.span, f"cannot read media file: {error.strerror}")
    if theme.logo_source is not None and theme.logo_path and theme.logo_path not in files:
        files[theme.logo_path] = theme.logo_source.read_bytes()
    return dict(sorted(files.items()))
