"""Segments: every learner-visible string of a course, under a stable key.

In:  a ``Course`` (parsed and checked).
Out: ``segments(course)`` -> the ordered ``Segment``s (key, source text, kind, span, block);
     ``rewrite(course, translate)`` replaces, in place, each segment's text by what
     ``translate(segment)`` returns (None: leave it). Prose is rewritten per inline token and
     re-parsed with the one markdown-it instance of ``coursec.parse.markdown``; links and images
     keep the package paths the checks resolved. Nothing is reported here.

Keys are built from ids, never from line numbers or the text itself::

    course.title  course.description
    <lesson>.title  <lesson>.<page>.title  <lesson>.<page>.p<n>      n-th prose segment of the
                                                                      page (paragraph, list item,
                                                                      table cell, heading)
    <quiz>.prompt .hint .correct .incorrect .answers  <quiz>.choice.<id>[.feedback]
    <quiz>.pair.<id>.term  <quiz>.pair.<id>.match
    <assessment>.title  <assessment>.intro.p<n>
    <scenario>.title  <scenario>.intro.p<n>  <scenario>.node.<id>.p<n>
    <scenario>.node.<id>.choice.<cid>[.feedback]  <scenario>.ending.<id>.p<n>

Below a page, what is a segment and how it is keyed comes from the model's declaration
(``coursec.texts``): a text field's kind and ``key``, a part's key (``choice``, ``node``...); the
walk here knows only course, lesson and page titles (a page titled like its lesson is no segment
of its own, and renaming the lesson renames it).
Quiz, assessment and scenario ids are unique in the course, so their keys need no lesson part.
Each segment has a short hash of its source text (``source_hash``): a region file stores it
beside the translation, and a different hash later means the translation is stale.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from coursec.diagnostics import Span
from coursec.model import Block, Course, Prose
from coursec.texts import TextField, part_items, parts, text_fields

Kind = Literal["plain", "inline", "block", "answers"]
ANSWER_SEPARATOR = " | "
_SOFT_BREAK_RE = re.compile(r"(?<!  )(?<!\\)[ \t]*\n[ \t]*")


@dataclass(frozen=True)
class Segment:
    key: str
    text: str  # the source text (Markdown for inline/block kinds)
    kind: Kind  # plain: shown as text; inline/block: Markdown; answers: "a | b" fill-in list
    span: Span  # where the source text is
    block: str  # the override unit it belongs to ("<quiz>", "<scenario>.node.<id>", ...)

    @property
    def hash(self) -> str:
        return source_hash(self.text)


def source_hash(text: str) -> str:
    """8 hex digits of SHA-1 over the text with whitespace runs collapsed."""
    normal = " ".join(text.split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:8]


def unwrap(text: str) -> str:
    """An inline segment on one line: soft line breaks become spaces (hard breaks stay)."""
    return _SOFT_BREAK_RE.sub(" ", text.strip())


Translate = Callable[[Segment], "str | None"]


def segments(course: Course) -> list[Segment]:
    found: list[Segment] = []

    def collect(segment: Segment) -> None:
        found.append(segment)
        return None

    _Walker(course, collect, None).walk()
    return found


def rewrite(course: Course, translate: Translate, md: MarkdownIt) -> None:
    """Replace every segment's text in ``course`` (in place) with ``translate``'s answer."""
    _Walker(course, translate, md).walk()


class _Walker:
    def __init__(self, course: Course, visit: Translate, md: MarkdownIt | None) -> None:
        self.course = course
        self.visit = visit
        self.md = md

    def text(self, key: str, text: str, kind: Kind, span: Span, block: str) -> str | None:
        new = self.visit(Segment(key, text, kind, span, block))
        return new if new is not None and new != text else None

    def walk(self) -> None:
        course = self.course
        config = course.config
        span = Span(str(course.root / "course.yaml"), 1, 1)
        updates: dict[str, str] = {}
        if (new := self.text("course.title", config.title, "plain", span, "course")) is not None:
            updates["title"] = new
        description = config.description.strip()
        if description and (
            new := self.text("course.description", description, "plain", span, "course")
        ) is not None:
            updates["description"] = new
        if updates:
            course.config = config.model_copy(update=updates)
        for lesson in course.lessons:
            if (new := self.text(f"{lesson.id}.title", lesson.title, "plain", lesson.span,
                                 lesson.id)) is not None:
                old_title = lesson.title
                lesson.title = new
                if lesson.pages and lesson.pages[0].title == old_title:
                    lesson.pages[0].title = new
            for index, page in enumerate(lesson.pages):
                base = f"{lesson.id}.{page.id}"
                intro = index == 0 and page.title == lesson.title
                if page.title and not intro and (
                    new := self.text(f"{base}.title", page.title, "plain", page.span, base)
                ) is not None:
                    page.title = new
                counter = [0]
                for block in page.blocks:
                    self.block(block, base, counter)

    def block(self, block: Block, base: str, counter: list[int]) -> None:
        """A block of a page or an assessment (a ``part(None)``): prose continues the paragraph
        numbering of its container, any other block is keyed by its own course-wide id."""
        if isinstance(block, Prose):
            self.owner(block, base, base, counter)
        else:
            self.owner(block, block.id, block.id, [0])

    def owner(self, owner: Any, base: str, unit: str, counter: list[int]) -> None:
        """Every translatable text field the model declares on ``owner`` (``coursec.model.text``),
        keyed ``<base>.<key>``, then the objects of its parts (``coursec.model.part``):
        ``<base>.<part>.<id>`` (a new override unit when the part says so), or
        ``<base>.<part>.p<n>`` for prose not keyed by id."""
        for declared in text_fields(type(owner)):
            if declared.translatable and getattr(owner, declared.name) is not None:
                self.field(owner, declared, base, unit, counter)
        for declared_part in parts(type(owner)):
            items = part_items(owner, declared_part)
            if declared_part.key is None:
                for item in items:
                    self.block(item, base, counter)
            elif not declared_part.by_id:
                shared = [0]
                for item in items:
                    self.owner(item, f"{base}.{declared_part.key}", unit, shared)
            else:
                for item in items:
                    key = f"{base}.{declared_part.key}.{item.id}"
                    self.owner(item, key, key if declared_part.unit else unit, [0])

    def tokens(
        self, tokens: list[Token], base: str, span: Span, counter: list[int], block: str
    ) -> None:
        for token in tokens:
            if token.type != "inline":
                continue
            counter[0] += 1
            line = (token.map or [span.line - 1])[0] + 1
            where = Span(span.path, line, 1)
            key = f"{base}.p{counter[0]}"
            new = self.text(key, unwrap(token.content), "inline", where, block)
            if new is not None:
                self.reinline(token, new)

    def reinline(self, token: Token, text: str) -> None:
        """Re-parse ``token`` as ``text``, keeping the resolved href/src of each link/image."""
        assert self.md is not None, "rewrite() needs the markdown-it instance"
        children = self.md.parseInline(text)[0].children or []
        targets = [child for child in _walk(children) if child.type in ("image", "link_open")]
        resolved: dict[tuple[str, str], str] = {}
        if targets:  # the source is parsed again only to map what its links were written as
            original = self.md.parseInline(token.content)[0].children or []
            resolved = _targets(original, token.children or [])
        for child in targets:
            attr = "src" if child.type == "image" else "href"
            value = str(child.attrGet(attr) or "")
            if (child.type, value) in resolved:
                child.attrSet(attr, resolved[(child.type, value)])
        token.content = text
        token.children = children

    def field(
        self, owner: Any, declared: TextField, base: str, unit: str, counter: list[int]
    ) -> None:
        value = getattr(owner, declared.name)
        key = f"{base}.{declared.key}" if declared.key else base
        span: Span = owner.span
        if declared.kind == "tokens":
            self.tokens(value, base, span, counter, unit)
            return
        if declared.kind == "answers":
            if value:
                joined = ANSWER_SEPARATOR.join(value)
                new = self.text(key, joined, "answers", span, unit)
                if new is not None:
                    setattr(owner, declared.name,
                            [a.strip() for a in new.split("|") if a.strip()])
            return
        if declared.optional and not value:
            return
        kind: Kind = "plain" if declared.kind == "plain" else declared.kind
        new = self.text(key, value, kind, span, unit)
        if declared.kind == "plain":
            if new:  # an empty translation of a title is ignored
                setattr(owner, declared.name, new)
        elif new is not None and (new or not declared.optional):
            setattr(owner, declared.name, new)


def _walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(_walk(token.children))
    return out


def _targets(original: list[Token], resolved: list[Token]) -> dict[tuple[str, str], str]:
    """Map each link/image target as written to the target after the checks resolved it."""
    def refs(tokens: list[Token]) -> list[tuple[str, str]]:
        out = []
        for token in _walk(tokens):
            if token.type == "image":
                out.append(("image", str(token.attrGet("src") or "")))
            elif token.type == "link_open":
                out.append(("link_open", str(token.attrGet("href") or "")))
        return out

    return {
        written: done[1]
        for written, done in zip(refs(original), refs(resolved), strict=False)
        if written[0] == done[0]
    }
