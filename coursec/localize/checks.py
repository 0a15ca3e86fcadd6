"""Checks of one translated string against its source segment.

In:  a ``Segment`` (the source), the translated text and where it is (its region file line).
Out: True when the translation can be used. Reported:
     CS604 (error): a ``{{value}}`` reference, a link target or an image missing or added;
     CS605 (warning): emphasis, strong emphasis or code spans differ in number;
     CS606 (error): a choice translation that carries answer syntax (``[x]``, ``-> node``,
     ``{empathy +2}``), i.e. tries to change what is correct or where a choice leads, or a
     fill-in answer list left empty. Such changes need a block override (``overrides:``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from coursec.diagnostics import Code, Reporter, Span
from coursec.localize.segments import Segment
from coursec.localize.values import placeholders

_CHECKBOX_RE = re.compile(r"^\s*\[[ xX]\]")
_TARGET_RE = re.compile(r"\s->\s*([A-Za-z][\w-]*)")
_EFFECT_RE = re.compile(r"\{[^}]*[A-Za-z][\w-]*\s*[+-]\s*\d+[^}]*\}|\{\s*(?:un)?set\s+\w")
MARKUP = {"em_open": "emphasis", "strong_open": "strong emphasis", "code_inline": "code span"}
#: what a link (``[``, ``<`` of an autolink), an image (``![``), emphasis or a code span starts
#: with: a text holding none of them has no links, images or markup (and is not parsed)
_SHAPED = re.compile(r"[\[<*_`]")


@lru_cache(maxsize=1 << 14)
def _shape(md: MarkdownIt, kind: str, text: str) -> tuple[Counter[str], Counter[str]]:
    """(the ``{{values}}``, links and images; the markup) of ``text``; the same source text is
    compared with its translation in every region. The counters are shared: read them, never
    change them."""
    names = Counter(f"{{{{{n}}}}}" for n in placeholders(text))
    if not _SHAPED.search(text):
        return names, Counter()
    tokens = _tokens(md, kind, text)
    names.update(_refs(tokens))
    return names, _markup(tokens)


def _tokens(md: MarkdownIt, kind: str, text: str) -> list[Token]:
    if kind == "inline":
        return md.parseInline(text)[0].children or []
    if kind == "block":
        out: list[Token] = []
        for token in md.parse(text):
            out.append(token)
            out.extend(token.children or [])
        return out
    return []


def _refs(tokens: list[Token]) -> Counter[str]:
    found: Counter[str] = Counter()
    for token in tokens:
        if token.type == "link_open":
            found[f"link to {token.attrGet('href')}"] += 1
        elif token.type == "image":
            found[f"image {token.attrGet('src')}"] += 1
    return found


def _markup(tokens: list[Token]) -> Counter[str]:
    return Counter(MARKUP[t.type] for t in tokens if t.type in MARKUP)


def _difference(source: Counter[str], translated: Counter[str]) -> str:
    """``missing X; added Y``: what the translation lost and gained against its source."""
    missing, added = source - translated, translated - source
    parts = [f"missing {_describe(missing)}"] if missing else []
    if added:
        parts.append(f"added {_describe(added)}")
    return "; ".join(parts)


def _describe(diff: Counter[str]) -> str:
    return ", ".join(f"{name}" + (f" x{n}" if n > 1 else "") for name, n in sorted(diff.items()))


def check_translation(
    segment: Segment,
    text: str,
    span: Span,
    region: str,
    md: MarkdownIt,
    reporter: Reporter,
    node_ids: frozenset[str] = frozenset(),
) -> bool:
    ok = True
    (source_names, source_markup), (names, markup) = (
        _shape(md, segment.kind, segment.text), _shape(md, segment.kind, text)
    )
    if names != source_names:
        reporter.report(
            Code.CS604,
            span,
            f"{region} translation of '{segment.key}': {_difference(source_names, names)}",
            help="keep every {{value}} and link of the source; to change a link or an image "
            "for this region, override the block",
        )
        ok = False
    if source_markup != markup:
        reporter.report(
            Code.CS605,
            span,
            f"{region} translation of '{segment.key}': markup differs "
            f"({_difference(source_markup, markup)})",
        )
    if ".choice." in segment.key and not segment.key.endswith(".feedback"):
        problem = _answer_syntax(text, node_ids)
        if problem:
            reporter.report(
                Code.CS606,
                span,
                f"{region} translation of '{segment.key}' {problem}",
                help="a translation changes only words; to change correct answers or targets, "
                "override the block with 'changes: [scoring]' or 'changes: [targets]'",
            )
            ok = False
    if segment.kind == "answers" and not [a for a in text.split("|") if a.strip()]:
        reporter.report(
            Code.CS606,
            span,
            f"{region} translation of '{segment.key}' leaves no accepted answer",
            help="list the accepted answers separated by ' | '",
        )
        ok = False
    return ok


def _answer_syntax(text: str, node_ids: frozenset[str]) -> str | None:
    if _CHECKBOX_RE.match(text):
        return "marks a choice correct or wrong ('[x]' / '[ ]')"
    target = _TARGET_RE.search(text)
    if target and (not node_ids or target.group(1) in node_ids):
        return f"sends the choice to '{target.group(1)}'"
    if _EFFECT_RE.search(text):
        return "changes the choice's scores or flags"
    return None
