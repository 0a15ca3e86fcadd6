"""A course's brand in its theme: colours, fonts, logo, and the contrast of every colour pair.

In:  the course (``theme:`` of course.yaml: ``brand_color``, ``colors: {primary, on_primary,
     accent, text, background}``, ``font``, ``heading_font``, ``logo``) and the theme's options
     (theme.yaml ``options:``, the same keys, as the theme's defaults).
Out: ``resolve_brand`` -> ``Brand``: the colours (those left out derived so that they read:
     text on the primary colour, the accent as a text colour on the background, secondary
     text, panel and border shades when the text or background colour changes), ``css``: the
     custom properties and font rules the page template adds after the stylesheet (empty for
     the theme's own look), and the logo (the file and its path in the package).
Reported: CS325 (``coursec.check.contrast``) for each pair the page shows below WCAG AA, at the
     colour in course.yaml (line:col of the value); CS326 for a colour that is no #RRGGBB in
     theme.yaml, a font stack that is not a list of family names (fonts are named, never
     fetched: no url(), no @import) and a logo that is no image; CS405/CS401 for a logo outside
     the course folder or missing (``coursec.parse.confine``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from coursec.check.contrast import (
    TEXT_MIN,
    Pair,
    check_pairs,
    contrast,
    hex6,
    mix,
    readable_on,
    text_on,
)
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Course
from coursec.parse.confine import confine
from coursec.parse.course import display_path
from coursec.parse.yamlsrc import Locator, load_yaml

COLOUR = re.compile(r"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")
DEFAULT_PRIMARY = "#1F5F8B"
TEXT, BACKGROUND, MUTED, OK, BAD = "#1A1A1A", "#FFFFFF", "#4A4A4A", "#17642E", "#A4161A"
SOFT = "#F3F5F7"
COLOURS = ("primary", "on_primary", "accent", "text", "background")
GENERIC_FONTS = {
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
    "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong",
    "-apple-system", "blinkmacsystemfont",
}
FAMILY = re.compile(r"^[\w][\w .\-]*$")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")


@dataclass
class Brand:
    primary: str
    on_primary: str
    accent: str
    text: str
    background: str
    css_vars: Markup  # more custom properties of :root (empty: the theme's own look)
    font_css: Markup  # font rules (empty: the stylesheet's fonts)
    logo_source: Path | None = None
    logo_path: str | None = None


_LOCATORS: dict[tuple[str, str, int, int], Locator | None] = {}


def _locator(path: Path, shown: str) -> Locator | None:
    """course.yaml's positions, parsed once per version of the file (a build renders each
    region per target)."""
    try:
        stat = path.stat()
        key = (str(path), shown, stat.st_mtime_ns, stat.st_size)
        if key not in _LOCATORS:
            text = path.read_text(encoding="utf-8-sig")
            _LOCATORS[key] = load_yaml(text, shown, Reporter())[1]
    except (OSError, UnicodeDecodeError):
        return None
    return _LOCATORS[key]


class _Where:
    """Where each option is written: course.yaml (line:col of the value) or theme.yaml."""

    def __init__(self, course: Course, theme_yaml: Path) -> None:
        self.config = display_path(course.root / "course.yaml")
        self.theme_yaml = display_path(theme_yaml)
        self.locator = _locator(course.root / "course.yaml", self.config)

    def course(self, *keys: str) -> Span:
        if self.locator is None:
            return Span(self.config)
        return self.locator.value_span(("theme", *keys))

    def theme_file(self) -> Span:
        return Span(self.theme_yaml)


def _colours(course: Course, options: dict[str, Any], where: _Where, reporter: Reporter) -> tuple[
    dict[str, str], dict[str, Span]
]:
    """The colours written (course.yaml over theme.yaml), #RRGGBB, with where each is."""
    found: dict[str, str] = {}
    spans: dict[str, Span] = {}
    theme_colours = options.get("colors") if isinstance(options.get("colors"), dict) else {}
    assert isinstance(theme_colours, dict)
    written = [("primary", options.get("brand_color"))] + [
        (name, theme_colours.get(name)) for name in COLOURS
    ]
    for name, value in written:
        if value is None:
            continue
        if not isinstance(value, str) or not COLOUR.match(value):
            reporter.report(
                Code.CS326, where.theme_file(), f"theme colour {name} {value!r} is not #RRGGBB"
            )
            continue
        found[name], spans[name] = hex6(value), where.theme_file()
    ref = course.config.theme
    if ref.brand_color is not None:
        found["primary"], spans["primary"] = hex6(ref.brand_color), where.course("brand_color")
    given = ref.colors.model_dump() if ref.colors is not None else {}
    for name in COLOURS:
        if given.get(name) is not None:
            found[name], spans[name] = hex6(given[name]), where.course("colors", name)
    return found, spans


def _font_stack(value: Any, span: Span, reporter: Reporter) -> str | None:
    if value is None:
        return None
    families = [f.strip() for f in str(value).split(",")]
    out = []
    for family in families:
        name = family[1:-1].strip() if family[:1] in "\"'" and family[-1:] == family[:1] else family
        if not name or not FAMILY.match(name):
            reporter.report(
                Code.CS326,
                span,
                f"'{family}' in the font stack is not a font family name",
                help="name installed fonts and end with a generic family, e.g. "
                "'Source Sans 3, Arial, sans-serif' (fonts are never downloaded)",
            )
            return None
        out.append(name if name.lower() in GENERIC_FONTS else f'"{name}"')
    return ",".join(out)


