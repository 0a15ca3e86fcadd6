"""A small XML tree for the xAPI targets' documents (``tincan.xml``, ``cmi5.xml``), without lxml.

In:  elements made with ``Element(tag, ns)`` and ``sub(parent, tag, text, **attrs)``: one
     default namespace per document (declared on the root), an optional element of a foreign
     namespace with its own prefix (the recorded release, ``stamp_release``), attributes in
     the order given, text only in elements without children (texts are made XML-safe by the
     caller, ``coursec.targets.base.xml_text``).
Out: ``serialize(root)`` -> the document's bytes, exactly as ``coursec.targets.base.serialize``
     writes an lxml tree (lxml's ``indent`` with two spaces, then ``tostring`` in UTF-8): the
     same XML declaration, escapes (``&amp; &lt; &gt;`` in text and ``&#13;`` for CR; also
     ``&quot; &#9; &#10; &#13;`` in attributes), ``<a/>`` for an element without text or
     children and ``<a></a>`` for an empty text, and a final newline. Tested against lxml in
     tests/test_targets.py. Nothing is reported here.

Why: a web-only build (``--target web``, ``xapi``, ``cmi5``) then never imports lxml, which
only the SCORM manifests (and their checks) need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coursec.release.stamp import RELEASE_NS, release_version

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;",
                       "\n": "&#10;", "\r": "&#13;"})


@dataclass
class Element:
    tag: str  # the local name
    ns: str  # its namespace
    attrs: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    children: list[Element] = field(default_factory=list)
    prefix: str | None = None  # None: the document's default namespace


def sub(parent: Element, tag: str, text: str | None = None, **attrs: str) -> Element:
    """A child of ``parent`` in ``parent``'s namespace."""
    child = Element(tag, parent.ns, dict(attrs), text)
    parent.children.append(child)
    return child


def stamp_release(parent: Element, course_root: Path) -> None:
    """``<cs:release xmlns:cs="urn:coursec:release">X</cs:release>`` when a release is recorded
    (``coursec.release.stamp``)."""
    version = release_version(course_root)
    if version is not None:
        parent.children.append(Element("release", RELEASE_NS, text=version, prefix="cs"))


def serialize(root: Element) -> bytes:
    """The document of ``root`` (its namespace declared as the default one)."""
    out: list[str] = []
    _write(root, 0, out, root.ns, declare=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + "".join(out).encode("utf-8") + b"\n"


def _write(el: Element, level: int, out: list[str], default: str, declare: bool) -> None:
    name = el.tag if el.prefix is None else f"{el.prefix}:{el.tag}"
    out.append(f"<{name}")
    if declare:
        out.append(f' xmlns="{el.ns.translate(_ATTR)}"')
    elif el.prefix is not None:
        out.append(f' xmlns:{el.prefix}="{el.ns.translate(_ATTR)}"')
    elif el.ns != default:
        raise ValueError(f"{el.tag} is in another namespace without a prefix")  # programming
    for key, value in el.attrs.items():
        out.append(f' {key}="{value.translate(_ATTR)}"')
    if el.children:
        if el.text is not None and el.text.strip():
            raise ValueError(f"{el.tag} has text and children")  # not written by the targets
        inner = "\n" + "  " * (level + 1)
        out.append(">")
        for child in el.children:
            out.append(inner)
            _write(child, level + 1, out, default, declare=False)
        out.append("\n" + "  " * level + f"</{name}>")
    elif el.text is None:
        out.append("/>")
    else:
        out.append(f">{el.text.translate(_TEXT)}</{name}>")
