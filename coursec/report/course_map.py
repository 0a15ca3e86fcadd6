"""The course as the report sees it: every activity id coursec generates, mapped to its source.

In:  a checked ``Course`` (its spans are relative to the working directory, as the loader made
     them).
Out: ``CourseMap``: the ordered pages (the funnel), the questions (kind, choices, the correct
     ones, whether they are in the assessment), the scenarios (nodes, choices with their
     competency deltas, endings with their outcome, pass thresholds), each with ``source``
     (``file:line``); ``classify`` maps an object id of a statement to one of them, also a
     question's id of an earlier answer key (``.../<quiz>/v<other hash>``: reported per version).
Reported: nothing (unknown ids are counted by the report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coursec.activities import ActivityIds
from coursec.diagnostics import Span
from coursec.model import Assessment, Course, Quiz, Scenario

#: a threshold of a pass rule: ``empathy >= 3`` (what the competency charts draw)
_THRESHOLD_RE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)\s*(>=|>)\s*(-?\d+)")


def source(span: Span) -> str:
    return f"{span.path}:{span.line}" if span.line else span.path


@dataclass(frozen=True)
class PageInfo:
    key: str  # lesson/page
    order: int
    title: str
    source: str


@dataclass(frozen=True)
class QuestionInfo:
    key: str  # lesson/quiz
    kind: str
    text: str
    source: str
    choices: tuple[str, ...]
    correct: tuple[str, ...]
    assessed: bool
    version: str


@dataclass(frozen=True)
class ChoiceInfo:
    node: str
    id: str
    target: str
    deltas: dict[str, int]
    source: str


@dataclass
class ScenarioInfo:
    key: str  # lesson/scenario
    id: str
    title: str
    source: str
    competencies: list[str]
    thresholds: dict[str, tuple[str, int]]
    pass_text: str
    nodes: dict[str, str] = field(default_factory=dict)  # node id -> source
    choices: list[ChoiceInfo] = field(default_factory=list)
    endings: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (outcome, source)
    start: str = ""


@dataclass(frozen=True)
class Activity:
    """What an object id of a statement is: kind (course, page, question, decision, scenario),
    the report key of the thing, and for an earlier question version its hash."""

    obj: str
    kind: str
    key: str
    version: str = ""  # a question's answer-key hash
    node: str = ""  # a decision's node id


@dataclass
class CourseMap:
    course_id: str
    course_iri: str
    regions: list[str]
    pages: list[PageInfo] = field(default_factory=list)
    questions: dict[str, QuestionInfo] = field(default_factory=dict)
    scenarios: dict[str, ScenarioInfo] = field(default_factory=dict)
    #: object id -> what it names: a list, as a page and a scenario of the same id in one
    #: lesson share their activity id (the verb tells them apart: experienced / completed)
    ids: dict[str, list[Activity]] = field(default_factory=dict)
    quiz_prefixes: dict[str, str] = field(default_factory=dict)  # ".../<quiz>/v" -> key
    pass_percent: float = 80.0  # the assessment's pass mark (learners at or above: "passed")

    def add(self, activity: Activity) -> None:
        self.ids.setdefault(activity.obj, []).append(activity)

    def classify(self, obj: str) -> list[Activity]:
        known = self.ids.get(obj)
        if known:
            return known
        head, _, version = obj.rpartition("/v")
        key = self.quiz_prefixes.get(head + "/v")
        if key is not None and re.fullmatch(r"[0-9a-f]{8}", version):
            return [Activity(obj, "question", key, version)]
        return []


def _thresholds(text: str) -> dict[str, tuple[str, int]]:
    return {m.group(1): (m.group(2), int(m.group(3))) for m in _THRESHOLD_RE.finditer(text)}


def _scenario(key: str, item: Scenario) -> ScenarioInfo:
    info = ScenarioInfo(key=key, id=item.id, title=item.title or item.id, source=source(item.span),
                        competencies=list(item.competencies),
                        thresholds=_thresholds(item.pass_text), pass_text=item.pass_text,
                        start=item.start)
    for node in item.nodes.values():
        info.nodes[node.id] = source(node.span)
        for choice in node.choices:
            info.choices.append(ChoiceInfo(node.id, choice.id, choice.target, dict(choice.deltas),
                                           source(choice.span)))
    for ending in item.endings.values():
        info.endings[ending.id] = (ending.outcome.value, source(ending.span))
    return info


def course_map(course: Course) -> CourseMap:
    from coursec.activities import answer_key_hash

    ids = ActivityIds(course)
    cmap = CourseMap(course.id, ids.course, [course.config.language, *course.config.regions])
    cmap.add(Activity(ids.course, "course", course.id))
    cmap.add(Activity(ids.au(), "course", course.id))
    for lesson in course.lessons:
        cmap.add(Activity(ids.au(lesson.id), "course", course.id))
        cmap.add(Activity(ids.lesson(lesson.id), "lesson", lesson.id))
        for page in lesson.pages:
            pkey = f"{lesson.id}/{page.id}"
            cmap.pages.append(PageInfo(pkey, len(cmap.pages) + 1, page.title or lesson.title,
                                       source(page.span)))
            cmap.add(Activity(ids.page(lesson.id, page.id), "page", pkey))
            for block in page.blocks:
                assessed = isinstance(block, Assessment)
                if isinstance(block, Assessment):
                    cmap.pass_percent = block.pass_percent
                for item in block.quizzes if isinstance(block, Assessment) else [block]:
                    if isinstance(item, Quiz):
                        qkey = f"{lesson.id}/{item.id}"
                        version = answer_key_hash(item)
                        cmap.questions[qkey] = QuestionInfo(
                            qkey, item.kind, " ".join(item.prompt_md.split())[:120],
                            source(item.span), tuple(c.id for c in item.choices),
                            tuple(c.id for c in item.choices if c.correct), assessed, version)
                        iri = ids.quiz(lesson.id, item)
                        cmap.add(Activity(iri, "question", qkey, version))
                        cmap.quiz_prefixes[iri.rpartition("/v")[0] + "/v"] = qkey
                    elif isinstance(item, Scenario):
                        skey = f"{lesson.id}/{item.id}"
                        cmap.scenarios[skey] = _scenario(skey, item)
                        siri = ids.scenario(lesson.id, item.id)
                        cmap.add(Activity(siri, "scenario", skey))
                        for node_id in item.nodes:
                            cmap.add(Activity(f"{siri}/{node_id}", "decision", skey,
                                              node=node_id))
    return cmap
