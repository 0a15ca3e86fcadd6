"""The ``xapi`` target: xAPI-emitting HTML with ``tincan.xml`` (the TinCan launch convention).

In:  the checked course and the site rendered with the ``xapi`` runtime adapter.
Out: the site plus ``tincan.xml``: the course activity (type ``course``, launch ``index.html``),
     one activity per lesson (``module``) and one per question (``cmi.interaction`` with its
     interaction type and correct responses), each with ``name``/``description`` in the
     region's language. The package is launched with ``endpoint``, ``auth``, ``actor``,
     ``registration`` and ``activity_id`` query parameters; credentials are never packaged.
Reported: CS701 when ``xapi.base_iri`` is missing; CS505 for unsafe file names.
"""

from __future__ import annotations

from typing import Any

from coursec.activities import ActivityIds, interaction
from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Reporter
from coursec.model import Assessment, Course, Quiz
from coursec.render.markdown import MarkdownRenderer
from coursec.targets.base import LAUNCH, PackageTarget, href, require_base_iri, xml_text
from coursec.targets.xml_tree import Element, serialize, stamp_release, sub

TINCAN = "http://projecttincan.com/tincan.xsd"
TINCAN_XML = "tincan.xml"
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"
MODULE_TYPE = "http://adlnet.gov/expapi/activities/module"


def _sub(parent: Element, tag: str, text: str | None = None,
         **attrs: str) -> Element:
    return sub(parent, tag, None if text is None else xml_text(text), **attrs)


def _activity(parent: Element, iri: str, kind: str, name: str, description: str,
              lang: str) -> Element:
    activity = _sub(parent, "activity", id=iri, type=kind)
    _sub(activity, "name", name, lang=lang)
    _sub(activity, "description", description or name, lang=lang)
    return activity


def _quiz(parent: Element, iri: str, definition: dict[str, Any], lang: str) -> None:
    activity = _activity(parent, iri, definition["type"], definition["name"][lang],
                         definition["description"][lang], lang)
    _sub(activity, "interactionType", definition["interactionType"])
    patterns = definition.get("correctResponsesPattern")
    if patterns:
        holder = _sub(activity, "correctResponsePatterns")
        for pattern in patterns:
            _sub(holder, "correctResponsePattern", pattern)
    for key in ("choices", "scale", "source", "target"):
        if key in definition:
            holder = _sub(activity, key)
            for component in definition[key]:
                item = _sub(holder, "component")
                _sub(item, "id", component["id"])
                _sub(item, "description", component["description"][lang], lang=lang)


def build_tincan(course: Course, lang: str) -> bytes:
    """``tincan.xml`` for ``course`` with texts in ``lang``."""
    ids = ActivityIds(course)
    md = MarkdownRenderer(allow_html=False)
    config = course.config
    root = Element("tincan", TINCAN)
    activities = _sub(root, "activities")
    top = _activity(activities, ids.course, COURSE_TYPE, config.title,
                    config.description.strip(), lang)
    _sub(top, "launch", href(LAUNCH), lang=lang)
    for lesson in course.lessons:
        _activity(activities, ids.lesson(lesson.id), MODULE_TYPE, lesson.title, lesson.title,
                  lang)
    for lesson in course.lessons:
        for page in lesson.pages:
            for block in page.blocks:
                quizzes = block.quizzes if isinstance(block, Assessment) else [block]
                for quiz in quizzes:
                    if isinstance(quiz, Quiz):
                        _quiz(activities, ids.quiz(lesson.id, quiz), interaction(quiz, md, lang),
                              lang)
    stamp_release(root, course.root)  # the recorded release, if any (coursec.targets.xml_tree)
    return serialize(root)


class XapiTarget(PackageTarget):
    def files(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        files: FileMap = dict(site)
        if require_base_iri(course, self.name, reporter):
            files[TINCAN_XML] = build_tincan(course, course.config.language)
        return dict(sorted(files.items()))
