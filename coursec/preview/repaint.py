"""What a save changed in the live course page, and whether the panel may patch it in place.

The panel keeps the SCO running when a save changes only what the learner reads: it swaps the
changed page sections into the live document and re-binds their quiz forms (``static/patch.js``),
so nothing reaches the LMS and the learner keeps their place and answers. Anything that could
change what the runtime tracks relaunches the SCO as before. The boundary, exactly:

- **patched**: a save of lesson files only, after which ``index.html`` differs from the one the
  panel shows only inside page sections (``<section ... data-cs-page>``: prose, headings of
  callouts, images' alt text, a question's stem, hint and feedback, a choice's words when its
  id stays) and in cs-data only in the questions' ``text`` (and, for the adapters that talk
  to an LRS, the names and descriptions of the ``xapi`` part); every other package file
  (runtime, manifest, media entries) is unchanged.
- **relaunched** (the reason is in the event): the previous or the new build is not good; a
  file other than a lesson changed (course.yaml, media, locales, theme: its bytes may be behind
  an unchanged URL); anything of cs-data but a question's text changed (the structure hash,
  page and quiz ids, kinds, answer keys, points, attempts, shuffle, scenario graphs, UI
  strings; in the ``xapi`` part, anything but names and descriptions); the pages are not
  the same list, or the document outside the page sections changed
  (the menu, so also a page or lesson title); a changed page holds the assessment or a
  scenario (exam.js and scenario.js keep their screens' state) or a ``<script>``.

In:  the package files of the build the panel shows and of the new build, and whether only
     lesson files changed.
Out: ``plan(old, new, lessons_only)`` -> a ``Patch`` (the changed pages' inner HTML with their
     key and index, the questions' new texts by quiz index) or a ``Relaunch`` (why);
     ``Patch.message(base, to)`` is what the live-reload event carries.
Reported: nothing (a relaunch reason is shown in the panel, never an error).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from coursec.content import ContentMap, content_bytes

DOCUMENT = "index.html"
_DATA = re.compile(r'(<script type="application/json" id="cs-data">)(.*?)(</script>)', re.S)
_PAGE = re.compile(r'<section\b[^>]*\sdata-cs-page="([^"]*)"[^>]*>')
_SECTION = re.compile(r"<section\b|</section\s*>", re.I)
_KEPT_STATE = re.compile(r"\sdata-cs-(?:assessment|scenario)\b|<script\b", re.I)
MEMO_SIZE = 8  # split documents kept (by the identity of their bytes)
_MEMO: dict[int, tuple[bytes, _Split | None]] = {}


@dataclass(frozen=True)
class Relaunch:
    reason: str


@dataclass(frozen=True)
class PagePatch:
    key: str
    index: int
    html: str  # the section's inner HTML


@dataclass
class Patch:
    pages: list[PagePatch] = field(default_factory=list)
    texts: dict[int, str] = field(default_factory=dict)  # quiz index -> its new ``text``
    #: quiz index -> its new entry of cs-data ``xapi.quizzes`` (the activity definition, whose
    #: name and descriptions are the question's texts), for the adapters that talk to an LRS
    definitions: dict[int, Any] = field(default_factory=dict)

    def message(self, base: int, to: int) -> dict[str, Any]:
        return {
            "from": base,
            "to": to,
            "pages": [{"key": p.key, "index": p.index, "html": p.html} for p in self.pages],
            "texts": {str(i): t for i, t in sorted(self.texts.items())},
            "xapi": {str(i): d for i, d in sorted(self.definitions.items())},
        }


@dataclass(frozen=True)
class _Split:
    frame: list[str]  # what is outside the page sections, cs-data cut out
    data: str
    keys: list[str]
    pages: list[str]  # each page's inner HTML


def _split(doc: str) -> _Split | None:
    """The document cut at its page sections; None when it does not have the expected shape."""
    found = _DATA.search(doc)
    if found is None:
        return None
    frame: list[str] = []
    keys: list[str] = []
    pages: list[str] = []
    at = 0
    for start in _PAGE.finditer(doc):
        if start.start() < at:  # a page section inside another one
            return None
        depth, end = 1, None
        for tag in _SECTION.finditer(doc, start.end()):
            depth += -1 if tag.group().startswith("</") else 1
            if depth == 0:
                end = tag
                break
        if end is None:
            return None
        frame.append(doc[at : start.end()])
        keys.append(start.group(1))
        pages.append(doc[start.end() : end.start()])
        at = end.start()
    frame.append(doc[at:])
    head = frame[0]
    if found.end() > len(head):  # cs-data must be in the head, before the first page
        return None
    frame[0] = head[: found.start(2)] + head[found.end(2) :]
    return _Split(frame, found.group(2), keys, pages)


def _split_memo(doc: bytes) -> _Split | None:
    """``_split``, remembered for the last few documents (the new one is the next one's old)."""
    kept = _MEMO.get(id(doc))
    if kept is not None and kept[0] is doc:
        return kept[1]
    split = _split(doc.decode("utf-8"))
    while len(_MEMO) >= MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]
    _MEMO[id(doc)] = (doc, split)
    return split


