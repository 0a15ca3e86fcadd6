"""Targets: manifests valid against the official XSDs, plus the rules XSDs cannot check.

Every negative case first shows what the XSD alone says about the broken manifest (so the
test documents why coursec.check.manifest exists), then that the rule catches it.
"""

from __future__ import annotations

import difflib
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from schemas import parse_xml, validate

from coursec.archive import zip_bytes
from coursec.check.manifest import (
    ADLCP,
    ADLCP12,
    ADLSEQ,
    CP12,
    CP2004,
    IMSSS,
    SCHEMAVERSION_2004,
    check_package,
    manifest_problems,
    package_problems,
)
from coursec.config import CourseConfig
from coursec.content import content_bytes
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import Course, Lesson
from coursec.parse import load_course
from coursec.render import render_site
from coursec.targets import TARGET_NAMES, get_target

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
SAMPLE = REPO / "courses" / "customer-service"

SITE = {
    "index.html": b"<!doctype html><title>x</title>",
    "runtime/player.js": b"// player",
    "runtime/player.css": b"/* css */",
    "media/listening.svg": b"<svg/>",
}


def make_course(mastery: float | None = 80, **config: object) -> Course:
    values: dict[str, object] = {"id": "customer-service", "title": "Customer service essentials",
                                 "description": "Listening & de-escalation <basics>.",
                                 "mastery": mastery}
    values.update(config)
    course = Course(config=CourseConfig.model_validate(values), root=Path("/nonexistent"))
    for n, lesson_id in enumerate(["why-service-matters", "active-listening", "final-check"]):
        path = Path(f"lessons/0{n + 1}-{lesson_id}.md")
        course.lessons.append(
            Lesson(id=lesson_id, title=lesson_id.title(), path=path, span=Span(str(path), 1, 1))
        )
    return course


# (target name, edition, schema fixture, schemaversion)
SCORM = [
    ("scorm12", 4, "scorm12_schema", "1.2"),
    ("scorm2004", 3, "scorm2004_3rd_schema", "2004 3rd Edition"),
    ("scorm2004", 4, "scorm2004_4th_schema", "2004 4th Edition"),
]
SCORM_IDS = ["scorm12", "scorm2004-3rd", "scorm2004-4th"]


def build(name: str, edition: int = 4, course: Course | None = None,
          site: dict[str, bytes] | None = None) -> tuple[dict[str, bytes], Reporter]:
    reporter = Reporter()
    files = get_target(name, edition=edition).package(
        course or make_course(), dict(SITE if site is None else site), reporter)
    return {path: content_bytes(data) for path, data in files.items()}, reporter


def mutate(manifest: bytes, change: Callable[[etree._Element], None]) -> bytes:
    root = parse_xml(manifest).getroot()
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def one(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path, namespaces={"cp": etree.QName(root).namespace or "",
                                        "adlcp": ADLCP, "imsss": IMSSS, "adlseq": ADLSEQ,
                                        "adlcp12": ADLCP12})
    assert found is not None, path
    return found


# -- registry -----------------------------------------------------------------------------

def test_registry() -> None:
    assert TARGET_NAMES == ("scorm12", "scorm2004", "web", "xapi", "cmi5")
    adapters = {name: get_target(name).adapter for name in TARGET_NAMES}
    assert adapters == {
        "scorm12": "scorm12",
        "scorm2004": "scorm2004",
        "web": "local",
        "xapi": "xapi",
        "cmi5": "cmi5",
    }
    assert all(get_target(name).name == name for name in TARGET_NAMES)
    with pytest.raises(KeyError):
        get_target("cmi5x")
    with pytest.raises(ValueError):
        get_target("scorm2004", edition=2)


def test_web_target_is_the_site() -> None:
    files, reporter = build("web")
    assert files == SITE
    assert reporter.diagnostics == []


# -- valid manifests ----------------------------------------------------------------------

