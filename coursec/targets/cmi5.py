"""The ``cmi5`` target: an AU package with ``cmi5.xml`` (cmi5 course structure, v1 namespace).

In:  the checked course and the site rendered with the ``cmi5`` runtime adapter.
Out: the site plus ``cmi5.xml``: the course (id = course activity id) and one AU for the whole
     course (``xapi.au: course``, the default) or one AU per lesson (``xapi.au: lesson``, each
     launched as ``index.html?au=<lesson-id>``; the runtime then plays only that lesson), each
     with ``moveOn``, ``masteryScore`` and ``title``/``description`` langstrings in the region's
     language. The course AU: ``moveOn`` is ``xapi.move_on`` or derived from the completion
     rules (:func:`move_on`), ``masteryScore`` (0..1) the course's mastery when it has one. A
     lesson AU is judged on what the lesson holds (:func:`lesson_move_on`): the lesson with the
     assessment as the course AU, any other lesson ``Completed`` (or ``NotApplicable`` when
     nothing is required) and no ``masteryScore``; the course is satisfied when every AU is.
Reported: CS701 when ``xapi.base_iri`` is missing; CS505 for unsafe file names.
"""

from __future__ import annotations

from urllib.parse import quote

from coursec.activities import ActivityIds
from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Reporter
from coursec.model import Assessment, Course, Lesson, Scenario
from coursec.targets.base import (
    LAUNCH,
    PackageTarget,
    decimal_text,
    href,
    mastery_percent,
    require_base_iri,
    xml_text,
)
from coursec.targets.xml_tree import Element, serialize, stamp_release, sub

CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
CMI5_XML = "cmi5.xml"


def move_on(course: Course) -> str:
    """cmi5 ``moveOn``: ``xapi.move_on``, else from the completion rules: pages to view and a
    pass mark -> CompletedAndPassed; pages only -> Completed; a pass mark without required
    pages -> Passed; neither -> NotApplicable."""
    config = course.config
    if config.xapi.move_on:
        return config.xapi.move_on
    has_pass = mastery_percent(course) is not None and bool(course.assessments())
    pages = config.completion.pages == "all"
    if pages and has_pass:
        return "CompletedAndPassed"
    if pages or (config.completion.assessment and course.assessments() and not has_pass):
        return "Completed"
    if has_pass:
        return "Passed"
    return "NotApplicable"


def lesson_move_on(course: Course, lesson: Lesson) -> tuple[str, bool]:
    """``(moveOn, with masteryScore)`` of the AU of one lesson: the lesson holding the
    assessment is judged like the whole course; any other lesson can only be completed (its
    pages viewed, its graded scenarios finished), so ``Completed`` without a mastery score, or
    ``NotApplicable`` when the course requires neither pages nor assessments."""
    if any(isinstance(b, Assessment) for page in lesson.pages for b in page.blocks):
        return move_on(course), mastery_percent(course) is not None
    config = course.config
    graded = any(isinstance(b, Scenario) and b.graded for page in lesson.pages for b in page.blocks)
    if config.completion.pages == "all" or (config.completion.assessment and graded):
        return "Completed", False
    return "NotApplicable", False


def _sub(parent: Element, tag: str, text: str | None = None,
         **attrs: str) -> Element:
    return sub(parent, tag, None if text is None else xml_text(text), **attrs)


def _text(parent: Element, tag: str, text: str, lang: str) -> None:
    _sub(_sub(parent, tag), "langstring", text, lang=lang)


def build_cmi5(course: Course, lang: str) -> bytes:
    """``cmi5.xml`` for ``course`` with texts in ``lang``."""
    ids = ActivityIds(course)
    config = course.config
    root = Element("courseStructure", CMI5)
    top = _sub(root, "course", id=ids.course)
    _text(top, "title", config.title, lang)
    _text(top, "description", config.description.strip() or config.title, lang)
    stamp_release(top, course.root)  # the recorded release, if any (coursec.targets.xml_tree)
    attrs = {"moveOn": move_on(course), "launchMethod": "AnyWindow"}
    mastery = mastery_percent(course)
    if mastery is not None:
        attrs["masteryScore"] = decimal_text(mastery / 100)
    if config.xapi.au == "lesson":
        for lesson in course.lessons:
            rule, with_mastery = lesson_move_on(course, lesson)
            lesson_attrs = {"moveOn": rule, "launchMethod": "AnyWindow"}
            if with_mastery and "masteryScore" in attrs:
                lesson_attrs["masteryScore"] = attrs["masteryScore"]
            au = _sub(root, "au", id=ids.au(lesson.id), **lesson_attrs)
            _text(au, "title", lesson.title, lang)
            _text(au, "description", lesson.title, lang)
            _sub(au, "url", f"{href(LAUNCH)}?au={quote(lesson.id)}")
    else:
        au = _sub(root, "au", id=ids.au(), **attrs)
        _text(au, "title", config.title, lang)
        _text(au, "description", config.description.strip() or config.title, lang)
        _sub(au, "url", href(LAUNCH))
    return serialize(root)


class Cmi5Target(PackageTarget):
    def files(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        files: FileMap = dict(site)
        if require_base_iri(course, self.name, reporter):
            files[CMI5_XML] = build_cmi5(course, course.config.language)
        return dict(sorted(files.items()))
