"""Offline loader for the official SCORM XSDs in ``../shared/schemas`` (see its README).

In:  the schema folder (``COURSEC_SCHEMAS`` env var, else ``<repo>/../shared/schemas``).
Out: compiled ``lxml.etree.XMLSchema`` objects; ``validate(schema, xml)`` returns the error
     messages (empty when valid). Nothing is fetched from the network: the one remote import
     (``http://www.w3.org/2001/xml.xsd``) is mapped to the local copy, any other remote URL is
     refused, and SCORM 1.2 ``imsmd_rootv1p2p1.xsd`` gets the README's in-memory UPA fix
     (``namespace="##any"`` -> ``"##other"``; the file on disk is untouched).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = Path(os.environ.get("COURSEC_SCHEMAS", REPO.parent / "shared" / "schemas")).resolve()

# target key -> root XSD (relative to SCHEMAS)
ROOTS = {
    "scorm12": "scorm12/_root.xsd",
    "scorm2004-3": "scorm2004-3rd/_root.xsd",
    "scorm2004-4": "scorm2004-4th/_root.xsd",
    "cmi5": "cmi5/CourseStructure.xsd",
}

_XML_XSD = SCHEMAS / "scorm2004-4th" / "xml.xsd"
_REMOTE = {
    "http://www.w3.org/2001/xml.xsd": _XML_XSD,
    "http://www.w3.org/2001/03/xml.xsd": _XML_XSD,
}


class OfflineResolver(etree.Resolver):
    """Maps the W3C xml.xsd to the local copy, refuses other remote URLs, fixes imsmd UPA."""

    def resolve(  # type: ignore[override]  # lxml-stubs omit the context argument
        self, url: str | None, pubid: str | None, context: Any
    ) -> Any:
        if url is None:
            return None
        if url in _REMOTE:
            return self.resolve_filename(str(_REMOTE[url]), context)  # type: ignore[attr-defined]
        if url.startswith(("http://", "https://", "ftp://")):
            raise OSError(f"offline: refusing to fetch {url}")
        path = Path(url.removeprefix("file://"))
        if path.name == "imsmd_rootv1p2p1.xsd" and path.parent.name == "scorm12":
            data = path.read_bytes().replace(b'namespace="##any"', b'namespace="##other"')
            return self.resolve_string(data, context, base_url=str(path))
        return None


def load_schema(key: str) -> etree.XMLSchema:
    """Compile the root schema for ``key`` (one of ``ROOTS``); takes a second for 2004."""
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    parser.resolvers.add(OfflineResolver())
    root = SCHEMAS / ROOTS[key]
    return etree.XMLSchema(etree.parse(str(root), parser))


def parse_xml(data: bytes) -> etree._ElementTree:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.ElementTree(etree.fromstring(data, parser))


def validate(schema: etree.XMLSchema, data: bytes) -> list[str]:
    """Validation errors of ``data`` as ``line N: message`` strings (empty list = valid)."""
    if schema.validate(parse_xml(data)):
        return []
    log: Any = schema.error_log  # iterable; lxml-stubs say otherwise
    return [f"line {e.line}: {e.message}" for e in log]
