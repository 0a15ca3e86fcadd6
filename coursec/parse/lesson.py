"""One lesson file: front matter, pages (split at ``##`` headings), blocks.

In:  the lesson path, the course root and the shared id registries.
Out: a ``Lesson`` whose pages hold ``Prose``, ``Quiz`` and ``Assessment`` blocks; images are
     registered as assets and lesson links queued for ``coursec.check.links``.
Reported: front matter errors (CS001-CS003), unknown directives (CS201), invalid or duplicate
     page ids (CS101, CS102), raw HTML escaped (CS404), no title at all (CS021), plus what the
     directive parsers report.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.model import (
    Assessment,
    Asset,
    Block,
    Lesson,
    Page,
    Prose,
    Quiz,
    Scenario,
    ScenarioChoice,
    markdown_fields,
    quiz_markdown,
)
from coursec.parse import ids
from coursec.parse.assessment import ASSESSMENT_OPTIONS, parse_assessment
from coursec.parse.course import display_path, read_text, report_validation
from coursec.parse.directives import Directive, ProseMaker, read_directive, swallowed_tokens
from coursec.parse.media import MediaContext, PendingLink
from coursec.parse.quiz import QUIZ_OPTIONS, parse_quiz
from coursec.parse.scenario import SCENARIO_OPTIONS, parse_scenario
from coursec.parse.yamlsrc import load_yaml

DIRECTIVES = {
    "quiz": QUIZ_OPTIONS,
    "assessment": ASSESSMENT_OPTIONS,
    "scenario": SCENARIO_OPTIONS,
}
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
        if base in self.lesson_ids:
            self.reporter.report(Code.CS102, Span(shown, 1, 1), f"duplicate lesson id '{base}'")
        return ids.unique(base, self.lesson_ids)

    def _pages(
        self, lesson: Lesson, tokens: list[Token], lines: list[str], context: MediaContext
    ) -> None:
        page_ids: set[str] = set()
        shown = context.display_path
        page = Page(id=ids.unique("intro", page_ids), title="", span=Span(shown, 1, 1))
        pending: list[Token] = []
        prose_ids: set[str] = set()
        seen_h1 = False

        def make_prose(block_tokens: list[Token], span: Span) -> Prose:
            context.scan_tokens(block_tokens)
            self._escaped_html(block_tokens, context)
            text = " ".join(t.content for t in block_tokens if t.type == "inline")
            prose_id = ids.unique(ids.slugify(text, "p", max_words=4), prose_ids)
            return Prose(prose_id, block_tokens, span)

        def flush() -> None:
            if pending:
                first = pending[0].map or [0, 0]
                page.blocks.append(make_prose(list(pending), Span(shown, first[0] + 1, 1)))
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
                block, swallowed = self._directive(token, lines, context, make_prose)
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

    def _page_id(self, given: str | None, title: str, taken: set[str], span: Span) -> str:
        if given is not None:
            if not ids.is_valid_id(given):
                self.reporter.report(Code.CS101, span, f"invalid page id '{given}'")
            elif given in taken:
                self.reporter.report(
                    Code.CS102, span, f"duplicate page id '{given}' in this lesson"
                )
            else:
                taken.add(given)
                return given
        return ids.unique(ids.slugify(title, "page"), taken)

    def _directive(
        self,
        token: Token,
        lines: list[str],
        context: MediaContext,
        make_prose: ProseMaker,
    ) -> tuple[Block | None, list[Token]]:
        """The block of a directive token, and the tokens of the blocks it swallowed (when it
        was never closed) to parse after it."""
        info = token.info.strip()
        name = info[1:].split("}", 1)[0] if info.startswith("{") else info.split(" ", 1)[0]
        options = DIRECTIVES.get(name)
        directive = read_directive(token, lines, context.display_path, options, self.reporter)
        swallowed = swallowed_tokens(directive, lines, self.md) if directive else []
        return self._block(token, info, name, directive, context, lines, make_prose), swallowed

    def _block(
        self,
        token: Token,
        info: str,
        name: str,
        directive: Directive | None,
        context: MediaContext,
        lines: list[str],
        make_prose: ProseMaker,
    ) -> Block | None:
        if not info:
            self.reporter.report(
                Code.CS201,
                context.span_of((token.map or [0])[0], token.markup),
                f"fence '{token.markup}' has no directive name (a stray closing fence?)",
                help="an outer directive needs more colons than the ones nested in it",
            )
            return None
        if directive is None or name not in DIRECTIVES:
            span = directive.span if directive else context.span_of((token.map or [0])[0], ":::")
            self.reporter.report(
                Code.CS201,
                span,
                f"unknown directive '{name or info}'",
                help=did_you_mean(name, DIRECTIVES) or f"known: {', '.join(sorted(DIRECTIVES))}",
            )
            return None
        if name == "quiz":
            quiz = parse_quiz(directive, self.block_ids, self.reporter)
            if quiz is not None:
                self._rewrite_quiz_media(quiz, directive.span.line - 1, context)
            return quiz
        if name == "scenario":
            scenario = parse_scenario(
                directive,
                lines,
                self.md,
                self.block_ids,
                make_prose,
                context.scan_tokens,
                self.reporter,
            )
            self._rewrite_scenario_media(scenario, context)
            return scenario
        assessment: Assessment = parse_assessment(
            directive, lines, self.md, self.block_ids, make_prose, self.reporter
        )
        for quiz in assessment.quizzes:
            self._rewrite_quiz_media(quiz, quiz.span.line - 1, context)
        return assessment

    @staticmethod
    def _rewrite_quiz_media(quiz: Quiz, line_index: int, context: MediaContext) -> None:
        """Check and register the images of every Markdown field of the quiz (the model
        declares which fields those are), as prose images are."""
        del line_index  # each field is found from the line of the object holding it
        for owner, declared, span in quiz_markdown(quiz):
            text = getattr(owner, declared.name)
            setattr(owner, declared.name, context.rewrite_inline(text, span.line - 1))

    @staticmethod
    def _rewrite_scenario_media(scenario: Scenario, context: MediaContext) -> None:
        for node in scenario.nodes.values():
            for choice in node.choices:
                for declared in markdown_fields(ScenarioChoice):
                    text = getattr(choice, declared.name)
                    if text is not None:
                        rewritten = context.rewrite_inline(text, choice.span.line - 1)
                        setattr(choice, declared.name, rewritten)

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
