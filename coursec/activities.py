"""xAPI activity ids and definitions of a course (used by the xapi, cmi5 and web packages).

In:  the checked course (``course.yaml``'s ``xapi.base_iri``) and a Markdown renderer for plain
     texts; the region (language tag) whose texts go into the language maps.
Out: ``ActivityIds`` (course, lesson, page, quiz, scenario, cmi5 AU ids) and ``runtime_data``,
     the ``cs-data.xapi`` object the xAPI adapters build statements from (ids, names,
     descriptions, full interaction definitions; their ``correctResponsesPattern`` comes from
     ``coursec.contract.patterns``, the xAPI format). Nothing is reported here (CS701, a missing
     base IRI, is reported by the targets that need one).

Ids: ``<base>/<course-id>`` for the course, ``.../<lesson-id>`` for a lesson,
``.../<lesson-id>/<page-id>`` for a page, ``.../<lesson-id>/<quiz-id>/v<hash8>`` for a question
and ``.../<lesson-id>/<scenario-id>`` for a scenario (a decision is ``.../<node-id>`` below it).
Texts: an interaction's ``name`` is its question text and a scenario decision's ``description``
the node's text, both shortened at a word boundary (:func:`shorten`; an ellipsis marks the cut).

``<hash8>`` is a digest of the question's answer key (kind, choice/pair ids, correct answers,
ranges), so a question whose correct answer changes gets a new id and old statements never
describe it; re-wording a question keeps its id.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from coursec.contract.facts import facts
from coursec.contract.patterns import interaction_type, patterns
from coursec.model import Assessment, Course, Quiz, Scenario
from coursec.quizkinds.registry import spec

if TYPE_CHECKING:  # the renderer is passed in: this module is below coursec.render
    from coursec.render.markdown import MarkdownRenderer

#: the longest interaction name / description (characters, the ellipsis included)
NAME_LIMIT = 120
DESCRIPTION_LIMIT = 1000

#: used in packages built without a base IRI (web only; xapi and cmi5 require one: CS701)
FALLBACK_BASE = "urn:coursec:"

#: the xAPI response format (``coursec.contract.patterns``): tincan.xml, cmi5.xml, statements
XAPI = facts("xapi")


def answer_key_hash(quiz: Quiz) -> str:
    """8 hex digits over what makes an answer right or wrong (not the wording)."""
    key = {
        "k": quiz.kind,
        "c": [[c.id, c.correct] for c in quiz.choices],
        "a": quiz.answers,
        "cs": quiz.case_sensitive,
        "r": [[r.low, r.high] for r in quiz.ranges],
        "p": [p.id for p in quiz.pairs],
    }
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:8]


class ActivityIds:
    """The activity ids of one course."""

    def __init__(self, course: Course) -> None:
        base = course.config.xapi.base_iri
        if base:
            self.course = base.rstrip("/") + "/" + course.id
        else:
            self.course = FALLBACK_BASE + course.id
        self._lesson_of: dict[int, str] = {}

    def lesson(self, lesson_id: str) -> str:
        return f"{self.course}/{lesson_id}"

    def page(self, lesson_id: str, page_id: str) -> str:
        return f"{self.course}/{lesson_id}/{page_id}"

    def quiz(self, lesson_id: str, quiz: Quiz) -> str:
        return f"{self.course}/{lesson_id}/{quiz.id}/v{answer_key_hash(quiz)}"

    def scenario(self, lesson_id: str, scenario_id: str) -> str:
        """``.../<lesson>/<scenario>/scenario``: pages and blocks have ids of their own scopes, so
        a page and a scenario may share one (the sample's ``late-refund``); the suffix keeps
        their activities apart (a quiz ends in ``/v<hash>``, a page has no suffix)."""
        return f"{self.course}/{lesson_id}/{scenario_id}/scenario"

    def au(self, lesson_id: str | None = None) -> str:
        """The cmi5 AU id: the course's (``.../au``) or one lesson's (``.../<lesson>/au``)."""
        return f"{self.lesson(lesson_id) if lesson_id else self.course}/au"


def shorten(text: str, limit: int) -> str:
    """``text`` with its whitespace collapsed, cut to at most ``limit`` characters at a word
    boundary (never inside a word) and ended with an ellipsis when something was cut; a first
    word longer than ``limit`` is the only thing ever cut inside."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    head = words[: limit]  # room for limit - 1 characters and the ellipsis
    cut = head[:-1] if head[-1] == " " else head[:-1].rsplit(" ", 1)[0] if " " in head else ""
    cut = cut.rstrip(" ,;:.-\u2013\u2014")
    return (cut or words[: limit - 1]) + "\u2026"


def _lang(lang: str, text: str) -> dict[str, str]:
    return {lang: text}


def interaction(quiz: Quiz, md: MarkdownRenderer, lang: str) -> dict[str, Any]:
    """The xAPI interaction definition of a question, with every text in ``lang``.
    ``correctResponsesPattern`` is left out for likert (no right answer)."""
    plain = md.plain_md
    out: dict[str, Any] = {
        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
        "name": _lang(lang, shorten(plain(quiz.prompt_md), NAME_LIMIT) or quiz.id),
        "description": _lang(lang, shorten(plain(quiz.prompt_md), DESCRIPTION_LIMIT) or quiz.id),
        "interactionType": interaction_type(quiz.kind),
    }
    kind = spec(quiz.kind)
    out.update(kind.definition(quiz, lambda text: _lang(lang, plain(text))))
    if kind.graded:
        out["correctResponsesPattern"] = patterns(quiz, XAPI)
    return out


def runtime_data(course: Course, md: MarkdownRenderer, lang: str) -> dict[str, Any]:
    """``cs-data.xapi``: ids and definitions, in the same order as ``cs-data.pages``/``quizzes``
    (the adapters index them like the player does)."""
    ids = ActivityIds(course)
    pages: list[dict[str, Any]] = []
    quizzes: list[dict[str, Any]] = []
    scenarios: dict[str, Any] = {}
    lessons: list[dict[str, Any]] = []
    for lesson in course.lessons:
        lessons.append({"id": ids.lesson(lesson.id), "name": _lang(lang, lesson.title)})
        for page in lesson.pages:
            pages.append({"id": ids.page(lesson.id, page.id),
                          "name": _lang(lang, page.title or lesson.title)})
            for block in page.blocks:
                todo = block.quizzes if isinstance(block, Assessment) else [block]
                for item in todo:
                    if isinstance(item, Quiz):
                        quizzes.append({"id": ids.quiz(lesson.id, item),
                                        "def": interaction(item, md, lang)})
                    elif isinstance(item, Scenario):
                        scenarios[item.id] = {
                            "id": ids.scenario(lesson.id, item.id),
                            "name": _lang(lang, item.title or item.id),
                            "decisions": {
                                node.id: shorten(md.plain(md.tokens(node.body)),
                                                 DESCRIPTION_LIMIT) or node.id
                                for node in item.nodes.values()
                            },
                        }
    return {
        "course": {"id": ids.course, "name": _lang(lang, course.config.title),
                   "description": _lang(lang, course.config.description.strip()
                                        or course.config.title)},
        "lang": lang,
        "lessons": lessons,
        "pages": pages,
        "quizzes": quizzes,
        "scenarios": scenarios,
    }
