"""The template context of a package page.

In:  the course model, the theme, the adapter name, a ``MarkdownRenderer``.
Out: ``page_context(...)`` -> the dict the theme's ``index.html.j2`` renders: lessons > pages >
     blocks with every text already rendered to ``Markup``, and ``data_json``, the runtime's
     data made by ``coursec.render.data``. Nothing is reported here.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from coursec.contract.keys import page_key
from coursec.model import Assessment, Block, Course, Prose, Quiz, Scenario
from coursec.quizkinds.registry import shows_answer, spec
from coursec.render.data import RegionData, RuntimeData, script_json
from coursec.render.markdown import MarkdownRenderer
from coursec.render.theme import Theme
from coursec.runtime import (
    FILL_IN_MAXLENGTH,
    NUMERIC_MAXLENGTH,
)


class ContextBuilder:
    def __init__(self, course: Course, theme: Theme, adapter: str, md: MarkdownRenderer,
                 shared: RegionData | None = None) -> None:
        self.course = course
        self.theme = theme
        self.adapter = adapter
        self.md = md
        self.shared = shared  # the runtime data the region's adapters share
        self.quiz_index = {quiz.id: i for i, quiz in enumerate(course.quizzes())}

    # --- blocks -----------------------------------------------------------------------------

    def quiz(self, quiz: Quiz, in_assessment: bool) -> dict[str, Any]:
        kind = spec(quiz.kind)
        before, legend = self.md.split_prompt(quiz.prompt_md)
        ctx: dict[str, Any] = {
            **self.md.fields(quiz, skip=("prompt_md",)),  # hint, correct, incorrect...
            "type": "quiz",
            "id": quiz.id,
            "dom": f"cs-q{self.quiz_index[quiz.id]}",
            "kind": kind.name,
            "markup": kind.markup,
            "before": before,
            "legend": legend,
            "in_assessment": in_assessment,
            "attempts": quiz.attempts,
            "show": shows_answer(quiz, in_assessment),
            "fill_max": FILL_IN_MAXLENGTH,
            "num_max": NUMERIC_MAXLENGTH,
        }
        ctx.update(kind.context(quiz, self.md))  # choices, steps, pairs... of the kind
        return ctx

    def assessment(self, assessment: Assessment) -> dict[str, Any]:
        return {
            **self.md.fields(assessment),  # title...
            "type": "assessment",
            "id": assessment.id,
            "intro": [self.md.tokens(p.tokens) for p in assessment.intro],
            "quizzes": [self.quiz(q, True) for q in assessment.quizzes],
            "attempts": assessment.attempts,
            "drawn": assessment.drawn,
            "pool": len(assessment.quizzes),
            "review": assessment.review,
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
                **texts,  # body...
                "id": node.id,
                "index": index[node.id],
                "anchor": anchor(node.id),
                "html": texts["body"],
                "choices": [
                    {**texts, "index": k, "html": texts["text"], "href": "#" + anchor(c.target)}
                    for k, c in enumerate(node.choices)
                    for texts in [self.md.fields(c)]  # text, feedback...
                ],
                "ending": None,
            }
            for node in scenario.nodes.values()
            for texts in [self.md.fields(node)]
        ]
        nodes.extend(
            {
                **texts,  # body...
                "id": ending.id,
                "index": index[ending.id],
                "anchor": anchor(ending.id),
                "html": texts["body"],
                "choices": [],
                "ending": ending.outcome.value,
            }
            for ending in scenario.endings.values()
            for texts in [self.md.fields(ending)]
        )
        start = [n for n in nodes if n["id"] == scenario.start]
        rest = [n for n in nodes if n["id"] != scenario.start]
        return {
            **self.md.fields(scenario),  # title...
            "type": "scenario",
            "id": scenario.id,
            "graded": scenario.graded,
            "intro": [self.md.tokens(p.tokens) for p in scenario.intro],
            "nodes": start + rest,
        }

    def block(self, block: Block) -> dict[str, Any]:
        if isinstance(block, Prose):
            return {"type": "prose", "id": block.id, "html": self.md.fields(block)["tokens"]}
        if isinstance(block, Quiz):
            return self.quiz(block, False)
        if isinstance(block, Scenario):
            return self.scenario(block)
        return self.assessment(block)

    # --- the page ---------------------------------------------------------------------------

    def lessons(self) -> tuple[list[dict[str, Any]], int]:
        """The lessons, pages and blocks as the page shows them, and the page count: the same
        for every adapter (nothing here reads it), so a region's renderer computes it once."""
        lessons = []
        number = 0
        for lesson in self.course.lessons:
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
        return lessons, number

    def page_context(
        self, lessons: tuple[list[dict[str, Any]], int] | None = None
    ) -> dict[str, Any]:
        """The template's context; ``lessons`` is ``self.lessons()`` when already computed.
        Only ``adapter`` and ``data_json`` differ between the adapters of one course
        (``coursec.render.shared_page`` relies on it to render a region's page once)."""
        course = self.course
        shown, number = lessons if lessons is not None else self.lessons()
        data = RuntimeData(course, self.md, self.adapter, self.theme, self.shared).data()
        return {
            "course": course.config,
            "lang": course.config.language,
            "lessons": shown,
            "page_count": number,
            "theme": self.theme,
            "s": self.theme.strings,
            "adapter": self.adapter,
            "data_json": Markup(script_json(data)),
        }