@pytest.mark.parametrize(("name", "edition", "schema", "version"), SCORM, ids=SCORM_IDS)
def test_manifest_is_valid(name: str, edition: int, schema: str, version: str,
                           request: pytest.FixtureRequest) -> None:
    files, reporter = build(name, edition)
    manifest = files["imsmanifest.xml"]
    assert validate(request.getfixturevalue(schema), manifest) == []
    assert reporter.diagnostics == []
    assert manifest_problems(manifest, files, schemaversion=version) == []
    assert set(files) == {*SITE, "imsmanifest.xml"}
    root = parse_xml(manifest).getroot()
    assert one(root, "cp:metadata/cp:schema").text == "ADL SCORM"
    assert one(root, "cp:metadata/cp:schemaversion").text == version
    assert root.get("identifier") == "MANIFEST-customer-service-1.0"
    assert one(root, "cp:organizations").get("default") == "ORG-customer-service"
    assert one(root, "cp:organizations/cp:organization/cp:title").text == (
        "Customer service essentials")
    items = root.findall(".//{*}item")
    assert [i.get("identifier") for i in items] == ["ITEM-customer-service"]
    assert items[0].get("identifierref") == "RES-customer-service"
    resource = one(root, "cp:resources/cp:resource")
    attr = f"{{{ADLCP12}}}scormtype" if name == "scorm12" else f"{{{ADLCP}}}scormType"
    assert resource.get(attr) == "sco"
    assert resource.get("href") == "index.html"
    assert [f.get("href") for f in resource.findall("{*}file")] == sorted(SITE)
    assert manifest.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest')


def test_scorm12_masteryscore() -> None:
    for mastery, text in [(80, "80"), (82.5, "82.5"), (0, "0"), (100, "100"),
                          (66.666, "66.67"), (1.004, "1")]:
        files, _ = build("scorm12", course=make_course(mastery))
        root = parse_xml(files["imsmanifest.xml"]).getroot()
        assert one(root, ".//cp:item/adlcp12:masteryscore").text == text
    files, _ = build("scorm12", course=make_course(None))
    assert b"masteryscore" not in files["imsmanifest.xml"]


@pytest.mark.parametrize("edition", [3, 4])
def test_scorm2004_mastery_and_objectives(edition: int) -> None:
    files, _ = build("scorm2004", edition, course=make_course(82.5))
    root = parse_xml(files["imsmanifest.xml"]).getroot()
    primary = one(root, ".//cp:item/imsss:sequencing/imsss:objectives/imsss:primaryObjective")
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.get("objectiveID") is None  # not in cmi.objectives
    assert one(primary, "imsss:minNormalizedMeasure").text == "0.825"
    secondary = root.findall(f".//{{{IMSSS}}}objective")
    assert [o.get("objectiveID") for o in secondary] == [
        "why-service-matters", "active-listening", "final-check"]
    delivery = one(root, ".//imsss:deliveryControls")
    assert delivery.get("completionSetByContent") == "true"
    assert delivery.get("objectiveSetByContent") == "true"
    control = one(root, "cp:organizations/cp:organization/imsss:sequencing/imsss:controlMode")
    assert control.get("flow") == "true"

    files, _ = build("scorm2004", edition, course=make_course(66.666))
    root = parse_xml(files["imsmanifest.xml"]).getroot()
    assert one(root, ".//imsss:minNormalizedMeasure").text == "0.6667"  # = 1.2's 66.67 / 100

    files, _ = build("scorm2004", edition, course=make_course(None))
    root = parse_xml(files["imsmanifest.xml"]).getroot()
    primary = one(root, ".//imsss:primaryObjective")
    assert primary.get("satisfiedByMeasure") is None
    measures = root.findall(f".//{{{IMSSS}}}minNormalizedMeasure")
    assert [m.text for m in measures] == ["0"] * 4  # 0: Moodle hands the SCO no pass mark


