"""The layout of a course: every id its resume state is stored by, in stored order.

In:  a checked ``Course``.
Out: ``layout(course)`` -> a plain JSON-able dict (the body of ``releases/<version>.json``)::

    course    course id                 hash      ``contract.keys.structure_hash`` (the state's h)
    activity  the course's xAPI activity id (every other activity id is below it)
    lessons   [{id, pages: [page id...]}]        pages  ["<lesson>--<page>", ...] (state c, p)
    quizzes   [{id, lesson, kind, key, inA, choices, pairs}]  in ``Course.quizzes()`` order
              (state q); ``key`` is ``activities.answer_key_hash`` (also the xAPI id's v<hash>)
    assessment  null or {id, pool: [quiz ids], pass, draw, attempts}          (state a)
    scenarios [{id, lesson, start, nodes, endings, outcomes, choices, flags, comps, range,
              graph}] in ``Course.scenarios()`` order (state s): ``nodes`` + ``endings`` is
              ``Scenario.node_ids()``, ``choices[i]`` the choice ids of node i, ``graph`` a hash
              of everything a stored node/choice/flag/score index depends on.

Texts are never part of a layout: rewording keeps every stored index meaningful.
Nothing is reported here.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from coursec.activities import ActivityIds, answer_key_hash
from coursec.contract.keys import page_key, structure_hash
from coursec.contract.state import scenario_flags
from coursec.model import Assessment, Course, Quiz, Scenario

LAYOUT_FORMAT = 1
Layout = dict[str, Any]


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def graph_hash(scenario: Scenario) -> str:
    """8 hex digits over the scenario's state machine (ids, targets, effects, conditions,
    endings and their outcomes, competencies, flags, score range, pass rule), not its texts."""
    nodes = [
        [
            node.id,
            [
                [c.id, c.target, sorted(c.deltas.items()), c.sets, c.unsets,
                 c.condition.to_json() if c.condition is not None else None]
                for c in node.choices
            ],
        ]
        for node in scenario.nodes.values()
    ]
    return _digest({
        "start": scenario.start,
        "nodes": nodes,
        "endings": [[e.id, e.outcome.value] for e in scenario.endings.values()],
        "comps": scenario.competencies,
        "flags": scenario_flags(scenario),
        "range": list(scenario.score_range),
        "pass": scenario.pass_rule.to_json() if scenario.pass_rule is not None else None,
        "graded": scenario.graded,
    })


def _quiz(quiz: Quiz, lesson_id: str, in_assessment: bool) -> dict[str, Any]:
    return {
        "id": quiz.id,
        "lesson": lesson_id,
        "kind": quiz.kind,
        "key": answer_key_hash(quiz),
        "inA": in_assessment,
        "choices": [c.id for c in quiz.choices],
        "pairs": [p.id for p in quiz.pairs],
    }


def _scenario(scenario: Scenario, lesson_id: str) -> dict[str, Any]:
    return {
        "id": scenario.id,
        "lesson": lesson_id,
        "start": scenario.start,
        "nodes": list(scenario.nodes),
        "endings": list(scenario.endings),
        "outcomes": [e.outcome.value for e in scenario.endings.values()],
        "choices": [[c.id for c in node.choices] for node in scenario.nodes.values()],
        "flags": scenario_flags(scenario),
        "comps": list(scenario.competencies),
        "range": list(scenario.score_range),
        "graph": graph_hash(scenario),
    }


def _assessment(block: Assessment) -> dict[str, Any]:
    return {
        "id": block.id,
        "pool": [q.id for q in block.quizzes],
        "pass": block.pass_percent,
        "draw": block.drawn,
        "attempts": block.attempts,
    }


def layout(course: Course) -> Layout:
    lessons: list[dict[str, Any]] = []
    pages: list[str] = []
    quizzes: list[dict[str, Any]] = []
    scenarios: list[dict[str, Any]] = []
    assessment: dict[str, Any] | None = None
    for lesson in course.lessons:
        lessons.append({"id": lesson.id, "pages": [p.id for p in lesson.pages]})
        for page in lesson.pages:
            pages.append(page_key(lesson.id, page.id))
            for block in page.blocks:
                if isinstance(block, Quiz):
                    quizzes.append(_quiz(block, lesson.id, False))
                elif isinstance(block, Assessment):
                    quizzes.extend(_quiz(q, lesson.id, True) for q in block.quizzes)
                    if assessment is None:
                        assessment = _assessment(block)
                elif isinstance(block, Scenario):
                    scenarios.append(_scenario(block, lesson.id))
    return {
        "format": LAYOUT_FORMAT,
        "course": course.id,
        "hash": structure_hash(course),
        "activity": ActivityIds(course).course,
        "lessons": lessons,
        "pages": pages,
        "quizzes": quizzes,
        "assessment": assessment,
        "scenarios": scenarios,
    }


def same_layout(old: Layout, new: Layout) -> bool:
    """Whether a state saved under ``old`` means the same under ``new`` (release name aside)."""
    keys = ("course", "hash", "activity", "pages", "quizzes", "assessment", "scenarios")
    return all(old.get(k) == new.get(k) for k in keys)
