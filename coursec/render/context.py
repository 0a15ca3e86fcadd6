"""The template context of a package page and the runtime's data (``cs-data`` JSON).

In:  the course model, the theme, the adapter name, a ``MarkdownRenderer``.
Out: ``page_context(...)`` -> the dict the theme's ``index.html.j2`` renders: lessons > pages >
     blocks with every text already rendered to ``Markup``, and ``data_json`` (course structure,
     answer keys, completion and mastery rules, UI strings) for ``player.js``.
     Nothing is reported here.

Indexes: the runtime stores page and quiz *indexes* in its resume state (``check/limits.py``);
they are positions in ``Course.pages()`` and ``Course.quizzes()``, guarded by ``structure_hash``
so a state saved by a different version of the course is never applied to this one.
Scenarios (``cs-data.scenarios``) are stored by scenario position, node index in
``Scenario.node_ids()``, choice index in its node and flag index in ``scenario_flags``; the hash
covers those too.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from markupsafe import Markup

from coursec.model import Assessment, Block, Course, Prose, Quiz, QuizKind, Scenario
from coursec.parse.expr import names as expr_names
from coursec.render.markdown import MarkdownRenderer
from coursec.render.theme import Theme
from coursec.runtime import (
    FILL_IN_MAXLENGTH,
    HASH_LENGTH,
    LRS_ADAPTERS,
    NUMERIC_MAXLENGTH,
    PATH_KEEP,
    SEED_MAX,
    STATE_VERSION,
    STEP_CAP,
    TRIES_CAP,
)

CHOICE_KINDS = (QuizKind.SINGLE, QuizKind.MULTIPLE, QuizKind.TRUE_FALSE, QuizKind.LIKERT)


def page_key(lesson_id: str, page_id: str) -> str:
    return f"{lesson_id}--{page_id}"


def structure_hash(course: Course) -> str:
    """Changes whenever a page, quiz, choice or pair is added, removed or reordered."""
    parts: list[str] = []
    for lesson in course.lessons:
        for page in lesson.pages:
            parts.append("P" + page_key(lesson.id, page.id))
    for quiz in course.quizzes():
        parts.append(f"Q{quiz.id}:{quiz.kind.value}")
        parts.extend("C" + choice.id for choice in quiz.choices)
        parts.extend("M" + pair.id for pair in quiz.pairs)
    for assessment in course.assessments():
        parts.append("A" + assessment.id)
    for scenario in course.scenarios():  # node, choice, competency and flag indexes are stored
        parts.append(f"S{scenario.id}:{','.join(scenario.competencies)}")
        parts.append("F" + ",".join(scenario_flags(scenario)))
        for node in scenario.nodes.values():
            parts.append("N" + node.id)
            parts.extend(f"C{c.id}>{c.target}" for c in node.choices)
        parts.extend("E" + ending_id for ending_id in scenario.endings)
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:HASH_LENGTH]


def scenario_flags(scenario: Scenario) -> list[str]:
    """The flags a scenario names (set, unset or read), in order of first appearance: a flag's
    index is its bit in the resume state."""
    found: dict[str, None] = {}
    for node in scenario.nodes.values():
        for choice in node.choices:
            for name in [*choice.sets, *choice.unsets]:
                found.setdefault(name)
            if choice.condition is not None:
                for name in sorted(expr_names(choice.condition)[1]):
                    found.setdefault(name)
    if scenario.pass_rule is not None:
        for name in sorted(expr_names(scenario.pass_rule)[1]):
            found.setdefault(name)
    return list(found)


def _scramble(quiz_id: str, ids: list[str]) -> list[int]:
    """A deterministic order of ``ids`` that is not the source order (for sequencing items and
    matching options, so that the page without JavaScript does not give the answer away)."""
    order = sorted(
        range(len(ids)), key=lambda i: hashlib.sha1(f"{quiz_id}/{ids[i]}".encode()).hexdigest()
    )
    if len(order) > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _true_index(quiz: Quiz) -> int:
    """Which choice of a true-false quiz means 'true' (by its source text, else its id)."""
    for i, choice in enumerate(quiz.choices):
        if choice.text_md.strip().lower() == "true":
            return i
    for i, choice in enumerate(quiz.choices):
        if choice.id.lower().startswith("true"):
            return i
    return 0


class ContextBuilder:
    def __init__(self, course: Course, theme: Theme, adapter: str, md: MarkdownRenderer) -> None:
        self.course = course
        self.theme = theme
        self.adapter = adapter
        self.md = md
        self.quiz_index = {quiz.id: i for i, quiz in enumerate(course.quizzes())}

    # --- blocks -----------------------------------------------------------------------------

    def quiz(self, quiz: Quiz, in_assessment: bool) -> dict[str, Any]:
        before, legend = self.md.split_prompt(quiz.prompt_md)
        ctx: dict[str, Any] = {
            "type": "quiz",
            "id": quiz.id,
            "dom": f"cs-q{self.quiz_index[quiz.id]}",
            "kind": quiz.kind.value,
            "before": before,
            "legend": legend,
            "in_assessment": in_assessment,
            "attempts": quiz.attempts,
            "hint": self.md.block(quiz.hint_md) if quiz.hint_md else None,
            "correct": self.md.block(quiz.correct_md) if quiz.correct_md else None,
            "incorrect": self.md.block(quiz.incorrect_md) if quiz.incorrect_md else None,
            "fill_max": FILL_IN_MAXLENGTH,
            "num_max": NUMERIC_MAXLENGTH,
        }
        if quiz.kind in CHOICE_KINDS:
            ctx["input_type"] = "checkbox" if quiz.kind is QuizKind.MULTIPLE else "radio"
            ctx["choices"] = [
                {
                    "id": choice.id,
                    "html": self.md.inline(choice.text_md),
                    "feedback": self.md.block(choice.feedback_md) if choice.feedback_md else None,
                }
                for choice in quiz.choices
            ]
        elif quiz.kind is QuizKind.SEQUENCING:
            ctx["steps"] = [
                {
                    "id": quiz.choices[i].id,
                    "html": self.md.inline(quiz.choices[i].text_md),
                    "plain": self.md.plain(self.md.inline(quiz.choices[i].text_md)),
                }
                for i in _scramble(quiz.id, [c.id for c in quiz.choices])
            ]
        elif quiz.kind is QuizKind.MATCHING:
            ctx["pairs"] = [
                {"id": pair.id, "term": self.md.inline(pair.term_md)} for pair in quiz.pairs
            ]
            ctx["options"] = [
                {
                    "id": quiz.pairs[i].id,
                    "text": self.md.plain(self.md.inline(quiz.pairs[i].match_md)),
                }
                for i in _scramble(quiz.id, [p.id for p in quiz.pairs])
            ]
        return ctx

    def assessment(self, assessment: Assessment) -> dict[str, Any]:
        return {
            "type": "assessment",
            "id": assessment.id,
            "title": assessment.title,
            "intro": [self.md.tokens(p.tokens) for p in assessment.intro],
            "quizzes": [self.quiz(q, True) for q in assessment.quizzes],
            "attempts": assessment.attempts,
            "drawn": assessment.drawn,
            "pool": len(assessment.quizzes),
        }

    def scenario(self, scenario: Scenario) -> dict[str, Any]:
        """Every node and ending, the start first. Without JavaScript the choices are links to
        the node they lead to (readable by following links); ``scenario.js`` turns them into
        buttons and shows one node at a time. Node indexes are positions in ``node_ids()``."""
        index = {node_id: i for i, node_id in enumerate(scenario.node_ids())}

        def anchor(node_id: str) -> str:
            return f"cs-s-{scenario.id}--{node_id}"

        nodes = [
            {
                "id": node.id,
                "index": index[node.id],
                "anchor": anchor(node.id),
                "html": self.md.tokens(node.body),
                "choices": [
                    {
                        "index": k,
                        "html": self.md.inline(c.text_md),
                        "href": "#" + anchor(c.target),
                        "feedback": self.md.block(c.feedback_md) if c.feedback_md else None,
                    }
                    for k, c in enumerate(node.choices)
                ],
                "ending": None,
            }
            for node in scenario.nodes.values()
        ]
        nodes.extend(
            {
                "id": ending.id,
                "index": index[ending.id],
                "anchor": anchor(ending.id),
                "html": self.md.tokens(ending.body),
                "choices": [],
                "ending": ending.outcome.value,
            }
            for ending in scenario.endings.values()
        )
        start = [n for n in nodes if n["id"] == scenario.start]
        rest = [n for n in nodes if n["id"] != scenario.start]
        return {
            "type": "scenario",
            "id": scenario.id,
            "title": scenario.title,
            "graded": scenario.graded,
            "intro": [self.md.tokens(p.tokens) for p in scenario.intro],
            "nodes": start + rest,
        }

    def block(self, block: Block) -> dict[str, Any]:
        if isinstance(block, Prose):
            return {"type": "prose", "id": block.id, "html": self.md.tokens(block.tokens)}
        if isinstance(block, Quiz):
            return self.quiz(block, False)
        if isinstance(block, Scenario):
            return self.scenario(block)
        return self.assessment(block)

    # --- runtime data -----------------------------------------------------------------------

    def quiz_data(self, quiz: Quiz, page_index: int, in_assessment: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": quiz.id,
            "kind": quiz.kind.value,
            "page": page_index,
            "points": quiz.points,
            "attempts": quiz.attempts,
            "shuffle": quiz.shuffle,
            "inA": in_assessment,
            "text": self.md.plain_md(quiz.prompt_md)[:250],
        }
        if quiz.choices:
            data["choices"] = [c.id for c in quiz.choices]
            data["correct"] = [i for i, c in enumerate(quiz.choices) if c.correct]
        if quiz.kind is QuizKind.TRUE_FALSE:
            data["true"] = _true_index(quiz)
        if quiz.kind is QuizKind.FILL_IN:
            data["answers"] = quiz.answers
            data["case"] = quiz.case_sensitive
        if quiz.kind is QuizKind.NUMERIC:
            data["ranges"] = [[r.low, r.high] for r in quiz.ranges]
        if quiz.pairs:
            data["pairs"] = [p.id for p in quiz.pairs]
        return data

    def scenario_data(self, scenario: Scenario, page_index: int) -> dict[str, Any]:
        """What ``scenario.js`` needs to run the state machine exactly as
        ``coursec.check.scenario_states`` explores it: node ``n[i]`` is ``node_ids()[i]``; a
        choice's ``d`` holds its delta per competency (in ``comps`` order), ``s``/``u`` the flag
        indexes it sets/unsets, ``w`` its condition as ``Expr.to_json()``."""
        index = {node_id: i for i, node_id in enumerate(scenario.node_ids())}
        flags = scenario_flags(scenario)
        nodes: list[dict[str, Any]] = []
        for node in scenario.nodes.values():
            nodes.append(
                {
                    "id": node.id,
                    "e": None,
                    "text": self.md.plain(self.md.tokens(node.body))[:250],
                    "c": [
                        {
                            "id": c.id,
                            "to": index.get(c.target, index[scenario.start]),
                            "d": [c.deltas.get(name, 0) for name in scenario.competencies],
                            "s": [flags.index(f) for f in c.sets],
                            "u": [flags.index(f) for f in c.unsets],
                            "w": c.condition.to_json() if c.condition is not None else None,
                            "t": self.md.plain(self.md.inline(c.text_md))[:250],
                        }
                        for c in node.choices
                    ],
                }
            )
        for ending in scenario.endings.values():
            nodes.append(
                {
                    "id": ending.id,
                    "e": ending.outcome.value,
                    "sc": ending.show_scores,
                    "pa": ending.show_path,
                    "c": [],
                }
            )
        return {
            "id": scenario.id,
            "page": page_index,
            "graded": scenario.graded,
            "retry": scenario.retry,
            "start": index.get(scenario.start, 0),
            "lo": scenario.score_range[0],
            "hi": scenario.score_range[1],
            "comps": scenario.competencies,
            "flags": flags,
            "pass": scenario.pass_rule.to_json() if scenario.pass_rule is not None else None,
            "n": nodes,
        }

    def data(self) -> dict[str, Any]:
        course = self.course
        config = course.config
        pages: list[dict[str, Any]] = []
        lessons: list[dict[str, Any]] = []
        quizzes: list[dict[str, Any]] = []
        assessment: dict[str, Any] | None = None
        scenarios: list[dict[str, Any]] = []
        for lesson_index, lesson in enumerate(course.lessons):
            first = len(pages)
            lesson_quizzes: list[int] = []
            for page in lesson.pages:
                page_index = len(pages)
                pages.append({"k": page_key(lesson.id, page.id), "l": lesson_index})
                for block in page.blocks:
                    if isinstance(block, Quiz):
                        lesson_quizzes.append(len(quizzes))
                        quizzes.append(self.quiz_data(block, page_index, False))
                    elif isinstance(block, Assessment):
                        pool = []
                        for quiz in block.quizzes:
                            pool.append(len(quizzes))
                            quizzes.append(self.quiz_data(quiz, page_index, True))
                        assessment = {
                            "id": block.id,
                            "lesson": lesson_index,
                            "pass": block.pass_percent,
                            "attempts": block.attempts,
                            "draw": block.drawn,
                            "shuffle": block.shuffle,
                            "pool": pool,
                        }
                    elif isinstance(block, Scenario):
                        scenarios.append(self.scenario_data(block, page_index))
            lessons.append(
                {"id": lesson.id, "first": first, "last": len(pages) - 1, "quizzes": lesson_quizzes}
            )
        return {
            "v": STATE_VERSION,
            "hash": structure_hash(course),
            "course": {"id": config.id, "title": config.title, "version": config.version},
            "lang": config.language,
            "adapter": self.adapter,
            "pages": pages,
            "lessons": lessons,
            "quizzes": quizzes,
            "assessment": assessment,
            "scenarios": scenarios,
            "completion": {
                "pages": config.completion.pages,
                "assessment": config.completion.assessment,
            },
            "mastery": course.mastery_percent(),
            "failedStatus": config.failed_status,
            "limits": {
                "fill": FILL_IN_MAXLENGTH,
                "num": NUMERIC_MAXLENGTH,
                "tries": TRIES_CAP,
                "seed": SEED_MAX,
                "path": PATH_KEEP,
                "steps": STEP_CAP,
            },
            "strings": {**self.theme.strings, **self.theme.plurals},
            **self.xapi_data(),
        }

    def xapi_data(self) -> dict[str, Any]:
        """``xapi``: activity ids and definitions, for the adapters that can talk to an LRS."""
        if self.adapter not in LRS_ADAPTERS:
            return {}
        from coursec.activities import runtime_data  # imports coursec.render: not at the top

        return {"xapi": runtime_data(self.course, self.md, self.course.config.language)}

    # --- the page ---------------------------------------------------------------------------

    def page_context(self) -> dict[str, Any]:
        course = self.course
        lessons = []
        number = 0
        for lesson in course.lessons:
            pages = []
            for page in lesson.pages:
                number += 1
                pages.append(
                    {
                        "key": page_key(lesson.id, page.id),
                        "title": page.title or lesson.title,
                        "number": number,
                        "blocks": [self.block(block) for block in page.blocks],
                    }
                )
            lessons.append({"id": lesson.id, "title": lesson.title, "pages": pages})
        return {
            "course": course.config,
            "lang": course.config.language,
            "lessons": lessons,
            "page_count": number,
            "theme": self.theme,
            "s": self.theme.strings,
            "adapter": self.adapter,
            "has_scenarios": bool(course.scenarios()),
            "data_json": Markup(script_json(self.data())),
        }


def script_json(value: Any) -> str:
    """JSON safe inside ``<script type="application/json">`` (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