@pytest.mark.parametrize("edition", [3, 4])
@pytest.mark.parametrize(("mastery", "passing"), [(80, 0.8), (82.5, 0.825), (None, None)])
def test_moodle_derives_the_course_pass_mark(edition: int, mastery: float | None,
                                             passing: float | None) -> None:
    """Moodle gives an objective without minNormalizedMeasure 1.0 and hands the SCO the last
    objective's as cmi.scaled_passing_score: the lesson objectives must not change it."""
    from browser.lmshost import moodle_passing_score

    files, _ = build("scorm2004", edition, course=make_course(mastery))
    root = parse_xml(files["imsmanifest.xml"]).getroot()
    assert moodle_passing_score(one(root, ".//cp:item")) == passing


@pytest.mark.parametrize(("name", "edition", "schema", "version"), SCORM, ids=SCORM_IDS)
def test_special_characters_and_version(name: str, edition: int, schema: str, version: str,
                                        request: pytest.FixtureRequest) -> None:
    course = make_course(70, title='Kundenservice — "Grundlagen" & <mehr> 日本', version="2.0-rc.1",
                         language="de-DE", description="")
    site = {**SITE, "media/chart(1)_v2.0~final.svg": b"<svg/>"}
    files, reporter = build(name, edition, course=course, site=site)
    manifest = files["imsmanifest.xml"]
    assert validate(request.getfixturevalue(schema), manifest) == []
    assert reporter.diagnostics == []
    root = parse_xml(manifest).getroot()
    assert root.get("identifier") == "MANIFEST-customer-service-2.0-rc.1"
    assert one(root, ".//cp:item/cp:title").text == course.config.title
    assert b'<file href="media/chart(1)_v2.0~final.svg"/>' in manifest


@pytest.mark.parametrize(("name", "edition"), [("scorm12", 4), ("scorm2004", 3),
                                               ("scorm2004", 4)])
def test_manifest_bytes_are_deterministic(name: str, edition: int) -> None:
    first, _ = build(name, edition)
    reordered = dict(reversed(list(SITE.items())))
    second, _ = build(name, edition, site=reordered)
    assert first["imsmanifest.xml"] == second["imsmanifest.xml"]


def test_unsafe_file_names_are_reported() -> None:
    for target in ("web", "scorm12", "scorm2004"):
        _, reporter = build(target, site={**SITE, "media/café.png": b"x",
                                          "media/a b.png": b"y"})
        bad = [d for d in reporter.diagnostics if d.code is Code.CS505]
        assert {d.span.path for d in bad} == {"media/café.png", "media/a b.png"}, target


def test_missing_launch_file_is_reported() -> None:
    site = {k: v for k, v in SITE.items() if k != "index.html"}
    _, reporter = build("scorm2004", site=site)
    messages = [d.message for d in reporter.diagnostics]
    assert any("launches 'index.html', which is not in the package" in m for m in messages)
    assert all(d.code is Code.CS505 and d.span.path == "imsmanifest.xml"
               for d in reporter.diagnostics)


# -- negative cases: XSD verdict, then the extra rule -----------------------------------------

def _drop_scormtype(root: etree._Element) -> None:
    res = root.find(".//{*}resource")
    assert res is not None
    for attr in list(res.attrib):
        if etree.QName(attr).localname.lower() == "scormtype":
            del res.attrib[attr]


