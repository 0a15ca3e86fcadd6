"""The interface every target implements, and what the manifest-writing targets share.

In:  the checked ``Course`` and the files the renderer made for the target (``site``).
Out: ``Target.package`` returns the complete package file map (site + manifest + extras);
     problems with the result (manifest rules, unsafe file names) are reported as CS505.

Identifiers (stable per course id + version, valid NCNames since course ids start with a
letter and ids/versions hold only ``[A-Za-z0-9._-]``): ``MANIFEST-<id>-<version>``,
``ORG-<id>``, ``ITEM-<id>``, ``RES-<id>``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol
from urllib.parse import quote

from lxml import etree

from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Code, Reporter
from coursec.model import Course
from coursec.parse.control import XML_ILLEGAL
from coursec.parse.course import key_span

MANIFEST = "imsmanifest.xml"
LAUNCH = "index.html"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


class Target(Protocol):
    """One output format. ``adapter`` names the runtime adapter the renderer embeds."""

    name: str
    adapter: str  # 'scorm12' | 'scorm2004' | 'local'

    def package(
        self, course: Course, site: ContentMap, reporter: Reporter
    ) -> FileMap:
        """Return the complete package file map: ``site`` plus manifest and extra files."""
        ...


class Identifiers:
    """The manifest identifiers of a course (one organization, one item, one resource)."""

    def __init__(self, course: Course) -> None:
        from coursec.release.stamp import manifest_version  # release imports render

        version = manifest_version(course)  # course.yaml's, or the newest recorded release
        self.manifest = f"MANIFEST-{course.id}-{version}"
        self.organization = f"ORG-{course.id}"
        self.item = f"ITEM-{course.id}"
        self.resource = f"RES-{course.id}"
        self.version = version


_XML_ILLEGAL = XML_ILLEGAL  # one definition: coursec.parse.control


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def check_texts(course: Course, reporter: Reporter) -> None:
    """Report CS505 for course.yaml texts that a manifest cannot hold (control characters)."""
    for key in ("title", "description"):
        value = getattr(course.config, key)
        if _XML_ILLEGAL.search(value):
            reporter.report(Code.CS505, key_span(course.root, key),
                            f"course {key} contains control characters that XML cannot hold",
                            help="remove them (they were replaced by U+FFFD in the manifest)")


def href(path: str) -> str:
    """A package path as a URI reference (percent-encodes anything outside the safe set)."""
    return quote(path, safe="/-._~!$&'()+,;=@")


def content_files(site: ContentMap) -> list[str]:
    """The files the SCO resource lists: every site file except a manifest, sorted."""
    return sorted(name for name in site if name != MANIFEST)


def mastery_percent(course: Course) -> Decimal | None:
    """The course's mastery percent rounded to 2 decimals (so mastery / 100 has at most 4,
    which the 1.2 score and the 2004 measure both hold exactly), or None."""
    mastery = course.mastery_percent()
    if mastery is None:
        return None
    return Decimal(repr(float(mastery))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def decimal_text(value: float | Decimal) -> str:
    """A decimal without exponent or trailing zeros: 80.0 -> '80', 0.825 -> '0.825'."""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def serialize(root: etree._Element) -> bytes:
    """Manifest bytes: fixed XML declaration, UTF-8, two-space indentation, final newline."""
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"
