"""The ``scorm12`` target: a SCORM 1.2 package (IMS CP 1.1.2 + ADL CP 1.2).

In:  the site rendered with the ``scorm12`` runtime adapter (launch file ``index.html``).
Out: the site plus ``imsmanifest.xml``: ``schema`` ``ADL SCORM`` / ``schemaversion`` ``1.2``,
     one organization (the course title) with one item, the single SCO whose resource has
     ``adlcp:scormtype="sco"`` and lists every package file; ``adlcp:masteryscore`` is the
     course's mastery percent (omitted when the course has none). IMS CP 1.1.2 length limits:
     titles over 200 characters are shortened (CS505 warning), a version over 20 characters
     is left out of ``manifest/@version`` (the identifier still carries it). The manifest is
     checked as the registry says (``coursec.targets.base``) and problems are reported as CS505.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Code, Reporter, Severity
from coursec.model import Course
from coursec.parse.course import key_span
from coursec.targets.base import (
    LAUNCH,
    MANIFEST,
    XSI,
    Identifiers,
    PackageTarget,
    check_texts,
    content_files,
    decimal_text,
    href,
    mastery_percent,
    serialize,
    xml_text,
)

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
NSMAP: Any = {None: IMSCP, "adlcp": ADLCP, "xsi": XSI}  # lxml-stubs reject the None key
TITLE_MAX = 200  # IMS CP 1.1.2 titleType maxLength
VERSION_MAX = 20  # IMS CP 1.1.2 manifest/@version maxLength
SCHEMA_LOCATION = (
    f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, f"{{{IMSCP}}}{tag}", attrs)
    if text is not None:
        child.text = text
    return child


def title_text(course: Course) -> str:
    """The course title as SCORM 1.2 can hold it: XML-safe, at most ``TITLE_MAX`` chars."""
    title = xml_text(course.config.title)
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "\u2026"


def build_manifest(course: Course, files: list[str]) -> bytes:
    """The SCORM 1.2 ``imsmanifest.xml`` for ``course`` whose SCO holds ``files``."""
    ids = Identifiers(course)
    attrs = {"identifier": ids.manifest}
    if len(ids.version) <= VERSION_MAX:  # the identifier carries it anyway
        attrs["version"] = ids.version
    root = etree.Element(f"{{{IMSCP}}}manifest", attrs, nsmap=NSMAP)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _el(root, "metadata")
    _el(metadata, "schema", "ADL SCORM")
    _el(metadata, "schemaversion", "1.2")

    organizations = _el(root, "organizations", default=ids.organization)
    organization = _el(organizations, "organization", identifier=ids.organization)
    _el(organization, "title", title_text(course))
    item = _el(
        organization, "item", identifier=ids.item, identifierref=ids.resource, isvisible="true"
    )
    _el(item, "title", title_text(course))
    mastery = mastery_percent(course)
    if mastery is not None:
        etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = decimal_text(mastery)

    resources = _el(root, "resources")
    resource = _el(
        resources, "resource", identifier=ids.resource, type="webcontent", href=href(LAUNCH)
    )
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for name in files:
        _el(resource, "file", href=href(name))
    return serialize(root)


class Scorm12Target(PackageTarget):
    def files(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        files: FileMap = dict(site)
        check_texts(course, reporter)
        if len(course.config.title) > TITLE_MAX:
            reporter.report(
                Code.CS505, key_span(course.root, "title"),
                f"course title has {len(course.config.title)} characters; SCORM 1.2 manifests "
                f"hold at most {TITLE_MAX}, so it was shortened there",
                severity=Severity.WARNING,
            )
        files[MANIFEST] = build_manifest(course, content_files(site))
        return files
