"""The release version manifests carry, once a release is recorded.

In:  the course (its folder's ``releases/``) and, for the xAPI manifests, the XML parent.
Out: ``manifest_version(course)``: the newest recorded release, else course.yaml's ``version``
     (so a course with no ``releases/`` builds exactly as before); ``stamp_xml(parent, course)``
     appends ``<release xmlns="urn:coursec:release">X</release>`` (an element in a foreign
     namespace: cmi5's CourseStructure.xsd admits one in ``course``, tincan.xml ignores it)
     only when a release is recorded. Nothing is reported here.
"""

from __future__ import annotations

from lxml import etree

from coursec.model import Course
from coursec.release.record import release_version

RELEASE_NS = "urn:coursec:release"


def manifest_version(course: Course) -> str:
    return release_version(course.root) or course.config.version


def stamp_xml(parent: etree._Element, course: Course) -> None:
    version = release_version(course.root)
    if version is not None:
        etree.SubElement(parent, f"{{{RELEASE_NS}}}release",
                         nsmap={"cs": RELEASE_NS}).text = version
