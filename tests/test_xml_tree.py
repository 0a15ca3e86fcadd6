"""``coursec.targets.xml_tree`` writes the bytes lxml wrote for the xAPI documents.

Each case builds the same tree with both (``coursec.targets.base.serialize`` for lxml) and
compares the bytes: escapes in texts and attributes, empty and missing texts, nesting, the
foreign-namespace release element, non-ASCII text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from coursec.targets import base
from coursec.targets.xml_tree import Element, serialize, stamp_release, sub

NS = "urn:example:doc"
TEXTS = ["plain", "", "a & b < c > d \" ' e", "line\r\nbreak\ttab", "Übung – 練習 ]]>", None]
ATTRS = {"id": "https://x.example/a?b=1&c=2", "lang": "de-DE", "odd": "q\"t\tn\nr\r<>&'"}


def _both(shape: list[tuple[int, str | None]]) -> tuple[bytes, bytes]:
    """A tree per (depth, text) in document order, made with lxml and with xml_tree."""
    lx_root = etree.Element(f"{{{NS}}}root", nsmap={None: NS})  # type: ignore[dict-item]
    my_root = Element("root", NS)
    lx_stack, my_stack = [lx_root], [my_root]
    for depth, text in shape:
        del lx_stack[depth + 1:], my_stack[depth + 1:]
        lx = etree.SubElement(lx_stack[depth], f"{{{NS}}}item", ATTRS)
        if text is not None:
            lx.text = text
        my_stack.append(sub(my_stack[depth], "item", text, **ATTRS))
        lx_stack.append(lx)
    return base.serialize(lx_root), serialize(my_root)


@pytest.mark.parametrize("text", TEXTS)
def test_one_child(text: str | None) -> None:
    lx, mine = _both([(0, text)])
    assert mine == lx


def test_a_nested_document() -> None:
    shape = [(0, None), (1, "a"), (1, None), (2, ""), (2, "x & y"), (1, "b"), (0, "c"),
             (0, None), (1, None), (2, None), (3, "deep")]
    lx, mine = _both(shape)
    assert mine == lx
    assert mine.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns="urn:')
    assert mine.endswith(b"</root>\n")


def test_the_release_element(tmp_path: Path) -> None:
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "1.10.json").write_text("{}")
    (tmp_path / "releases" / "1.9.json").write_text("{}")
    lx_root = etree.Element(f"{{{NS}}}root", nsmap={None: NS})  # type: ignore[dict-item]
    lx_course = etree.SubElement(lx_root, f"{{{NS}}}course", {"id": "c"})
    etree.SubElement(lx_course, "{urn:coursec:release}release",
                     nsmap={"cs": "urn:coursec:release"}).text = "1.10"
    my_root = Element("root", NS)
    stamp_release(sub(my_root, "course", id="c"), tmp_path)
    assert serialize(my_root) == base.serialize(lx_root)
    assert b'<cs:release xmlns:cs="urn:coursec:release">1.10</cs:release>' in serialize(my_root)


def test_no_release_no_element(tmp_path: Path) -> None:
    root = Element("root", NS)
    stamp_release(root, tmp_path)
    assert root.children == []
    assert serialize(root) == base.serialize(etree.Element(f"{{{NS}}}root",
                                                           nsmap={None: NS}))  # type: ignore[dict-item]
