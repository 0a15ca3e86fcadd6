"""One lesson file: front matter, pages (split at ``##`` headings), blocks.

In:  the lesson path, the course root and the shared id registries.
Out: a ``Lesson`` whose pages hold ``Prose``, ``Quiz`` and ``Assessment`` blocks; images are
     registered as assets and lesson links queued for ``coursec.check.links``.
Reported: front matter errors (CS001-CS003), unknown directives (CS201), invalid or duplicate
     lesson or page ids (CS101, CS102, ``coursec.parse.ids``), raw HTML escaped (CS404), no
     title at all (CS021), plus what the directive parsers (``coursec.parse.table``) and the
     media checks of every block (``coursec.parse.media.rewrite_media``) report.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.model import Asset, Block, Lesson, Page, Prose
from coursec.parse import ids
from coursec.parse.course import display_path, read_text, report_validation
from coursec.parse.directives import DirectiveContext, read_directive, swallowed_tokens
from coursec.parse.media import MediaContext, PendingLink, rewrite_media
from coursec.parse.table import DIRECTIVES
from coursec.parse.yamlsrc import load_yaml

_NUMBER_PREFIX_RE = re.compile(r"^\d+[-_. ]*")


class LessonMeta(BaseModel):
    """Lesson front matter."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, pattern=ids.ID_RE.pattern)
    title: str | None = Field(None, min_length=1)
    objectives: list[str] = Field(default_factory=list)
    duration: str | None = Field(None, pattern=r"^\d+\s*(m|min|h)$")


