"""Version stamping: once a release is recorded, the manifests carry its version (cmi5.xml and
tincan.xml as a ``urn:coursec:release`` element, SCORM in the manifest identifier and version,
2004 also in the LOM lifeCycle); without ``releases/`` nothing changes (compare.sh checks the
sample's bytes). The cmi5.xml stays valid against CourseStructure.xsd."""

from __future__ import annotations

import zipfile
from pathlib import Path

from schemas import load_schema, parse_xml

from coursec.build import BuildOptions, build
from coursec.cli import main
from coursec.diagnostics import Reporter

from .release_edits import copy_sample

NS = "{urn:coursec:release}release"


def _files(course: Path, out: Path, target: str) -> dict[str, bytes]:
    reporter = Reporter()
    packages = build(BuildOptions(course_dir=course, targets=[target], out_dir=out,
                                  regions=["en-US"]), reporter)
    assert packages, [d.message for d in reporter.diagnostics]
    with zipfile.ZipFile(packages[0].zip_path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_manifests_carry_the_recorded_release(tmp_path: Path) -> None:
    course = copy_sample(tmp_path / "course")
    before = _files(course, tmp_path / "b0", "cmi5")["cmi5.xml"]
    assert b"urn:coursec:release" not in before
    assert main(["release", str(course), "--version", "2.3"]) == 0
    cmi5 = parse_xml(_files(course, tmp_path / "b1", "cmi5")["cmi5.xml"])
    load_schema("cmi5").assertValid(cmi5)
    assert [e.text for e in cmi5.iter(NS)] == ["2.3"]
    tincan = parse_xml(_files(course, tmp_path / "b2", "xapi")["tincan.xml"])
    assert [e.text for e in tincan.iter(NS)] == ["2.3"]
    manifest = _files(course, tmp_path / "b3", "scorm2004")["imsmanifest.xml"]
    root = parse_xml(manifest).getroot()
    assert root.get("identifier") == "MANIFEST-customer-service-2.3"
    assert root.get("version") == "2.3"
    assert b">2.3<" in manifest  # the LOM lifeCycle version (the rest are attributes)
    manifest12 = parse_xml(_files(course, tmp_path / "b4", "scorm12")["imsmanifest.xml"])
    assert manifest12.getroot().get("identifier") == "MANIFEST-customer-service-2.3"
