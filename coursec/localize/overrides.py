"""Block overrides: a region replaces a whole block for cultural fit, and keeps its contract.

In:  a localized copy of the course and the overrides of a region's files (``overrides:``),
     each a block written in the lesson syntax (``:::{node} id``, ``:::{ending} id`` or
     ``:::{quiz} id``) under the key of the block it replaces (``<scenario>.node.<id>``,
     ``<scenario>.ending.<id>``, ``<quiz>``).
Out: the copy with the blocks replaced, parsed by the lesson parsers with positions in the
     region file. The contract of a block:
     * a scenario node keeps its choices' targets, effects and conditions (by position), unless
       the override says ``changes: [targets]``; in every case, the scenario as overridden must
       pass every scenario check (targets exist, endings reachable, pass rule satisfiable);
     * an ending keeps its outcome unless ``changes: [scoring]``;
     * a quiz keeps its id, kind, number of choices, which ones are correct, its points and
       accepted answers unless ``changes: [scoring]``.
     Choice ids are taken from the source block by position, so tracking and resume stay keyed
     by the same ids in every region.
Reported: CS610 (contract broken), CS611 (no such block, or a kind that cannot be overridden),
     plus what the lesson parsers report inside the override (at the region file's lines).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from coursec.diagnostics import Code, Reporter, Severity, Span, did_you_mean
from coursec.localize.catalog import Override
from coursec.model import (
    Assessment,
    Course,
    Lesson,
    Prose,
    Quiz,
    Scenario,
    ScenarioChoice,
)
from coursec.parse.directives import DirectiveContext, read_directive
from coursec.parse.ids import IdScope
from coursec.parse.media import MediaContext, rewrite_media
from coursec.parse.quiz import QUIZ_OPTIONS, parse_quiz
from coursec.parse.scenario import SCENARIO_OPTIONS, parse_scenario


@dataclasses.dataclass
class _Place:
    lesson: Lesson
    replace: Callable[[Quiz], None]


class OverrideApplier:
    def __init__(self, course: Course, md: MarkdownIt, region: str, reporter: Reporter) -> None:
        self.course = course
        self.md = md
        self.region = region
        self.reporter = reporter
        self.touched: dict[str, tuple[Scenario, Override]] = {}

    def apply(self, override: Override, shown: str) -> None:
        parts = override.key.split(".")
        if len(parts) == 3 and parts[1] in ("node", "ending"):
            self._scenario_block(override, shown, parts[0], parts[1], parts[2])
        elif len(parts) == 1:
            self._quiz(override, shown)
        else:
            self.reporter.report(
                Code.CS611,
                override.span,
                f"cannot override '{override.key}': overrides replace a quiz ('<quiz-id>'), a "
                "scenario node ('<scenario>.node.<id>') or an ending ('<scenario>.ending.<id>')",
            )

    def finish(self) -> None:
        """Run every scenario check on each scenario an override changed."""
        for scenario, override in self.touched.values():
            probe = Reporter()
            # here, not at the top: coursec.parse imports this module, and the scenario checks
            # import coursec.parse (a check module imported first would meet itself half-made)
            from coursec.check.scenario import check_scenario

            check_scenario(scenario, probe)
            for diag in probe.sorted():
                if diag.severity is Severity.ERROR:
                    self.reporter.report(
                        Code.CS610,
                        override.span,
                        f"with this {self.region} override, scenario '{scenario.id}' fails "
                        f"{diag.code.name}: {diag.message}",
                        help="every choice must lead to a node of the scenario and every "
                        "ending must stay reachable",
                    )

    # --- parsing ----------------------------------------------------------------------------

    def _lines(self, override: Override, wrapper: list[str]) -> tuple[list[str], int]:
        """File-aligned lines: the block's lines sit at their region-file line numbers."""
        body = override.markdown.rstrip("\n").split("\n")
        start = max(override.first_line - 1 - len(wrapper), 0)
        lines = [""] * start + wrapper + body
        return lines, start

    def _media(self, lesson: Lesson, shown: str, lines: list[str]) -> MediaContext:
        return MediaContext(
            self.course.root, lesson.path, shown, lines, self.course.assets, [], self.reporter
        )

    def _scenario_block(
        self, override: Override, shown: str, scenario_id: str, kind: str, node_id: str
    ) -> None:
        found = self._find_scenario(scenario_id)
        if found is None:
            known = [s.id for _, s in self._scenarios()]
            self.reporter.report(
                Code.CS611,
                override.span,
                f"override of '{override.key}': no scenario '{scenario_id}'",
                help=did_you_mean(scenario_id, known),
            )
            return
        lesson, scenario = found
        pool = scenario.nodes if kind == "node" else scenario.endings
        if node_id not in pool:
            self.reporter.report(
                Code.CS611,
                override.span,
                f"override of '{override.key}': scenario '{scenario_id}' has no {kind} "
                f"'{node_id}'",
                help=did_you_mean(node_id, pool),
            )
            return
        wrapper = [f"::::{{scenario}} {scenario_id}", f":start: {node_id}"]
        lines, start = self._lines(override, wrapper)
        text = "\n".join(lines[start:]) + "\n::::"
        tokens = self.md.parse(text)
        fences = [t for t in tokens if t.type == "colon_fence"]
        if not fences:
            return
        directive = read_directive(fences[0], [*lines, "::::"], shown, SCENARIO_OPTIONS,
                                   self.reporter, line_offset=start)
        if directive is None:
            return
        media = self._media(lesson, shown, lines)

        def prose(tokens: list[Token], span: Span) -> Prose:
            return Prose("p", tokens, span)

        parsed = parse_scenario(
            directive, DirectiveContext([*lines, "::::"], self.md, IdScope(), prose, self.reporter)
        )
        rewrite_media(parsed, media)
        new_pool = parsed.nodes if kind == "node" else parsed.endings
        if set(new_pool) != {node_id} or (parsed.nodes and parsed.endings):
            self.reporter.report(
                Code.CS610,
                override.span,
                f"override '{override.key}' must hold exactly one :::{{{kind}}} {node_id}",
                help=f"found: {', '.join([*parsed.nodes, *parsed.endings]) or 'nothing'}",
            )
            return
        if kind == "node":
            self._node(override, scenario, node_id, parsed)
        else:
            old, new = scenario.endings[node_id], parsed.endings[node_id]
            if new.outcome != old.outcome and "scoring" not in override.changes:
                self.reporter.report(
                    Code.CS610,
                    override.span,
                    f"override of ending '{node_id}' changes its outcome from "
                    f"{old.outcome.value} to {new.outcome.value}",
                    help="add 'changes: [scoring]' if that is on purpose",
                )
                return
            scenario.endings[node_id] = new
        self.touched[scenario.id] = (scenario, override)

    def _node(self, override: Override, scenario: Scenario, node_id: str, parsed: Scenario) -> None:
        old, new = scenario.nodes[node_id], parsed.nodes[node_id]
        source_ids = [c.id for c in old.choices]
        for index, choice in enumerate(new.choices):
            if choice.id not in source_ids and index < len(source_ids):
                taken = {c.id for c in new.choices}
                if source_ids[index] not in taken:
                    choice.id = source_ids[index]
        if "targets" not in override.changes:
            problem = _same_graph(old.choices, new.choices)
            if problem:
                self.reporter.report(
                    Code.CS610,
                    override.span,
                    f"override of node '{node_id}' {problem}",
                    help="keep the choices' targets and effects, or add 'changes: [targets]' "
                    "if the region's version branches differently on purpose",
                )
                return
        scenario.nodes[node_id] = new

    def _quiz(self, override: Override, shown: str) -> None:
        places = self._quiz_places()
        if override.key not in places:
            self.reporter.report(
                Code.CS611,
                override.span,
                f"override of '{override.key}': no quiz, scenario node or ending has that key",
                help=did_you_mean(override.key, places),
            )
            return
        place = places[override.key]
        old = next(q for q in self.course.quizzes() if q.id == override.key)
        lines, start = self._lines(override, [])
        tokens = self.md.parse("\n".join(lines[start:]))
        for token in tokens:
            if token.map is not None:
                token.map = [token.map[0] + start, token.map[1] + start]
        fences = [t for t in tokens if t.type == "colon_fence"]
        directive = (
            read_directive(fences[0], lines, shown, QUIZ_OPTIONS, self.reporter)
            if len(fences) == 1 else None
        )
        if directive is None or directive.name != "quiz" or directive.argument != old.id:
            self.reporter.report(
                Code.CS610,
                override.span,
                f"override '{override.key}' must hold exactly one ':::{{quiz}} {old.id}'",
            )
            return
        new = parse_quiz(directive, DirectiveContext(lines, self.md, IdScope(), _no_prose,
                                                     self.reporter))
        if new is None:
            return
        rewrite_media(new, self._media(place.lesson, shown, lines))
        for index, choice in enumerate(new.choices):
            if index < len(old.choices):
                choice.id = old.choices[index].id
        for index, pair in enumerate(new.pairs):
            if index < len(old.pairs):
                pair.id = old.pairs[index].id
        if "scoring" not in override.changes:
            problem = _same_scoring(old, new)
            if problem:
                self.reporter.report(
                    Code.CS610,
                    override.span,
                    f"override of quiz '{old.id}' {problem}",
                    help="keep what is correct and how it scores, or add 'changes: [scoring]' "
                    "if the region's quiz is graded differently on purpose",
                )
                return
        place.replace(new)

    # --- finding blocks ---------------------------------------------------------------------

    def _scenarios(self) -> list[tuple[Lesson, Scenario]]:
        return [
            (lesson, block)
            for lesson in self.course.lessons
            for page in lesson.pages
            for block in page.blocks
            if isinstance(block, Scenario)
        ]

    def _find_scenario(self, scenario_id: str) -> tuple[Lesson, Scenario] | None:
        return next(((les, s) for les, s in self._scenarios() if s.id == scenario_id), None)

    def _quiz_places(self) -> dict[str, _Place]:
        places: dict[str, _Place] = {}
        for lesson in self.course.lessons:
            for page in lesson.pages:
                for index, block in enumerate(page.blocks):
                    if isinstance(block, Quiz):
                        places[block.id] = _Place(lesson, _setter(page.blocks, index))
                    elif isinstance(block, Assessment):
                        for q_index, quiz in enumerate(block.quizzes):
                            places[quiz.id] = _Place(lesson, _setter(block.quizzes, q_index))
        return places