class LessonParser:
    """Parses lesson files of one course; keeps the id registries shared across lessons."""

    def __init__(
        self, course_root: Path, md: MarkdownIt, reporter: Reporter, assets: dict[str, Asset]
    ) -> None:
        self.course_root = course_root
        self.md = md
        self.reporter = reporter
        self.assets = assets
        self.block_ids: set[str] = set()  # quiz and assessment ids are course-wide
        self.lesson_ids: set[str] = set()
        self.links: list[PendingLink] = []

    def parse(self, path: Path) -> Lesson | None:
        text = read_text(path, self.reporter)
        if text is None:
            return None
        shown = display_path(path)
        lines = text.split("\n")
        tokens = self.md.parse(text)
        meta = self._front_matter(tokens, shown)
        context = MediaContext(
            self.course_root, path, shown, lines, self.assets, self.links, self.reporter
        )
        lesson_id = self._lesson_id(meta, path, shown)
        lesson = Lesson(
            id=lesson_id,
            title=meta.title or "",
            path=path,
            span=Span(shown, 1, 1),
            objectives=list(meta.objectives),
            duration=meta.duration,
        )
        self._pages(lesson, tokens, lines, context)
        if not lesson.title:
            lesson.title = lesson_id.replace("-", " ").capitalize()
            self.reporter.report(
                Code.CS021,
                Span(shown, 1, 1),
                f"this lesson has no '# Title' heading; its title is '{lesson.title}', "
                "made from the file name",
                help="start the lesson with a line '# Your title' (or set 'title:' in the "
                "front matter)",
            )
        if lesson.pages and lesson.pages[0].title == "":
            lesson.pages[0].title = lesson.title
        return lesson

    def _front_matter(self, tokens: list[Token], shown: str) -> LessonMeta:
        if not tokens or tokens[0].type != "front_matter":
            return LessonMeta()
        data, locator = load_yaml(tokens[0].content, shown, self.reporter, line_offset=1)
        if data is None:
            return LessonMeta()
        if not isinstance(data, dict):
            self.reporter.report(Code.CS003, Span(shown, 2, 1), "front matter must be a mapping")
            return LessonMeta()
        try:
            return LessonMeta.model_validate(data)
        except ValidationError as exc:
            report_validation(exc, LessonMeta, locator, self.reporter)
            valid = {k: v for k, v in data.items() if k in LessonMeta.model_fields}
            try:
                return LessonMeta.model_validate(valid)
            except ValidationError:
                return LessonMeta()

    def _lesson_id(self, meta: LessonMeta, path: Path, shown: str) -> str:
        base = meta.id or ids.slugify(_NUMBER_PREFIX_RE.sub("", path.stem), "lesson", max_words=8)
        scope = ids.IdScope(self.lesson_ids)
        claimed = scope.claim(base, "lesson", Span(shown, 1, 1), self.reporter)
        return claimed or ids.unique(base, self.lesson_ids)

    def _pages(
        self, lesson: Lesson, tokens: list[Token], lines: list[str], context: MediaContext
    ) -> None:
        page_ids = ids.IdScope(where=" in this lesson")
        shown = context.display_path
        page = Page(id=page_ids.derive("intro", "page"), title="", span=Span(shown, 1, 1))
        pending: list[Token] = []
        prose_ids = ids.IdScope()
        seen_h1 = False

        def make_prose(block_tokens: list[Token], span: Span) -> Prose:
            self._escaped_html(block_tokens, context)
            text = " ".join(t.content for t in block_tokens if t.type == "inline")
            return Prose(prose_ids.derive(text, "p", max_words=4), block_tokens, span)

        directives = DirectiveContext(
            lines, self.md, ids.IdScope(self.block_ids), make_prose, self.reporter
        )

        def flush() -> None:
            if pending:
                first = pending[0].map or [0, 0]
                prose = make_prose(list(pending), Span(shown, first[0] + 1, 1))
                rewrite_media(prose, context)
                page.blocks.append(prose)
                pending.clear()

        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "front_matter":
                index += 1
                continue
            if token.type == "heading_open" and token.tag in ("h1", "h2"):
                inline = tokens[index + 1]
                line = (token.map or [0])[0]
                if token.tag == "h1" and not seen_h1:
                    seen_h1 = True
                    lesson.title = lesson.title or inline.content.strip()
                    index += 3
                    continue
                if token.tag == "h2":
                    flush()
                    if page.blocks or page.title:
                        lesson.pages.append(page)
                    title, given = ids.split_trailing_id(inline.content.strip())
                    page = Page(
                        id=self._page_id(given, title, page_ids, context.span_of(line, "{#")),
                        title=title,
                        span=Span(shown, line + 1, 1),
                    )
                    index += 3
                    continue
            if token.type == "colon_fence":
                flush()
                block, swallowed = self._directive(token, context, directives)
                if block is not None:
                    page.blocks.append(block)
                index += 1
                tokens[index:index] = swallowed
                continue
            pending.append(token)
            index += 1
        flush()
        if page.blocks or page.title or not lesson.pages:
            lesson.pages.append(page)

    def _page_id(self, given: str | None, title: str, scope: ids.IdScope, span: Span) -> str:
        claimed = scope.claim(given, "page", span, self.reporter) if given is not None else None
        return claimed or scope.derive(title, "page")

    def _directive(
        self, token: Token, context: MediaContext, directives: DirectiveContext
    ) -> tuple[Block | None, list[Token]]:
        """The block of a directive token (its media checked), and the tokens of the blocks it
        swallowed (when it was never closed) to parse after it."""
        lines = directives.lines
        info = token.info.strip()
        name = info[1:].split("}", 1)[0] if info.startswith("{") else info.split(" ", 1)[0]
        spec = DIRECTIVES.get(name)
        options = spec.options if spec is not None else None
        directive = read_directive(token, lines, context.display_path, options, self.reporter)
        swallowed = swallowed_tokens(directive, lines, self.md) if directive else []
        if not info:
            self.reporter.report(
                Code.CS201,
                context.span_of((token.map or [0])[0], token.markup),
                f"fence '{token.markup}' has no directive name (a stray closing fence?)",
                help="an outer directive needs more colons than the ones nested in it",
            )
            return None, swallowed
        if directive is None or spec is None:
            span = directive.span if directive else context.span_of((token.map or [0])[0], ":::")
            self.reporter.report(
                Code.CS201,
                span,
                f"unknown directive '{name or info}'",
                help=did_you_mean(name, DIRECTIVES) or f"known: {', '.join(sorted(DIRECTIVES))}",
            )
            return None, swallowed
        block = spec.parse(directive, directives)
        if block is not None:
            rewrite_media(block, context)
        return block, swallowed

    def _escaped_html(self, tokens: list[Token], context: MediaContext) -> None:
        if self.md.options.get("html"):
            return
        for token in tokens:
            if token.type == "inline" and re.search(r"<[A-Za-z/!][^>]*>", token.content):
                line = (token.map or [0])[0]
                match = re.search(r"<[A-Za-z/!][^>]*>", token.content)
                assert match is not None
                self.reporter.report(
                    Code.CS404,
                    context.span_of(line, match.group(0)),
                    f"raw HTML {match.group(0)!r} is shown as text",
                    help="write it in Markdown, or set 'allow_html: true' in course.yaml "
                    "(it is then sanitized)",
                )