def _set_version(value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        one(root, "cp:metadata/cp:schemaversion").text = value
    return change


def _set_attr(path: str, attr: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        one(root, path).set(attr, value)
    return change


def _scorm12_spelling_in_2004(root: etree._Element) -> None:
    res = one(root, "cp:resources/cp:resource")
    del res.attrib[f"{{{ADLCP}}}scormType"]
    res.set(f"{{{ADLCP}}}scormtype", "sco")


def _masteryscore_in_2004(root: etree._Element) -> None:
    item = one(root, ".//cp:item")
    etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = "80"


def _no_title(root: etree._Element) -> None:
    title = one(root, ".//cp:item/cp:title")
    title.getparent().remove(title)  # type: ignore[union-attr]


def _empty_org(root: etree._Element) -> None:
    org = one(root, "cp:organizations/cp:organization")
    for item in org.findall("{*}item"):
        org.remove(item)


def _adlseq_objectives(root: etree._Element) -> None:
    seq = one(root, ".//cp:item/imsss:sequencing")
    objs = etree.SubElement(seq, f"{{{ADLSEQ}}}objectives")
    etree.SubElement(objs, f"{{{ADLSEQ}}}objective", objectiveID="why-service-matters")


def _duplicate_id(root: etree._Element) -> None:
    one(root, "cp:resources/cp:resource").set("identifier", "ITEM-customer-service")
    one(root, ".//cp:item").set("identifierref", "ITEM-customer-service")


# name, edition, change, XSD says valid?, expected fragment of the rule's message
NEGATIVE = [
    ("scorm12", 4, _drop_scormtype, True, "has no adlcp:scormtype"),
    ("scorm2004", 4, _drop_scormtype, True, "has no adlcp:scormType"),
    ("scorm2004", 4, _scorm12_spelling_in_2004, True, "wrong case for this SCORM version"),
    ("scorm2004", 4, _set_attr("cp:resources/cp:resource", f"{{{ADLCP}}}scormType", "SCO"),
     False, "must be exactly 'sco' or 'asset'"),
    ("scorm12", 4, _set_version("1.3"), True, "must be exactly '1.2'"),
    ("scorm2004", 4, _set_version("2004 4th edition"), True, "must be exactly '2004 4th"),
    ("scorm2004", 3, _set_version("CAM 1.3"), True, "must be exactly '2004 3rd"),
    ("scorm12", 4, _set_attr(".//cp:item", "identifierref", "RES-nope"), True,
     "references resource 'RES-nope', which does not exist"),
    ("scorm2004", 4, _set_attr(".//cp:item", "identifierref", "RES-nope"), True,
     "references resource 'RES-nope', which does not exist"),
    ("scorm12", 4, _set_attr(".//cp:item", "identifier", "1-item"), False,
     "is not an XML NCName"),
    ("scorm2004", 4, _set_attr(".//cp:item", "identifier", "1-item"), False,
     "is not an XML NCName"),
    ("scorm2004", 4, _duplicate_id, False, "is used more than once"),
    ("scorm12", 4, _set_attr("cp:organizations", "default", "NOPE"), True,
     "names no organization"),
    ("scorm2004", 4, _set_attr("cp:organizations", "default", "NOPE"), True,
     "names no organization"),
    ("scorm2004", 4, _set_attr("cp:resources/cp:resource/cp:file", "href", "gone.js"), True,
     "<file href='gone.js'> of resource 'RES-customer-service' is not in the package"),
    ("scorm2004", 4, _masteryscore_in_2004, True, "unknown SCORM 2004 element adlcp:masteryscore"),
    ("scorm12", 4, _no_title, True, "has no <title>"),
    ("scorm2004", 4, _no_title, True, "has no <title>"),
    ("scorm2004", 4, _empty_org, False, "has no <item>"),
    ("scorm2004", 3, _adlseq_objectives, False, "exists only in SCORM 2004 4th edition"),
    ("scorm12", 4, lambda r: setattr(one(r, ".//adlcp12:masteryscore"), "text", "eighty"), True,
     "adlcp:masteryscore 'eighty' is not a number 0..100"),
]


@pytest.mark.parametrize(("name", "edition", "change", "xsd_valid", "expected"), NEGATIVE,
                         ids=[f"{n[0]}-{n[1]}-{n[4][:40]}" for n in NEGATIVE])
def test_broken_manifest_is_caught(name: str, edition: int,
                                   change: Callable[[etree._Element], None], xsd_valid: bool,
                                   expected: str, request: pytest.FixtureRequest) -> None:
    files, _ = build(name, edition)
    schema_name = {("scorm12", 4): "scorm12_schema", ("scorm2004", 3): "scorm2004_3rd_schema",
                   ("scorm2004", 4): "scorm2004_4th_schema"}[(name, edition)]
    version = "1.2" if name == "scorm12" else SCHEMAVERSION_2004[edition]
    broken = mutate(files["imsmanifest.xml"], change)
    assert (validate(request.getfixturevalue(schema_name), broken) == []) is xsd_valid
    messages = [p.message for p in manifest_problems(broken, files, schemaversion=version)]
    assert any(expected in m for m in messages), messages


def test_4th_edition_feature_accepted_in_4th() -> None:
    files, _ = build("scorm2004", 4)
    broken = mutate(files["imsmanifest.xml"], _adlseq_objectives)
    assert manifest_problems(broken, files, schemaversion=SCHEMAVERSION_2004[4]) == []


def test_package_level_rules() -> None:
    files, _ = build("scorm12")
    assert package_problems({k: v for k, v in files.items() if k != "imsmanifest.xml"})
    nested = {("pkg/" + k): v for k, v in files.items()}
    assert "it must be at the root" in package_problems(nested)[0].message
    extra = {**files, "runtime/unlisted.js": b""}
    messages = [p.message for p in package_problems(extra, schemaversion="1.2")]
    assert messages == ["package file 'runtime/unlisted.js' is not listed as a <file> of any "
                        "resource"]
    broken = manifest_problems(b"<manifest", files)
    assert "not well-formed" in broken[0].message
    other = manifest_problems(b"<manifest xmlns='urn:x'/>", files)
    assert "expected <manifest>" in other[0].message


def test_check_package_reports_cs505_with_line() -> None:
    files, _ = build("scorm2004")
    files["imsmanifest.xml"] = mutate(files["imsmanifest.xml"], _drop_scormtype)
    reporter = Reporter()
    check_package(files, reporter, schemaversion="2004 4th Edition")
    assert len(reporter.diagnostics) == 1
    diag = reporter.diagnostics[0]
    assert diag.code is Code.CS505
    assert diag.span.path == "imsmanifest.xml"
    assert diag.span.line > 1
    assert "resource 'RES-customer-service' has no adlcp:scormType" in diag.message


def test_namespaces_are_the_official_ones() -> None:
    assert etree.QName(parse_xml(build("scorm12")[0]["imsmanifest.xml"]).getroot()
                       ).namespace == CP12
    assert etree.QName(parse_xml(build("scorm2004")[0]["imsmanifest.xml"]).getroot()
                       ).namespace == CP2004


# -- the sample course --------------------------------------------------------------------

def _sample_site(course: Course, adapter: str) -> dict[str, bytes]:
    """A stand-in for the renderer's output: launch page, runtime files and the media."""
    site = {"index.html": b"<!doctype html>", "runtime/player.js": b"",
            "runtime/player.css": b"", f"runtime/{adapter}.js": b""}
    site.update({path: b"" for path in course.assets})
    return site


@pytest.fixture(scope="module")
def sample_course() -> Course:
    reporter = Reporter()
    course = load_course(SAMPLE, reporter)
    assert course is not None, [d.message for d in reporter.sorted()]
    return course


@pytest.mark.parametrize(("name", "edition", "schema", "version"), SCORM, ids=SCORM_IDS)
def test_sample_course_manifest(name: str, edition: int, schema: str, version: str,
                                sample_course: Course, request: pytest.FixtureRequest) -> None:
    target = get_target(name, edition=edition)
    reporter = Reporter()
    files = target.package(sample_course, _sample_site(sample_course, target.adapter), reporter)
    manifest = content_bytes(files["imsmanifest.xml"])
    assert validate(request.getfixturevalue(schema), manifest) == []
    assert [d.message for d in reporter.diagnostics] == []
    flavour = {3: "-3rd", 4: "-4th"}[edition] if name == "scorm2004" else ""
    golden = GOLDEN / f"{sample_course.id}.{name}{flavour}.imsmanifest.xml"
    if os.environ.get("COURSEC_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(manifest)
    assert golden.exists(), f"{golden} missing: run with COURSEC_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    actual = manifest.decode("utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            str(golden), "built"))
        pytest.fail(f"manifest differs from golden (COURSEC_UPDATE_GOLDEN=1 to accept):\n{diff}")


# -- any valid course.yaml gives a valid manifest ------------------------------------------

ID = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_-]{0,63}\Z")
VERSION = st.from_regex(r"\A[0-9A-Za-z][0-9A-Za-z._-]{0,31}\Z")
TEXT = st.text(min_size=1, max_size=260).filter(lambda t: t.strip() != "")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(course_id=ID, version=VERSION, title=TEXT, description=st.text(max_size=80),
       # (0 < mastery < 1 is an error in course.yaml: a fraction meant as a percentage)
       mastery=st.none() | st.just(0.0) | st.floats(1, 100))
