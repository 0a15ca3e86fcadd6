"""Manifest rules the official XSDs cannot express (shared/schemas/README.md).

In:  a package file map holding ``imsmanifest.xml`` (SCORM 1.2 or 2004), and the exact
     ``schemaversion`` the target meant to write.
Out: one CS505 diagnostic per broken rule, at ``imsmanifest.xml`` with the manifest line;
     ``manifest_problems`` returns the same findings as ``Problem``s for tests and tools.

Rules: manifest at the package root; well-formed, root ``manifest`` in the IMS CP namespace of
SCORM 1.2 or 2004; ``schema`` = ``ADL SCORM`` and the exact ``schemaversion``; identifiers
are unpadded NCNames, unique across the manifest; ``organizations/@default`` names an
organization; organizations and items have titles; 2004 organizations have >= 1 item; leaf
items reference an existing resource with an ``href``, parent items reference none; every
resource has ``adlcp:scormtype`` (1.2) / ``adlcp:scormType`` (2004) with the exact spelling
and value ``sco`` | ``asset``; dependencies resolve; every ``href`` is a file of the package
and every package file is listed; 1.2 ``masteryscore`` is a decimal 0..100; 2004 ADL/IMS SS
names exist (the 2004 wildcards are lax, so a typo or a 1.2 leftover passes the XSD);
objective ids are unique per activity; 3rd edition has no 4th-edition-only features; package
paths are relative, ASCII and URL-safe (``coursec.content.path_problem``).
"""

from __future__ import annotations

import re
from typing import NamedTuple, cast
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from coursec.check.paths import check_paths
from coursec.content import ContentMap, content_bytes
from coursec.diagnostics import Code, Reporter, Span

MANIFEST = "imsmanifest.xml"
SCHEMAVERSION_12 = "1.2"
SCHEMAVERSION_2004 = {3: "2004 3rd Edition", 4: "2004 4th Edition"}

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

# names declared by the SCORM 2004 4th edition schemas, per namespace
KNOWN_2004 = {
    ADLCP: {"location", "dataFromLMS", "timeLimitAction", "completionThreshold", "data", "map"},
    ADLSEQ: {"constrainedChoiceConsiderations", "rollupConsiderations", "objectives",
             "objective", "mapInfo"},
    ADLNAV: {"presentation", "navigationInterface", "hideLMSUI"},
    IMSSS: {"auxiliaryResource", "auxiliaryResources", "controlMode", "deliveryControls",
            "exitConditionRule", "limitConditions", "mapInfo", "minNormalizedMeasure",
            "objective", "objectives", "postConditionRule", "preConditionRule",
            "primaryObjective", "randomizationControls", "rollupAction", "rollupCondition",
            "rollupConditions", "rollupRule", "rollupRules", "ruleAction", "ruleCondition",
            "ruleConditions", "sequencing", "sequencingCollection", "sequencingRules"},
}
KNOWN_2004_ATTRS = {ADLCP: {"scormType", "sharedDataGlobalToSystem"},
                    ADLSEQ: {"objectivesGlobalToSystem"}, ADLNAV: set(), IMSSS: set()}
FOURTH_ONLY_ATTRS = {"completedByMeasure", "minProgressMeasure", "progressWeight"}

_NCNAME = re.compile(r"[^\W\d][\w.\-\u00B7\u0300-\u036F\u203F\u2040]*")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class Problem(NamedTuple):
    line: int  # line in imsmanifest.xml, 0 when not tied to one
    message: str


def check_package(files: ContentMap, reporter: Reporter, *,
                  schemaversion: str | None = None) -> None:
    """Report CS505 for unsafe paths and for every manifest rule ``files`` breaks."""
    check_paths(files, reporter)
    for problem in package_problems(files, schemaversion=schemaversion):
        reporter.report(Code.CS505, Span(path=MANIFEST, line=problem.line), problem.message)


def package_problems(files: ContentMap, *,
                     schemaversion: str | None = None) -> list[Problem]:
    if MANIFEST not in files:
        nested = sorted(n for n in files if n.endswith("/" + MANIFEST))
        where = f" (found {', '.join(nested)}; it must be at the root)" if nested else ""
        return [Problem(0, f"the package has no {MANIFEST} at its root{where}")]
    return manifest_problems(content_bytes(files[MANIFEST]), files, schemaversion=schemaversion)


