"""The ``scorm2004`` target: a SCORM 2004 package, 4th edition by default or 3rd.

In:  the site rendered with the ``scorm2004`` runtime adapter (launch file ``index.html``).
Out: the site plus ``imsmanifest.xml`` with ``schema`` ``ADL SCORM`` and ``schemaversion``
     ``2004 4th Edition`` (or ``2004 3rd Edition``), inline LOM (title, description,
     language, version), one organization (flow and choice enabled, so an LMS "Start" request
     reaches the SCO) with one item, the single SCO (``adlcp:scormType="sco"``, every package
     file listed). Item sequencing:

     * ``primaryObjective`` without an objectiveID (so it is not in ``cmi.objectives``), with
       ``satisfiedByMeasure="true"`` and ``minNormalizedMeasure`` = mastery / 100 when the
       course has a mastery score (the LMS exposes it as ``cmi.scaled_passing_score``);
     * one secondary objective per lesson, ``objectiveID`` = lesson id, in lesson order: the
       LMS pre-creates them as ``cmi.objectives.0..n-1``;
     * every objective, primary and secondary, has ``minNormalizedMeasure`` = the mastery (``0``
       without one): Moodle takes ``cmi.scaled_passing_score`` from the last objective that has a
       non-zero measure and gives an objective without the element 1.0, so the lesson
       objectives must repeat it (only the primary objective is ``satisfiedByMeasure``);
     * ``deliveryControls``: tracked, completion and objective status set by the content;
     * ``adlnav:presentation`` hides the LMS's previous/continue buttons (one SCO, it has its
       own navigation).

     Nothing 4th-edition-only is emitted, so both editions differ only in ``schemaversion``.
     The manifest is checked as the registry says (``coursec.targets.base``); problems are
     reported as CS505.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Reporter
from coursec.model import Course
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

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
SCHEMA_LOCATION = " ".join(
    [
        f"{IMSCP} imscp_v1p1.xsd",
        f"{ADLCP} adlcp_v1p3.xsd",
        f"{ADLSEQ} adlseq_v1p3.xsd",
        f"{ADLNAV} adlnav_v1p3.xsd",
        f"{IMSSS} imsss_v1p0.xsd",
        f"{LOM} lom.xsd",
    ]
)
NSMAP: Any = {None: IMSCP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS,
         "lom": LOM, "xsi": XSI}  # Any: lxml-stubs reject the None key


def _sub(parent: etree._Element, ns: str, tag: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        child.text = text
    return child


def _lom_string(parent: etree._Element, tag: str, text: str, language: str) -> None:
    holder = _sub(parent, LOM, tag)
    _sub(holder, LOM, "string", text, language=language)


def _lom(metadata: etree._Element, course: Course) -> None:
    config = course.config
    lom = _sub(metadata, LOM, "lom")
    general = _sub(lom, LOM, "general")
    _lom_string(general, "title", xml_text(config.title), config.language)
    _sub(general, LOM, "language", config.language)
    if config.description.strip():
        _lom_string(general, "description", xml_text(config.description.strip()),
                    config.language)
    life_cycle = _sub(lom, LOM, "lifeCycle")
    _lom_string(life_cycle, "version", Identifiers(course).version, config.language)


def _sequencing(item: etree._Element, course: Course) -> None:
    sequencing = _sub(item, IMSSS, "sequencing")
    objectives = _sub(sequencing, IMSSS, "objectives")
    mastery = mastery_percent(course)
    # every objective carries the course's measure: Moodle gives an objective without one 1.0
    # and hands the SCO the last objective's as cmi.scaled_passing_score (0 means "none")
    measure = decimal_text(mastery / 100) if mastery is not None else "0"
    if mastery is None:
        primary = _sub(objectives, IMSSS, "primaryObjective")
    else:
        primary = _sub(objectives, IMSSS, "primaryObjective", satisfiedByMeasure="true")
    _sub(primary, IMSSS, "minNormalizedMeasure", measure)
    seen: set[str] = set()
    for lesson in course.lessons:
        if lesson.id not in seen:
            seen.add(lesson.id)
            objective = _sub(objectives, IMSSS, "objective", objectiveID=lesson.id)
            _sub(objective, IMSSS, "minNormalizedMeasure", measure)
    _sub(sequencing, IMSSS, "deliveryControls", tracked="true",
         completionSetByContent="true", objectiveSetByContent="true")


def build_manifest(course: Course, files: list[str], schemaversion: str) -> bytes:
    """The SCORM 2004 ``imsmanifest.xml`` for ``course`` (``schemaversion``: its edition's)."""
    ids = Identifiers(course)
    root = etree.Element(
        f"{{{IMSCP}}}manifest", {"identifier": ids.manifest, "version": ids.version},
        nsmap=NSMAP,
    )
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _sub(root, IMSCP, "metadata")
    _sub(metadata, IMSCP, "schema", "ADL SCORM")
    _sub(metadata, IMSCP, "schemaversion", schemaversion)
    _lom(metadata, course)

    organizations = _sub(root, IMSCP, "organizations", default=ids.organization)
    organization = _sub(organizations, IMSCP, "organization", identifier=ids.organization)
    _sub(organization, IMSCP, "title", xml_text(course.config.title))
    item = _sub(organization, IMSCP, "item", identifier=ids.item, identifierref=ids.resource)
    _sub(item, IMSCP, "title", xml_text(course.config.title))
    _sequencing(item, course)
    presentation = _sub(item, ADLNAV, "presentation")
    interface = _sub(presentation, ADLNAV, "navigationInterface")
    _sub(interface, ADLNAV, "hideLMSUI", "previous")
    _sub(interface, ADLNAV, "hideLMSUI", "continue")
    org_sequencing = _sub(organization, IMSSS, "sequencing")
    _sub(org_sequencing, IMSSS, "controlMode", choice="true", flow="true")

    resources = _sub(root, IMSCP, "resources")
    resource = _sub(resources, IMSCP, "resource", identifier=ids.resource, type="webcontent",
                    href=href(LAUNCH))
    resource.set(f"{{{ADLCP}}}scormType", "sco")
    for name in files:
        _sub(resource, IMSCP, "file", href=href(name))
    return serialize(root)


class Scorm2004Target(PackageTarget):
    def files(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        files: FileMap = dict(site)
        check_texts(course, reporter)
        files[MANIFEST] = build_manifest(course, content_files(site), self.schemaversion or "")
        return files