def _setter(container: list[Any], index: int) -> Callable[[Quiz], None]:
    def replace(quiz: Quiz) -> None:
        container[index] = quiz

    return replace


def _same_graph(old: list[ScenarioChoice], new: list[ScenarioChoice]) -> str | None:
    def shape(choice: ScenarioChoice) -> tuple[object, ...]:
        return (
            sorted(choice.deltas.items()),
            sorted(choice.sets),
            sorted(choice.unsets),
            choice.condition_text,
        )

    if len(old) != len(new):
        return f"has {len(new)} choices instead of {len(old)}"
    for index, (a, b) in enumerate(zip(old, new, strict=True), start=1):
        if a.target != b.target:
            return f"sends choice {index} to '{b.target}' instead of '{a.target}'"
        if shape(a) != shape(b):
            return f"changes the effects or the condition of choice {index}"
    return None


def _same_scoring(old: Quiz, new: Quiz) -> str | None:
    if new.kind != old.kind:
        return f"changes its kind from {old.kind} to {new.kind}"
    if len(new.choices) != len(old.choices) or len(new.pairs) != len(old.pairs):
        return "changes the number of choices"
    if [c.correct for c in new.choices] != [c.correct for c in old.choices]:
        return "changes which choices are correct"
    if new.points != old.points:
        return f"changes its points from {old.points:g} to {new.points:g}"
    if [r.value or (r.low, r.high) for r in new.ranges] != [
        r.value or (r.low, r.high) for r in old.ranges
    ]:  # '= {{name}}' keeps its value (whose number is the region's)
        return "changes the accepted numbers"
    return None


def _no_prose(tokens: list[Token], span: Span) -> Prose:
    """A quiz holds no prose blocks (its parser never makes one)."""
    return Prose("p", tokens, span)