def _unnamed(value: Any) -> Any:
    """``value`` without its ``name`` and ``description`` entries (xAPI's language maps)."""
    if isinstance(value, dict):
        return {k: _unnamed(v) for k, v in value.items() if k not in ("name", "description")}
    if isinstance(value, list):
        return [_unnamed(v) for v in value]
    return value


def _texts(old: str, new: str, patch: Patch) -> Relaunch | None:
    """Put the questions' changed texts in ``patch``, if that is all that changed in cs-data."""
    if old == new:
        return None
    before, after = json.loads(old), json.loads(new)
    quizzes_before, quizzes_after = before.pop("quizzes", []), after.pop("quizzes", [])
    xapi_before, xapi_after = before.pop("xapi", None), after.pop("xapi", None)
    if before != after or _unnamed(xapi_before) != _unnamed(xapi_after):
        return Relaunch("the course data changed (structure, scenarios or strings)")
    if xapi_before is not None and xapi_after is not None:  # the same ids: only texts differ
        pairs = zip(xapi_before["quizzes"], xapi_after["quizzes"], strict=True)
        for i, (d_old, d_new) in enumerate(pairs):
            if d_old != d_new:
                patch.definitions[i] = d_new
    if len(quizzes_before) != len(quizzes_after):
        return Relaunch("questions were added or removed")
    for i, (q_old, q_new) in enumerate(zip(quizzes_before, quizzes_after, strict=True)):
        t_old, t_new = q_old.pop("text", None), q_new.pop("text", None)
        if q_old != q_new:
            return Relaunch(f"question {q_new.get('id')} changed beyond its texts")
        if t_old != t_new and isinstance(t_new, str):
            patch.texts[i] = t_new
    return None


def plan(old: ContentMap | None, new: ContentMap, lessons_only: bool) -> Patch | Relaunch:
    """How the panel showing ``old`` gets to ``new``: a ``Patch`` or a ``Relaunch``."""
    if old is None:
        return Relaunch("there was no good build to patch")
    if not lessons_only:
        return Relaunch("a file other than a lesson changed")
    if old.keys() != new.keys():
        return Relaunch("the package's files changed")
    for name, content in new.items():
        if name != DOCUMENT and content != old[name]:
            return Relaunch(f"{name} changed")
    if DOCUMENT not in new:
        return Relaunch(f"the package has no {DOCUMENT}")
    before, after = content_bytes(old[DOCUMENT]), content_bytes(new[DOCUMENT])
    if before == after:
        return Patch()
    split_old, split_new = _split_memo(before), _split_memo(after)
    if split_old is None or split_new is None:
        return Relaunch("the page sections were not found")
    if split_old.keys != split_new.keys:
        return Relaunch("pages were added, removed or moved")
    if split_old.frame != split_new.frame:
        return Relaunch("the document outside the pages changed (the menu or a title)")
    patch = Patch()
    refused = _texts(split_old.data, split_new.data, patch)
    if refused is not None:
        return refused
    for index, (key, html_old, html_new) in enumerate(
        zip(split_new.keys, split_old.pages, split_new.pages, strict=True)
    ):
        if html_old == html_new:
            continue
        if _KEPT_STATE.search(html_old) or _KEPT_STATE.search(html_new):
            return Relaunch(f"page {key} holds the assessment, a scenario or a script")
        patch.pages.append(PagePatch(key, index, html_new))
    return patch