def test_any_config_gives_valid_manifests(course_id: str, version: str, title: str,
                                          description: str, mastery: float | None,
                                          request: pytest.FixtureRequest) -> None:
    course = make_course(mastery, id=course_id, version=version, title=title,
                         description=description)
    for name, edition, schema, _ in SCORM:
        files, reporter = build(name, edition, course=course)
        assert validate(request.getfixturevalue(schema), files["imsmanifest.xml"]) == []
        unexpected = [d.message for d in reporter.diagnostics
                      if "control characters" not in d.message
                      and "SCORM 1.2 manifests hold at most" not in d.message]
        assert unexpected == []


def test_long_title_and_version_in_scorm12(scorm12_schema: etree.XMLSchema) -> None:
    course = make_course(title="T" * 250, version="1.0.0-build.2026.11.23")
    files, reporter = build("scorm12", course=course)
    manifest = files["imsmanifest.xml"]
    assert validate(scorm12_schema, manifest) == []
    root = parse_xml(manifest).getroot()
    assert root.get("version") is None
    assert root.get("identifier") == "MANIFEST-customer-service-1.0.0-build.2026.11.23"
    assert len(one(root, ".//cp:item/cp:title").text or "") == 200
    assert [d.severity.value for d in reporter.diagnostics] == ["warning"]


