"""WCAG 2.1 contrast of the theme's colour pairs, checked at build time.

In:  colours as ``#RRGGBB`` (``#RGB`` is expanded by ``hex6``) and the pairs the page shows,
     each with what it is used for, whether it is text (WCAG 1.4.3: 4.5:1) or a user
     interface part such as the focus ring (WCAG 1.4.11: 3:1), and where the colour that
     decides it is written (course.yaml ``theme:``, line and column of the value).
Out: ``contrast`` (the WCAG ratio, 1 to 21), ``text_on`` / ``readable_on`` (colours derived
     so that a pair passes), ``check_pairs`` reporting every pair below its minimum.
Reported: CS325 with the ratio, the minimum and a colour that would pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from coursec.diagnostics import Code, Reporter, Span

TEXT_MIN = 4.5  # WCAG 1.4.3 (AA), normal-size text
UI_MIN = 3.0  # WCAG 1.4.11 (AA), user interface components and focus indicators
WHITE, INK = "#FFFFFF", "#1A1A1A"


def hex6(colour: str) -> str:
    """``#abc`` -> ``#AABBCC``; ``#aabbcc`` -> ``#AABBCC``."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def _rgb(colour: str) -> list[int]:
    value = hex6(colour)
    return [int(value[i : i + 2], 16) for i in (1, 3, 5)]


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1, sRGB)."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (v / 255 for v in _rgb(colour))
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background``."""
    return WHITE if contrast(background, WHITE) >= contrast(background, INK) else INK


def mix(a: str, b: str, share: float) -> str:
    """``a`` moved ``share`` (0..1) of the way towards ``b``."""
    return "#" + "".join(
        f"{round(x + (y - x) * share):02X}" for x, y in zip(_rgb(a), _rgb(b), strict=True)
    )


def readable_on(colour: str, background: str, minimum: float = TEXT_MIN + 0.1) -> str:
    """``colour`` moved towards black or white (whichever is away from ``background``) just
    enough to reach ``minimum`` on it; the colour itself when it already does."""
    towards = "#000000" if luminance(background) > 0.18 else WHITE
    for step in range(0, 101, 2):
        candidate = mix(colour, towards, step / 100)
        if contrast(candidate, background) >= minimum:
            return candidate
    return towards


@dataclass
class Pair:
    use: str  # what the learner sees, e.g. "link text on the page background"
    foreground: str
    background: str
    text: bool  # text (4.5:1) or a user interface part (3:1)
    span: Span  # where the colour to change is written
    fix: str = "foreground"  # which of the two to change: "foreground" or "background"


def check_pairs(pairs: list[Pair], reporter: Reporter) -> None:
    for pair in pairs:
        minimum = TEXT_MIN if pair.text else UI_MIN
        ratio = contrast(pair.foreground, pair.background)
        if ratio >= minimum:
            continue
        if pair.fix == "background":
            better = readable_on(pair.background, pair.foreground, minimum + 0.1)
        else:
            better = readable_on(pair.foreground, pair.background, minimum + 0.1)
        kind = "text" if pair.text else "a user interface part"
        reporter.report(
            Code.CS325,
            pair.span,
            f"{pair.use}: {pair.foreground} on {pair.background} has a contrast of "
            f"{ratio:.2f}:1; WCAG AA asks {minimum:g}:1 for {kind}",
            help=f"for example {better} instead of "
            f"{pair.background if pair.fix == 'background' else pair.foreground}",
        )
