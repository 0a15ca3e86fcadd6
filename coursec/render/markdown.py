"""Markdown of the model to HTML: prose tokens, block and inline ``*_md`` fields, plain text.

In:  model text (``Prose.tokens`` already parsed by ``coursec.parse``; ``*_md`` strings).
Out: ``Markup`` safe to place in templates; ``fields(owner)``: every text field the model
     declares on an object (``coursec.model.text``), rendered as its kind says. Raw HTML
     is escaped by markdown-it (``html: False``) unless the course sets ``allow_html``, in which
     case the HTML is sanitized with nh3.
     Nothing is reported here (the parser already reported CS404 for escaped HTML).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from coursec.texts import text_fields

_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")
#: texts kept rendered per kind (a build renders each text once per target, and a region's
#: texts are mostly the source's): enough for a 20x course, bounded for a long preview
CACHE_SIZE = 1 << 14


def _make_markdown(allow_html: bool) -> MarkdownIt:
    try:
        from coursec.parse.markdown import make_markdown
    except ImportError:  # pragma: no cover - only before the parser existed
        from mdit_py_plugins.colon_fence import colon_fence_plugin
        from mdit_py_plugins.front_matter import front_matter_plugin

        md = MarkdownIt("commonmark", {"html": allow_html, "typographer": False})
        md.enable("table")
        md.use(front_matter_plugin)
        md.use(colon_fence_plugin)
        return md
    return make_markdown(allow_html)


class MarkdownRenderer:
    """One per build: renders model text with the course's markdown-it configuration."""

    def __init__(self, allow_html: bool = False, keep_tokens: bool = False) -> None:
        self.md = _make_markdown(allow_html)
        self.allow_html = allow_html
        #: ``keep_tokens``: each token list rendered once (by identity; the list is held, so
        #: its id is not reused): for a renderer that renders one unchanging model per target
        self._tokens: dict[int, tuple[list[Token], Markup]] | None = {} if keep_tokens else None

    def _clean(self, rendered: str) -> Markup:
        if self.allow_html:
            rendered = nh3.clean(rendered)
        return Markup(rendered)

    def tokens(self, tokens: list[Token]) -> Markup:
        kept = self._tokens.get(id(tokens)) if self._tokens is not None else None
        if kept is not None and kept[0] is tokens:
            return kept[1]
        env: dict[str, Any] = {}
        rendered = self._clean(self.md.renderer.render(tokens, self.md.options, env))
        if self._tokens is not None:
            self._tokens[id(tokens)] = (tokens, rendered)
        return rendered

    def block(self, text: str) -> Markup:
        return _block(self.allow_html, text)

    def inline(self, text: str) -> Markup:
        return _inline(self.allow_html, text)

    def fields(self, owner: object, skip: Collection[str] = ()) -> dict[str, Any]:
        """Every declared text field of ``owner`` (but those in ``skip`` and fill-in answers),
        keyed by its name without ``_md`` (``hint_md`` -> ``hint``): Markdown rendered as its
        kind says (block, inline, tokens), plain text as it is (the templates escape it); None
        for an optional field that is absent. The template context of every block starts from
        this, so a new text field reaches the theme's templates without a change here."""
        out: dict[str, Any] = {}
        for declared in text_fields(type(owner)):
            if declared.name in skip or declared.kind == "answers":
                continue
            value = getattr(owner, declared.name)
            name = declared.name.removesuffix("_md")
            if declared.optional and not value:
                out[name] = None
            elif declared.kind == "block":
                out[name] = self.block(value)
            elif declared.kind == "inline":
                out[name] = self.inline(value)
            elif declared.kind == "tokens":
                out[name] = self.tokens(value)
            else:
                out[name] = value
        return out

    def split_prompt(self, text: str) -> tuple[Markup, Markup]:
        """(blocks shown before the question, phrasing content for the fieldset ``<legend>``).

        A legend may hold phrasing content only, so when the prompt is several blocks the last
        paragraph becomes the legend and the blocks before it are rendered above the fieldset.
        """
        return _split_prompt(self.allow_html, text)

    def _split_prompt(self, text: str) -> tuple[Markup, Markup]:
        tokens = self.md.parse(text)
        if (
            len(tokens) >= 3
            and tokens[-1].type == "paragraph_close"
            and tokens[-2].type == "inline"
            and tokens[-3].type == "paragraph_open"
        ):
            before = tokens[:-3]
            legend = self.tokens([tokens[-2]])
            return (self.tokens(before) if before else Markup("")), legend
        return self.tokens(tokens), Markup("")

    @staticmethod
    def plain(markup: str) -> str:
        """Text of rendered HTML, whitespace collapsed (interaction descriptions, aria labels)."""
        return _plain(str(markup))

    def plain_md(self, text: str) -> str:
        return _plain_md(self.allow_html, text)


# Rendering is a function of (allow_html, text): the same text renders once per process.


@lru_cache(maxsize=CACHE_SIZE)
def _block(allow_html: bool, text: str) -> Markup:
    renderer = _renderer(allow_html)
    return renderer._clean(renderer.md.render(text))


@lru_cache(maxsize=CACHE_SIZE)
def _inline(allow_html: bool, text: str) -> Markup:
    renderer = _renderer(allow_html)
    return renderer._clean(renderer.md.renderInline(text))


@lru_cache(maxsize=CACHE_SIZE)
def _split_prompt(allow_html: bool, text: str) -> tuple[Markup, Markup]:
    return _renderer(allow_html)._split_prompt(text)


@lru_cache(maxsize=CACHE_SIZE)
def _plain_md(allow_html: bool, text: str) -> str:
    return MarkdownRenderer.plain(str(_renderer(allow_html).md.render(text)))


@lru_cache(maxsize=CACHE_SIZE)
def _plain(markup: str) -> str:
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub("", markup))).strip()


@lru_cache(maxsize=2)
def _renderer(allow_html: bool) -> MarkdownRenderer:
    return MarkdownRenderer(allow_html)