def manifest_problems(manifest: bytes, files: ContentMap | None = None, *,
                      schemaversion: str | None = None) -> list[Problem]:
    """Every rule ``manifest`` breaks; file checks are skipped when ``files`` is None."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        root = etree.fromstring(manifest, parser)
    except etree.XMLSyntaxError as exc:
        return [Problem(exc.lineno or 0, f"{MANIFEST} is not well-formed XML: {exc.msg}")]
    rules = _Rules(root, files, schemaversion)
    rules.run()
    return sorted(rules.problems)


def _line(el: etree._Element) -> int:
    return cast("int | None", el.sourceline) or 0  # lxml-stubs leave sourceline untyped


class _Rules:
    def __init__(self, root: etree._Element, files: ContentMap | None,
                 schemaversion: str | None) -> None:
        self.root = root
        self.files = files
        self.expected = schemaversion
        self.problems: list[Problem] = []
        self.cp = etree.QName(root).namespace or ""
        self.is12 = self.cp == CP12
        self.adlcp = ADLCP12 if self.is12 else ADLCP
        self.scormtype = "scormtype" if self.is12 else "scormType"

    def add(self, el: etree._Element | None, message: str) -> None:
        self.problems.append(Problem(_line(el) if el is not None else 0, message))

    def q(self, tag: str) -> str:
        return f"{{{self.cp}}}{tag}"

    def run(self) -> None:
        if etree.QName(self.root).localname != "manifest" or self.cp not in (CP12, CP2004):
            self.add(self.root, f"root element is {self.root.tag}, expected <manifest> in the "
                     f"SCORM 1.2 ({CP12}) or SCORM 2004 ({CP2004}) namespace")
            return
        self.metadata()
        self.identifiers()
        resources = {r.get("identifier", "").strip(): r for r in self.root.iter(self.q("resource"))}
        self.organizations(resources)
        self.resources(resources)
        if self.files is not None:
            self.package_files()
        if not self.is12:
            self.names_2004()
            self.objectives()
            if self.third_edition():
                self.fourth_only()

    # -- metadata ------------------------------------------------------------------------
    def metadata(self) -> None:
        metadata = self.root.find(self.q("metadata"))
        schema = metadata.find(self.q("schema")) if metadata is not None else None
        version = metadata.find(self.q("schemaversion")) if metadata is not None else None
        where = metadata if metadata is not None else self.root
        if schema is None or (schema.text or "") != "ADL SCORM":
            found = "missing" if schema is None else repr(schema.text or "")
            self.add(where, f"<metadata><schema> must be exactly 'ADL SCORM' (found {found})")
        allowed = ({SCHEMAVERSION_12} if self.is12
                   else {"CAM 1.3", *SCHEMAVERSION_2004.values()})
        found_version = None if version is None else (version.text or "")
        if self.expected is not None and found_version != self.expected:
            shown = "missing" if found_version is None else repr(found_version)
            self.add(where, f"<metadata><schemaversion> must be exactly '{self.expected}' "
                     f"(found {shown}); LMSs choose the SCORM API from this value")
        elif found_version not in allowed:
            shown = "missing" if found_version is None else repr(found_version)
            self.add(where, f"<metadata><schemaversion> {shown} is not one of "
                     f"{', '.join(sorted(allowed))} for this manifest's namespace")

    def third_edition(self) -> bool:
        if self.expected is not None:
            return self.expected == SCHEMAVERSION_2004[3]
        version = self.root.find(f"{self.q('metadata')}/{self.q('schemaversion')}")
        return version is not None and version.text == SCHEMAVERSION_2004[3]

    # -- identifiers ---------------------------------------------------------------------
    def identifiers(self) -> None:
        seen: dict[str, etree._Element] = {}
        for el in self.root.iter(etree.Element):
            if etree.QName(el).namespace != self.cp:
                continue
            ident = el.get("identifier")
            kind = etree.QName(el).localname
            if ident is None:
                if kind in ("manifest", "organization", "item", "resource"):
                    self.add(el, f"<{kind}> has no identifier")
                continue
            if ident != ident.strip():
                self.add(el, f"{kind} identifier {ident!r} has leading or trailing whitespace")
            if not _NCNAME.fullmatch(ident.strip()):
                self.add(el, f"{kind} identifier {ident!r} is not an XML NCName (it must start "
                         "with a letter or '_' and hold no spaces or ':')")
            if ident.strip() in seen:
                self.add(el, f"identifier '{ident.strip()}' is used more than once (items, "
                         "organizations and resources share one identifier space)")
            seen.setdefault(ident.strip(), el)

    # -- organizations and items ---------------------------------------------------------
    def organizations(self, resources: dict[str, etree._Element]) -> None:
        orgs_el = self.root.find(self.q("organizations"))
        orgs = [] if orgs_el is None else orgs_el.findall(self.q("organization"))
        if orgs_el is None or not orgs:
            self.add(orgs_el, "the manifest has no <organization>: an LMS has nothing to launch")
            return
        default = orgs_el.get("default")
        names = {o.get("identifier", "").strip() for o in orgs}
        if default is None:
            self.add(orgs_el, "<organizations> has no default attribute")
        elif default.strip() not in names:
            self.add(orgs_el, f"<organizations default='{default}'> names no organization "
                     f"(organizations: {', '.join(sorted(names))})")
        for org in orgs:
            self.title(org, "organization")
            items = org.findall(self.q("item"))
            if not items and not self.is12:
                self.add(org, f"organization '{org.get('identifier')}' has no <item> "
                         "(IMS CP 1.1.4 requires at least one)")
            for item in org.iter(self.q("item")):
                self.item(item, resources)

    def title(self, el: etree._Element, kind: str) -> None:
        title = el.find(self.q("title"))
        if title is None or not (title.text or "").strip():
            self.add(el, f"{kind} '{el.get('identifier')}' has no <title> (SCORM requires one; "
                     "LMSs show it in the table of contents)")

    def item(self, item: etree._Element, resources: dict[str, etree._Element]) -> None:
        self.title(item, "item")
        ident = item.get("identifier")
        ref = item.get("identifierref")
        has_children = item.find(self.q("item")) is not None
        if has_children:
            if ref is not None:
                self.add(item, f"item '{ident}' has child items and an identifierref; only "
                         "leaf items may reference a resource")
            return
        if ref is None:
            self.add(item, f"leaf item '{ident}' has no identifierref, so it cannot be launched")
            return
        resource = resources.get(ref.strip())
        if resource is None:
            self.add(item, f"item '{ident}' references resource '{ref}', which does not exist")
        elif not resource.get("href"):
            self.add(item, f"item '{ident}' references resource '{ref}', which has no href "
                     "to launch")
        if self.is12:
            mastery = item.find(f"{{{ADLCP12}}}masteryscore")
            if mastery is not None:
                text = (mastery.text or "").strip()
                if not _DECIMAL.fullmatch(text) or not 0 <= float(text) <= 100:
                    self.add(mastery, f"adlcp:masteryscore {text!r} is not a number 0..100")

    # -- resources and files -------------------------------------------------------------
    def resources(self, resources: dict[str, etree._Element]) -> None:
        wrong = "scormType" if self.is12 else "scormtype"
        for ident, res in resources.items():
            value = res.get(f"{{{self.adlcp}}}{self.scormtype}")
            if value is None:
                hint = ""
                if res.get(f"{{{self.adlcp}}}{wrong}") is not None:
                    hint = f" (found adlcp:{wrong}: wrong case for this SCORM version)"
                elif any(etree.QName(a).localname.lower() == "scormtype" for a in res.attrib):
                    hint = " (found a scormtype attribute in the wrong namespace)"
                self.add(res, f"resource '{ident}' has no adlcp:{self.scormtype} attribute"
                         f"{hint}; LMSs treat it as an asset and never start the API")
            elif value not in ("sco", "asset"):
                self.add(res, f"resource '{ident}' has adlcp:{self.scormtype}='{value}'; it "
                         "must be exactly 'sco' or 'asset' (lower case)")
            for dep in res.findall(self.q("dependency")):
                ref = (dep.get("identifierref") or "").strip()
                if ref not in resources:
                    self.add(dep, f"resource '{ident}' depends on '{ref}', which does not exist")

    def package_files(self) -> None:
        assert self.files is not None
        listed: set[str] = set()
        resources_el = self.root.find(self.q("resources"))
        base0 = resources_el.get(XML_BASE, "") if resources_el is not None else ""
        for res in self.root.iter(self.q("resource")):
            base = urljoin(base0, res.get(XML_BASE, ""))
            ident = res.get("identifier")
            files_here = []
            for file_el in res.findall(self.q("file")):
                path = self.local_path(base, file_el.get("href", ""))
                if path is None:
                    continue
                files_here.append(path)
                listed.add(path)
                if path not in self.files:
                    self.add(file_el, f"<file href='{file_el.get('href')}'> of resource "
                             f"'{ident}' is not in the package")
            launch = res.get("href")
            if launch is not None:
                path = self.local_path(base, launch)
                if path is not None and path not in self.files:
                    self.add(res, f"resource '{ident}' launches '{launch}', which is not in "
                             "the package")
                elif path is not None and path not in files_here:
                    self.add(res, f"resource '{ident}' launches '{launch}' but does not list "
                             "it as a <file>")
        for name in sorted(set(self.files) - listed - {MANIFEST}):
            if not name.endswith(".xsd") and not name.endswith(".dtd"):
                self.add(resources_el, f"package file '{name}' is not listed as a <file> of "
                         "any resource")

    @staticmethod
    def local_path(base: str, ref: str) -> str | None:
        """The package path ``ref`` points to, or None for an absolute URL."""
        url = urljoin(base, ref)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        return unquote(parts.path)

    # -- SCORM 2004 extensions -----------------------------------------------------------
    def names_2004(self) -> None:
        for el in self.root.iter(etree.Element):
            qname = etree.QName(el)
            known = KNOWN_2004.get(qname.namespace or "")
            if known is not None and qname.localname not in known:
                self.add(el, f"unknown SCORM 2004 element {self.prefixed(el, qname)}; the "
                         "XSD wildcards are lax so validators skip it, and LMSs ignore it")
            for attr in el.attrib:
                aq = etree.QName(attr)
                known_attrs = KNOWN_2004_ATTRS.get(aq.namespace or "")
                if known_attrs is not None and aq.localname not in known_attrs:
                    self.add(el, f"unknown SCORM 2004 attribute {self.prefixed(el, aq)}; the "
                             "XSD wildcards are lax so validators skip it, and LMSs ignore it")

    @staticmethod
    def prefixed(el: etree._Element, qname: etree.QName) -> str:
        prefix = next((p for p, u in el.nsmap.items() if u == qname.namespace and p), None)
        return f"{prefix}:{qname.localname}" if prefix else qname.text

    def objectives(self) -> None:
        for objectives in self.root.iter(f"{{{IMSSS}}}objectives"):
            seen: set[str] = set()
            for obj in objectives:
                ident = obj.get("objectiveID")
                if ident is None:
                    continue
                if ident in seen:
                    self.add(obj, f"objectiveID '{ident}' is declared twice for one activity")
                seen.add(ident)

    def fourth_only(self) -> None:
        for el in self.root.iter(f"{{{ADLSEQ}}}objectives", f"{{{ADLCP}}}data",
                                 f"{{{ADLCP}}}map"):
            self.add(el, f"{self.prefixed(el, etree.QName(el))} exists only in SCORM 2004 4th "
                     "edition; remove it for a 3rd edition package")
        for el in self.root.iter(etree.Element):
            if el.get(f"{{{ADLCP}}}sharedDataGlobalToSystem") is not None:
                self.add(el, "adlcp:sharedDataGlobalToSystem exists only in SCORM 2004 4th "
                         "edition")
        for el in self.root.iter(f"{{{ADLCP}}}completionThreshold"):
            extra = sorted(FOURTH_ONLY_ATTRS & set(el.attrib))
            if extra:
                self.add(el, f"adlcp:completionThreshold attributes {', '.join(extra)} exist "
                         "only in SCORM 2004 4th edition (3rd edition: a bare decimal)")
