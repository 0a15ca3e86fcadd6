"""The runtime's data: the ``cs-data`` JSON that ``player.js`` and ``scenario.js`` read.

In:  the course model, a ``MarkdownRenderer``, the adapter name, the theme (its UI strings).
Out: ``RuntimeData.record()`` -> the ``cs-data`` records (``coursec.contract.records``): course
     structure, answer keys, scenario graphs, completion and mastery rules, limits, UI strings,
     the language's number signs (Babel), and what the adapter writes (``coursec.contract``:
     interaction types, response ids and correct-response patterns in the target's format, its
     delimiters and limits; for the adapters that send xAPI the activity definitions of
     ``coursec.activities`` and the verb displays of the theme's catalogs); ``data()`` the same
     as JSON values; ``script_json`` serializes it safely for a JSON ``<script>`` element.
     ``RegionData``: what the records of one region's pages share across its adapters (the
     structure hash, number signs, releases, xAPI activities and verb displays, and the quiz
     and scenario records per set of adapter facts), made once. Nothing is reported here.

Indexes: the runtime stores page and quiz *indexes* in its resume state (``check/limits.py``);
they are positions in ``Course.pages()`` and ``Course.quizzes()``, guarded by ``structure_hash``
so a state saved by a different version of the course is never applied to this one.
Scenarios (``cs-data.scenarios``) are stored by scenario position, node index in
``Scenario.node_ids()``, choice index in its node and flag index in ``scenario_flags``; the hash
covers those too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from babel.numbers import get_decimal_symbol, get_group_symbol

from coursec.activities import runtime_data
from coursec.condition import TOTAL, needs
from coursec.contract import records as r
from coursec.contract.facts import facts
from coursec.contract.keys import page_key, structure_hash
from coursec.contract.patterns import (
    DECISION_TYPE,
    Rid,
    choice_ids,
    interaction_type,
    patterns,
    response_ids,
    skipped,
)
from coursec.contract.state import scenario_flags
from coursec.contract.verbs import RELEASE_VERBS, verb_displays
from coursec.localize.values import NUMBERING, babel_locale
from coursec.model import Assessment, Course, Quiz, Scenario
from coursec.quizkinds.registry import shows_answer, spec
from coursec.release.embed import embedded
from coursec.render.markdown import MarkdownRenderer
from coursec.render.theme import BUILTIN_THEMES, Theme
from coursec.runtime import (
    FILL_IN_MAXLENGTH,
    NUMERIC_MAXLENGTH,
    PATH_KEEP,
    SEED_MAX,
    STATE_VERSION,
    STEP_CAP,
    TRIES_CAP,
)


def number_symbols(language: str) -> dict[str, str]:
    """How ``language`` writes a decimal number (``decimal`` and ``group`` signs, from Babel, and
    the numbering system ``digits``), for the numbers the runtime shows; ``.`` and ``,`` when
    Babel has no data for it."""
    locale = babel_locale(language)
    if locale is None:
        return {"decimal": ".", "group": ",", "digits": NUMBERING}
    return {"decimal": get_decimal_symbol(locale, numbering_system=NUMBERING),
            "group": get_group_symbol(locale, numbering_system=NUMBERING), "digits": NUMBERING}


T = TypeVar("T")
#: the records of a course's blocks: pages, lessons, quizzes, the assessment, scenarios
Blocks = tuple[list[r.PageRef], list[r.LessonRef], list[r.QuizData], "r.AssessmentData | None",
               list[r.ScenarioData]]


#: the ``CsData`` fields that are the same for adapters of the same facts (``RegionData``)
_SHARED = ("pages", "lessons", "quizzes", "assessment", "scenarios", "xapi", "releases")


def _plain(value: Any) -> Any:
    """The JSON value of a field of records (a record, a list of them, or None)."""
    if isinstance(value, list):
        return [item.plain() for item in value]
    return None if value is None else value.plain()


class RegionData:
    """What the ``cs-data`` of one region's pages is made of whatever the adapter, computed
    for the first adapter and reused by the others (a region renders 5 targets). Keyed by
    what the part depends on (the adapter's facts, whether the course has releases); the
    course, its renderer and theme must not change while it is used."""

    def __init__(self) -> None:
        self._made: dict[tuple[object, ...], Any] = {}

    def once(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        if key not in self._made:
            self._made[key] = make()
        made: T = self._made[key]
        return made


class RuntimeData:
    def __init__(self, course: Course, md: MarkdownRenderer, adapter: str, theme: Theme,
                 shared: RegionData | None = None) -> None:
        self.course = course
        self.md = md
        self.adapter = adapter
        self.theme = theme
        self.facts = facts(adapter)
        self.shared = shared if shared is not None else RegionData()

    def quiz_data(self, quiz: Quiz, page_index: int, in_assessment: bool) -> r.QuizData:
        kind = quiz.kind
        skip = skipped(max(len(quiz.choices), len(quiz.pairs)), self.facts)
        return r.QuizData(
            id=quiz.id,
            kind=kind,
            page=page_index,
            points=quiz.points,
            attempts=quiz.attempts,
            shuffle=quiz.shuffle,
            inA=in_assessment,
            text=self.md.plain_md(quiz.prompt_md)[:250],
            choices=[c.id for c in quiz.choices] if quiz.choices else None,
            correct=[i for i, c in enumerate(quiz.choices) if c.correct] if quiz.choices else None,
            **spec(kind).key(quiz),  # true, answers, case, ranges...
            show=True if shows_answer(quiz, in_assessment) else None,
            pairs=[p.id for p in quiz.pairs] if quiz.pairs else None,
            it=interaction_type(kind),
            rp=patterns(quiz, self.facts),
            rid=Rid() if skip else response_ids(quiz, self.facts),
            skip=True if skip else None,
        )

    def scenario_data(self, scenario: Scenario, page_index: int) -> r.ScenarioData:
        """What ``scenario.js`` needs to run the state machine exactly as
        ``coursec.check.scenario_states`` explores it: node ``n[i]`` is ``node_ids()[i]``; a
        choice's ``d`` holds its delta per competency (in ``comps`` order), ``s``/``u`` the flag
        indexes it sets/unsets, ``w`` its condition as ``Expr.to_json()``; a decision node's
        ``rid.c`` the ids the target records for its choices."""
        index = {node_id: i for i, node_id in enumerate(scenario.node_ids())}
        flags = scenario_flags(scenario)
        nodes: list[r.NodeData] = []
        for node in scenario.nodes.values():
            skip = skipped(len(node.choices), self.facts)
            nodes.append(
                r.NodeData(
                    id=node.id,
                    e=None,
                    text=self.md.plain(self.md.tokens(node.body))[:250],
                    c=[
                        r.ScenarioChoiceData(
                            id=c.id,
                            to=index.get(c.target, index[scenario.start]),
                            d=[c.deltas.get(name, 0) for name in scenario.competencies],
                            s=[flags.index(f) for f in c.sets],
                            u=[flags.index(f) for f in c.unsets],
                            w=c.condition.to_json() if c.condition is not None else None,
                            t=self.md.plain(self.md.inline(c.text_md))[:250],
                        )
                        for c in node.choices
                    ],
                    it=DECISION_TYPE,
                    rid=Rid() if skip else Rid(c=choice_ids([c.id for c in node.choices],
                                                             self.facts)),
                    skip=True if skip else None,
                )
            )
        for ending in scenario.endings.values():
            nodes.append(
                r.NodeData(
                    id=ending.id,
                    e=ending.outcome.value,
                    sc=ending.show_scores,
                    pa=ending.show_path,
                    c=[],
                )
            )
        bounds = needs(scenario.pass_rule)
        return r.ScenarioData(
            id=scenario.id,
            page=page_index,
            graded=scenario.graded,
            retry=scenario.retry,
            start=index.get(scenario.start, 0),
            lo=scenario.score_range[0],
            hi=scenario.score_range[1],
            comps=scenario.competencies,
            names=[scenario.display_name(name) for name in scenario.competencies],
            need=None if bounds is None else [
                list(bounds[name]) if name in bounds else None for name in scenario.competencies
            ],
            ntot=list(bounds[TOTAL]) if bounds and TOTAL in bounds else None,
            flags=flags,
            pass_=scenario.pass_rule.to_json() if scenario.pass_rule is not None else None,
            n=nodes,
        )

    def data(self) -> dict[str, Any]:
        """``cs-data`` as the page receives it (plain JSON values)."""
        record = self.record()

        def dumped() -> dict[str, Any]:
            return {name: _plain(getattr(record, name)) for name in _SHARED}

        plain: dict[str, Any] = record.plain(self.shared.once(("plain", self.facts), dumped))
        return plain

    def blocks(self) -> Blocks:
        """The records of the lessons' pages and blocks (they depend on the adapter's facts
        only, not on its name)."""
        course = self.course
        pages: list[r.PageRef] = []
        lessons: list[r.LessonRef] = []
        quizzes: list[r.QuizData] = []
        assessment: r.AssessmentData | None = None
        scenarios: list[r.ScenarioData] = []
        for lesson_index, lesson in enumerate(course.lessons):
            first = len(pages)
            lesson_quizzes: list[int] = []
            for page in lesson.pages:
                page_index = len(pages)
                pages.append(r.PageRef(k=page_key(lesson.id, page.id), l=lesson_index))
                for block in page.blocks:
                    if isinstance(block, Quiz):
                        lesson_quizzes.append(len(quizzes))
                        quizzes.append(self.quiz_data(block, page_index, False))
                    elif isinstance(block, Assessment):
                        pool = []
                        for quiz in block.quizzes:
                            pool.append(len(quizzes))
                            quizzes.append(self.quiz_data(quiz, page_index, True))
                        assessment = r.AssessmentData(
                            id=block.id,
                            lesson=lesson_index,
                            pass_=block.pass_percent,
                            attempts=block.attempts,
                            draw=block.drawn,
                            shuffle=block.shuffle,
                            pool=pool,
                            layout=block.layout,
                            review=block.review,
                        )
                    elif isinstance(block, Scenario):
                        scenarios.append(self.scenario_data(block, page_index))
            lessons.append(
                r.LessonRef(id=lesson.id, first=first, last=len(pages) - 1, quizzes=lesson_quizzes)
            )
        return pages, lessons, quizzes, assessment, scenarios

    def record(self) -> r.CsData:
        course = self.course
        config = course.config
        once = self.shared.once
        pages, lessons, quizzes, assessment, scenarios = once(("blocks", self.facts), self.blocks)
        sep = self.facts.format
        releases = once(("releases",), self.releases)
        verb_lang, verbs = once(("verbs", self.facts.xapi, releases is not None),
                                lambda: self.verbs(with_releases=releases is not None))
        return r.CsData(
            v=STATE_VERSION,
            hash=once(("hash",), lambda: structure_hash(course)),
            course=r.Course(id=config.id, title=config.title, version=config.version),
            lang=config.language,
            adapter=self.adapter,
            pages=pages,
            lessons=lessons,
            quizzes=quizzes,
            assessment=assessment,
            scenarios=scenarios,
            completion=r.Completion(
                pages=config.completion.pages, assessment=config.completion.assessment
            ),
            mastery=course.mastery_percent(),
            failedStatus=config.failed_status,
            numbers=once(("numbers",), lambda: r.Numbers(**number_symbols(config.language))),
            limits=r.Limits(
                fill=FILL_IN_MAXLENGTH,
                num=NUMERIC_MAXLENGTH,
                tries=TRIES_CAP,
                seed=SEED_MAX,
                path=PATH_KEEP,
                steps=STEP_CAP,
                suspend=self.facts.suspend,
                text=self.facts.text,
            ),
            strings={**self.theme.strings, **self.theme.plurals},
            xapi=once(("xapi", self.facts.xapi), self.xapi_data),
            format=r.Format(list=sep.list, pair=sep.pair, range=sep.range),
            verbLang=verb_lang,
            verbs=verbs,
            releases=releases,
        )

    def releases(self) -> list[r.ReleaseLayout] | None:
        found = embedded(self.course)
        return None if found is None else [r.ReleaseLayout.model_validate(x) for x in found]

    def verbs(self, with_releases: bool = False) -> tuple[str | None, dict[str, str] | None]:
        """The verb displays (from the theme's catalogs), for the adapters that send xAPI
        (``resumed`` too when the course has releases)."""
        if not self.facts.xapi:
            return None, None
        folders = [self.theme.folder, BUILTIN_THEMES / "default"]
        more = RELEASE_VERBS if with_releases else ()
        return verb_displays(folders, self.course.config.language, more)

    def xapi_data(self) -> r.XapiData | None:
        """``xapi``: activity ids and definitions, for the adapters that can talk to an LRS."""
        if not self.facts.xapi:
            return None
        return r.XapiData.model_validate(
            runtime_data(self.course, self.md, self.course.config.language)
        )

def script_json(value: Any) -> str:
    """JSON safe inside ``<script type="application/json">`` (no ``</script>``, no ``<!--``)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