def test_control_characters_in_title_are_reported() -> None:
    for name in ("scorm12", "scorm2004"):
        files, reporter = build(name, course=make_course(title="Bell\x07 course"))
        assert b"Bell\xef\xbf\xbd course" in files["imsmanifest.xml"]  # U+FFFD
        assert [(d.code, Path(d.span.path).name) for d in reporter.diagnostics] == [
            (Code.CS505, "course.yaml")]


@pytest.mark.parametrize(("name", "edition"), [("scorm12", 4), ("scorm2004", 4)])
def test_zipped_package_has_manifest_at_root(name: str, edition: int) -> None:
    files, _ = build(name, edition)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as archive:
        unpacked = {n: archive.read(n) for n in archive.namelist()}
    assert unpacked == files
    assert package_problems(unpacked) == []


@pytest.mark.parametrize(("name", "edition", "schema", "version"), SCORM, ids=SCORM_IDS)
def test_sample_course_real_site(name: str, edition: int, schema: str, version: str,
                                 sample_course: Course, request: pytest.FixtureRequest) -> None:
    """The renderer's real file map, packaged: XSD-valid, every file listed, no CS505."""
    target = get_target(name, edition=edition)
    reporter = Reporter()
    site = render_site(sample_course, target.adapter, reporter)
    files = target.package(sample_course, site, reporter)
    manifest = content_bytes(files["imsmanifest.xml"])
    assert validate(request.getfixturevalue(schema), manifest) == []
    assert [d.message for d in reporter.diagnostics if d.code is Code.CS505] == []
    assert package_problems(files, schemaversion=version) == []
    listed = {f.get("href") for f in parse_xml(manifest).iter("{*}file")}
    assert listed == set(site) - {"imsmanifest.xml"}