def resolve_brand(
    course: Course, options: dict[str, Any], folder: Path, reporter: Reporter
) -> Brand:
    where = _Where(course, folder / "theme.yaml")
    found, spans = _colours(course, options, where, reporter)
    primary = found.get("primary", DEFAULT_PRIMARY)
    background = found.get("background", BACKGROUND)
    text = found.get("text", TEXT)
    custom_page = "text" in found or "background" in found
    on_primary = found.get("on_primary", text_on(primary))
    if "accent" in found:
        accent = found["accent"]
    elif background == BACKGROUND:
        accent = ink_on_white(primary)
    else:
        accent = readable_on(primary, background)
    muted, soft, line, ok, bad = MUTED, SOFT, "#767676", OK, BAD
    if custom_page:
        soft = mix(background, text, 0.05)
        muted = _readable_on_both(mix(text, background, 0.3), background, soft)
        line = readable_on(mix(text, background, 0.45), background, 3.1)
        ok, bad = _readable_on_both(OK, background, soft), _readable_on_both(BAD, background, soft)

    def at(*names: str) -> Span:
        return next((spans[n] for n in names if n in spans), where.course("colors"))

    check_pairs(
        [
            Pair("body text on the page background", text, background, True,
                 at("text", "background"), "foreground" if "text" in spans else "background"),
            Pair("text on the primary colour (header, primary buttons)", on_primary, primary,
                 True, at("on_primary", "primary"),
                 "foreground" if "on_primary" in spans else "background"),
            Pair("links and headings (accent) on the page background", accent, background,
                 True, at("accent", "background", "primary")),
            Pair("focus ring (accent) on the page background", accent, background, False,
                 at("accent", "background", "primary")),
            Pair("secondary text on the page background", muted, background, True,
                 at("text", "background")),
            Pair("text on shaded panels (feedback, hints, the menu)", text, soft, True,
                 at("text", "background")),
            Pair("correct-answer marks on shaded panels", ok, soft, True,
                 at("background", "text")),
            Pair("incorrect-answer marks on shaded panels", bad, soft, True,
                 at("background", "text")),
            Pair("borders of answer fields on the page background", line, background, False,
                 at("text", "background")),
        ],
        reporter,
    )
    css_vars = ""
    if custom_page:
        css_vars = (f";--cs-text:{text};--cs-bg:{background};--cs-muted:{muted};--cs-soft:{soft}"
                    f";--cs-line:{line};--cs-ok:{ok};--cs-bad:{bad}")
    ref = course.config.theme
    font = _font_stack(
        ref.font if ref.font is not None else options.get("font"),
        where.course("font") if ref.font is not None else where.theme_file(), reporter,
    )
    heading = _font_stack(
        ref.heading_font if ref.heading_font is not None else options.get("heading_font"),
        where.course("heading_font") if ref.heading_font is not None else where.theme_file(),
        reporter,
    )
    font_css = f":root{{font-family:{font}}}" if font else ""
    if heading:
        font_css += f"h1,h2,h3,h4,.cs-course-title,.cs-page-title{{font-family:{heading}}}"
    # Markup: the template writes these into <style>, where an entity would not be decoded;
    # they are safe there: hex colours and family names of [\w .-] only
    brand = Brand(
        primary, on_primary, accent, text, background, Markup(css_vars), Markup(font_css)
    )
    _logo(brand, course, folder, options, where, reporter)
    return brand


def _readable_on_both(colour: str, first: str, second: str) -> str:
    """``colour`` made readable on the page background and on its shaded panels."""
    candidate = readable_on(colour, first)
    return candidate if contrast(candidate, second) >= TEXT_MIN + 0.1 else readable_on(
        candidate, second
    )


def ink_on_white(colour: str) -> str:
    """``colour`` darkened just enough to reach 4.5:1 on white (links, headings, outlines)."""
    rgb = [int(hex6(colour)[i : i + 2], 16) for i in (1, 3, 5)]
    for _ in range(100):
        candidate = "#" + "".join(f"{c:02X}" for c in rgb)
        if contrast(candidate, "#FFFFFF") >= 4.6:
            return candidate
        rgb = [max(0, int(c * 0.92)) for c in rgb]
    return "#000000"


def _logo(
    brand: Brand, course: Course, folder: Path, options: dict[str, Any], where: _Where,
    reporter: Reporter,
) -> None:
    written = course.config.theme.logo
    if written:
        base, span = course.root, where.course("logo")
    elif options.get("logo"):
        written, base, span = str(options["logo"]), folder, where.theme_file()
    else:
        return
    source = confine(base, base / written, written, span, reporter)
    if source is None:
        return
    if not source.is_file():
        reporter.report(Code.CS401, span, f"logo not found: {written}")
        return
    if source.suffix.lower() not in IMAGE_SUFFIXES:
        reporter.report(
            Code.CS326, span, f"logo '{written}' is not an image",
            help=f"use one of {', '.join(IMAGE_SUFFIXES)}",
        )
        return
    brand.logo_source = source
    for asset in course.assets.values():
        if asset.source.resolve() == source:
            brand.logo_path = asset.package_path
            return
    if course.config.theme.logo:
        parts = [_ascii(p) for p in source.relative_to(base.resolve()).parts]
        brand.logo_path = "/".join(parts if parts[0] == "media" else ["media", *parts])
    else:
        brand.logo_path = f"theme/{_ascii(source.name)}"


def _ascii(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "file"
