"""Images and links inside Markdown: find them, check them, point them into the package.

In:  a block of one lesson file: ``rewrite_media`` visits every text field the model declares
     ``media`` (``coursec.model.text``), Markdown strings and markdown-it tokens alike.
Out: images rewritten to their package path (``media/...``, ASCII) and registered as ``Asset``s;
     links to other lesson files recorded as ``PendingLink``s, resolved once every lesson is
     known (``coursec.check.links``). Reported: CS401 (missing file, with the nearest file name
     of its folder), CS403 (no alt text), CS405 (path outside the course folder), CS410 (two
     media files that would get the same package name, or names differing only by case:
     ``café.svg``/``cafe.svg``, ``a b.svg``/``a-b.svg``, ``Welcome.svg``/``welcome.svg``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from markdown_it.token import Token

from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Asset
from coursec.parse.confine import confine
from coursec.texts import walk_texts

_EXTERNAL_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")
_INLINE_IMAGE_RE = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)")


@dataclass
class PendingLink:
    token: Token
    target: Path
    fragment: str
    span: Span


@dataclass
class MediaContext:
    """What one lesson needs to resolve its references."""

    course_root: Path
    lesson_path: Path
    display_path: str
    lines: list[str]
    assets: dict[str, Asset]
    links: list[PendingLink]
    reporter: Reporter

    def span_of(self, line_index: int, needle: str) -> Span:
        """Span of ``needle`` on file line ``line_index`` (0-based) or the lines after it."""
        for index in range(line_index, min(line_index + 40, len(self.lines))):
            col = self.lines[index].find(needle)
            if col >= 0:
                return Span(self.display_path, index + 1, col + 1, max(1, len(needle)))
        return Span(self.display_path, line_index + 1, 1)

    def image(self, src: str, alt: str, line_index: int) -> str:
        """Register the image at ``src``; return the package path to use instead."""
        if _EXTERNAL_RE.match(src):
            return src
        span = self.span_of(line_index, src)
        if not alt.strip():
            self.reporter.report(
                Code.CS403,
                span,
                f"image '{src}' has no alt text",
                help="describe the image in the brackets: ![what it shows](...)",
            )
        found = confine(self.course_root, self.lesson_path.parent / unquote(src), src, span,
                        self.reporter)
        if found is None:
            return src
        source, root = found, self.course_root.resolve()
        if not source.is_file():
            self.reporter.report(
                Code.CS401, span, f"media file not found: {src}", help=_near_file(src, source)
            )
            return src
        package_path = _package_path(source.relative_to(root))
        register_asset(self.assets, Asset(source, package_path, span), root, self.reporter)
        return package_path

    def link(self, token: Token, href: str, line_index: int) -> None:
        if href.startswith("#") and len(href) > 1:
            span = self.span_of(line_index, href)
            self.links.append(PendingLink(token, self.lesson_path.resolve(), href[1:], span))
            return
        if _EXTERNAL_RE.match(href):
            return
        path_part, _, fragment = href.partition("#")
        target = (self.lesson_path.parent / unquote(path_part)).resolve()
        span = self.span_of(line_index, href)
        if path_part.endswith(".md"):
            self.links.append(PendingLink(token, target, fragment, span))
        else:
            token.attrSet("href", self.image(path_part, "linked file", line_index))

    def scan_tokens(self, tokens: list[Token]) -> None:
        line_index = 0
        for block in tokens:
            if block.map is not None:
                line_index = block.map[0]
            for child in block.children or []:
                if child.type == "image":
                    src = str(child.attrGet("src") or "")
                    child.attrSet("src", self.image(src, child.content, line_index))
                elif child.type == "link_open":
                    self.link(child, str(child.attrGet("href") or ""), line_index)

    def rewrite_inline(self, text: str, line_index: int) -> str:
        """Rewrite image paths in an inline Markdown string (quiz prompts, choices)."""

        def replace(match: re.Match[str]) -> str:
            alt = match.group(1)[2:-2]
            return match.group(1) + self.image(match.group(2), alt, line_index)

        return _INLINE_IMAGE_RE.sub(replace, text)


def rewrite_media(owner: object, context: MediaContext) -> None:
    """Check and register the images (and resolve the links) of every media field of ``owner``
    and of its parts, as the model declares them: tokens in place, Markdown strings rewritten
    to their package paths (found from the line of the object holding the field)."""
    for holder, declared in walk_texts(owner):
        if not declared.media:
            continue
        value = getattr(holder, declared.name)
        if declared.kind == "tokens":
            context.scan_tokens(value)
        elif isinstance(value, str):
            span: Span = holder.span
            setattr(holder, declared.name, context.rewrite_inline(value, span.line - 1))


def _near_file(src: str, source: Path) -> str | None:
    """``did you mean '../media/counter.svg'?`` for a file of the same folder with a close name
    (names compared without extensions: 'map.svg' is not close to 'pic.svg')."""
    folder = source.parent
    files = {p.stem: p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else {}
    match = difflib.get_close_matches(source.stem, list(files), n=1, cutoff=0.6)
    if not match:
        return None
    return f"did you mean '{PurePosixPath(src).parent / files[match[0]]}'?"


def register_asset(assets: dict[str, Asset], asset: Asset, root: Path,
                   reporter: Reporter) -> None:
    """Add ``asset`` unless another file already has its package name (CS410, naming both)."""
    folded = asset.package_path.casefold()
    for other in assets.values():
        if other.package_path.casefold() == folded and not _same_file(other.source, asset.source):
            first, second = _shown(other.source, root), _shown(asset.source, root)
            reporter.report(
                Code.CS410, asset.span,
                f"media files '{first}' and '{second}' would both be "
                f"'{other.package_path}' in the package"
                + ("" if other.package_path == asset.package_path
                   else " (names differing only by case)"),
                help=f"rename one of them ('{first}' is used at {_where(other.span)}); package "
                     "names are ASCII, case-insensitive, with '-' for spaces and punctuation",
            )
            return
    assets.setdefault(asset.package_path, asset)


def _same_file(first: Path, second: Path) -> bool:
    """One file under two spellings (``Welcome.svg`` on a case-insensitive file system)."""
    if first == second:
        return True
    try:
        return first.samefile(second)
    except OSError:
        return False


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _where(span: Span) -> str:
    return f"{span.path}:{span.line}" if span.line else span.path


def _package_path(relative: Path) -> str:
    parts = [_ascii_name(part) for part in PurePosixPath(relative.as_posix()).parts]
    if parts[0] != "media":
        parts.insert(0, "media")
    return "/".join(parts)


def _ascii_name(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-")
    return ascii_name or "file"
