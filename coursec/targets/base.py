"""What every target shares: ``PackageTarget`` (the package step and its checks), the base IRI
requirement, and the helpers of the manifest-writing targets.

In:  the checked ``Course`` and the files the renderer made for the target (``site``).
Out: ``PackageTarget.package`` returns the complete package file map (site + manifest +
     extras) after running the package checks the target's registry entry lists
     (``coursec.check.manifest``); problems with the result (manifest rules, unsafe file
     names) are reported as CS505. ``require_base_iri`` reports CS701.

Identifiers (stable per course id + version, valid NCNames since course ids start with a
letter and ids/versions hold only ``[A-Za-z0-9._-]``): ``MANIFEST-<id>-<version>``,
``ORG-<id>``, ``ITEM-<id>``, ``RES-<id>``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

from coursec.check.paths import check_paths
from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Code, Reporter
from coursec.model import Course
from coursec.parse.control import XML_ILLEGAL
from coursec.parse.course import key_span
from coursec.release.stamp import manifest_version
from coursec.targets.registry import Capabilities, PackageCheck

if TYPE_CHECKING:
    from lxml import etree

MANIFEST = "imsmanifest.xml"
LAUNCH = "index.html"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


class PackageTarget:
    """A target made from its registry entry (``coursec.targets.get_target``): a subclass
    writes ``files``; ``package`` adds the package checks the entry lists."""

    def __init__(self, capabilities: Capabilities, edition: int = 4) -> None:
        if capabilities.editions and edition not in capabilities.editions:
            editions = " or ".join(str(e) for e in capabilities.editions)
            raise ValueError(f"{capabilities.title} edition must be {editions}, not {edition}")
        self.capabilities = capabilities
        self.name = capabilities.name
        self.adapter = capabilities.adapter
        self.edition = edition

    @property
    def schemaversion(self) -> str | None:
        """The schemaversion the manifest is written with (None: the target writes none)."""
        return self.capabilities.schemaversion_of(self.edition)

    def files(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        """The package file map: ``site`` plus manifest and extra files (a subclass's job)."""
        raise NotImplementedError

    def package(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        """The package file map, checked (CS505) as the registry entry says."""
        files = self.files(course, site, reporter)
        if PackageCheck.MANIFEST in self.capabilities.checks:
            from coursec.check.manifest import check_package  # lxml: the SCORM targets only

            check_package(files, reporter, schemaversion=self.schemaversion)
        elif PackageCheck.PATHS in self.capabilities.checks:
            check_paths(files, reporter)
        return files


def _config_text(course: Course) -> str:
    try:
        return (course.root / "course.yaml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""


def require_base_iri(course: Course, target: str, reporter: Reporter) -> bool:
    """Report CS701 when the course has no ``xapi.base_iri``; True when it has one."""
    if course.config.xapi.base_iri:
        return True
    reporter.report(
        Code.CS701,
        key_span(course.root, "xapi" if "xapi:" in _config_text(course) else "targets"),
        f"the {target} target needs xapi.base_iri in course.yaml for its activity ids",
        help="add e.g. 'xapi: {base_iri: https://courses.example.com}' (an IRI your "
        "organisation controls; never change it once learners have statements)",
    )
    return False


class Identifiers:
    """The manifest identifiers of a course (one organization, one item, one resource)."""

    def __init__(self, course: Course) -> None:
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
    """Manifest bytes: fixed XML declaration, UTF-8, two-space indentation, final newline
    (``coursec.targets.xml_tree`` writes the xAPI documents the same way without lxml)."""
    from lxml import etree  # the SCORM manifests only: a web-only build never loads lxml

    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"
