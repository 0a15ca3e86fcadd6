"""The course model: Course > Lesson > Page > Block (Prose | Quiz | Assessment | Scenario).

In:  built by ``coursec.parse`` from course.yaml and the lesson files.
Out: plain dataclasses read by the checks, the renderer and the targets. Nothing here does I/O.

Ids: every addressable thing has a stable ``id`` (given in the source or derived from a slug of
its source text, never from a position or a translation) that is valid as an XML NCName, a
SCORM 1.2 CMIIdentifier and an IRI path segment (see ``coursec.parse.ids``).

Text: ``*_md`` fields hold inline Markdown source as written (rendered by ``coursec.render``);
``Prose.tokens`` holds the already-parsed markdown-it block tokens of a prose block. Which fields
hold Markdown is declared once, on the field (``markdown(kind, key)``); ``markdown_fields`` and
``quiz_markdown`` read that declaration, and so does every stage that handles Markdown text (media
checks and copying in ``coursec.parse``, translation segments in ``coursec.localize``).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from coursec.diagnostics import Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from coursec.condition import Expr
    from coursec.config import CourseConfig


MarkdownKind = Literal["inline", "block"]


def markdown(kind: MarkdownKind, key: str) -> dict[str, Any]:
    """The metadata declaring a dataclass field Markdown source (``field(metadata=...)``):
    ``kind`` says how it is rendered, ``key`` is its localization key suffix ("" for the text
    of the thing itself)."""
    return {"markdown": (kind, key)}


@dataclass(frozen=True)
class MarkdownField:
    name: str
    kind: MarkdownKind
    key: str
    optional: bool  # None when absent (a hint, a feedback); else always there (a prompt)


def markdown_fields(cls: type) -> tuple[MarkdownField, ...]:
    """The Markdown fields of a model class, in declaration order."""
    return tuple(
        MarkdownField(
            f.name, f.metadata["markdown"][0], f.metadata["markdown"][1], f.default is None
        )
        for f in dataclasses.fields(cls)
        if "markdown" in f.metadata
    )


class QuizKind(enum.Enum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"
    FILL_IN = "fill-in"
    NUMERIC = "numeric"
    MATCHING = "matching"
    SEQUENCING = "sequencing"
    LIKERT = "likert"

    @property
    def graded(self) -> bool:
        return self is not QuizKind.LIKERT


@dataclass
class Choice:
    """An option of a single/multiple/true-false/likert quiz, or a step of a sequencing quiz."""

    id: str
    text_md: str = field(metadata=markdown("inline", ""))
    correct: bool
    span: Span
    feedback_md: str | None = field(default=None, metadata=markdown("block", "feedback"))


@dataclass
class Pair:
    """One row of a matching quiz: ``term -> match``."""

    id: str
    term_md: str = field(metadata=markdown("inline", "term"))
    match_md: str = field(metadata=markdown("inline", "match"))
    span: Span


@dataclass
class NumericRange:
    low: float
    high: float
    value: str | None = None  # ``= {{name}}``: the number is the regional value's, per region
    span: Span | None = None  # where ``{{name}}`` is written (for value answers)


@dataclass
class Quiz:
    id: str
    kind: QuizKind
    prompt_md: str = field(metadata=markdown("block", "prompt"))  # may span paragraphs
    span: Span
    choices: list[Choice] = field(default_factory=list)  # choice kinds and sequencing (in order)
    answers: list[str] = field(default_factory=list)  # fill-in accepted answers
    case_sensitive: bool = False  # fill-in
    ranges: list[NumericRange] = field(default_factory=list)  # numeric
    pairs: list[Pair] = field(default_factory=list)  # matching
    points: float = 1.0
    attempts: int = 0  # 0 = unlimited (inside an assessment: one submission per attempt)
    shuffle: bool = False
    hint_md: str | None = field(default=None, metadata=markdown("block", "hint"))
    # feedback when answered correctly / incorrectly
    correct_md: str | None = field(default=None, metadata=markdown("block", "correct"))
    incorrect_md: str | None = field(default=None, metadata=markdown("block", "incorrect"))

    @property
    def graded(self) -> bool:
        return self.kind.graded


@dataclass
class Prose:
    id: str
    tokens: list[Token]
    span: Span


@dataclass
class Assessment:
    id: str
    title: str
    span: Span
    pass_percent: float = 80.0
    attempts: int = 0  # 0 = unlimited
    draw: int = 0  # 0 = every question of the pool
    shuffle: bool = False
    intro: list[Prose] = field(default_factory=list)
    quizzes: list[Quiz] = field(default_factory=list)

    @property
    def drawn(self) -> int:
        return self.draw or len(self.quizzes)


class Outcome(enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    NEUTRAL = "neutral"


@dataclass
class ScenarioChoice:
    """``- "text" -> target {empathy +2, set apologized} if empathy >= 1``."""

    id: str
    text_md: str = field(metadata=markdown("inline", ""))
    target: str
    span: Span
    target_span: Span
    deltas: dict[str, int] = field(default_factory=dict)
    delta_spans: dict[str, Span] = field(default_factory=dict)
    sets: list[str] = field(default_factory=list)
    unsets: list[str] = field(default_factory=list)
    condition: Expr | None = None
    condition_text: str = ""
    condition_span: Span | None = None
    # the consequence shown after the choice
    feedback_md: str | None = field(default=None, metadata=markdown("block", "feedback"))


@dataclass
class ScenarioNode:
    id: str
    body: list[Token]
    span: Span
    choices: list[ScenarioChoice] = field(default_factory=list)


@dataclass
class Ending:
    id: str
    outcome: Outcome
    body: list[Token]
    span: Span
    show_scores: bool = False
    show_path: bool = False


@dataclass
class Scenario:
    """A graph of nodes; choices move between them and change competency scores.

    Scores are clamped to ``score_range`` after every choice, in the runtime and in the
    analysis alike: that keeps the state space finite (see ``coursec.check.scenario``).
    """

    id: str
    title: str
    start: str
    span: Span
    competencies: list[str] = field(default_factory=list)
    competency_spans: dict[str, Span] = field(default_factory=dict)
    pass_rule: Expr | None = None
    pass_text: str = ""
    pass_span: Span | None = None
    start_span: Span | None = None
    graded: bool = False
    retry: str = "best"  # which attempt counts: best | last
    score_range: tuple[int, int] = (-10, 10)
    intro: list[Prose] = field(default_factory=list)
    nodes: dict[str, ScenarioNode] = field(default_factory=dict)
    endings: dict[str, Ending] = field(default_factory=dict)

    def node_ids(self) -> list[str]:
        return [*self.nodes, *self.endings]


Block = Prose | Quiz | Assessment | Scenario


def quiz_markdown(quiz: Quiz) -> Iterator[tuple[Quiz | Choice | Pair, MarkdownField, Span]]:
    """Every Markdown field of a quiz, its choices and its pairs that holds text, in source order,
    with the object it belongs to and where that object is written."""
    owners: list[Quiz | Choice | Pair] = [quiz, *quiz.choices, *quiz.pairs]
    for owner in owners:
        for declared in markdown_fields(type(owner)):
            if getattr(owner, declared.name) is not None:
                yield owner, declared, owner.span


@dataclass
class Page:
    """One screen of a lesson: the lesson opening, then one per second-level heading."""

    id: str
    title: str
    span: Span
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Asset:
    """A media file referenced from the source, copied into the package at ``package_path``."""

    source: Path
    package_path: str  # ASCII, relative to the package root, e.g. "media/listening.svg"
    span: Span


@dataclass
class Lesson:
    id: str
    title: str
    path: Path
    span: Span
    objectives: list[str] = field(default_factory=list)
    duration: str | None = None
    pages: list[Page] = field(default_factory=list)

    def quizzes(self) -> list[Quiz]:
        found: list[Quiz] = []
        for page in self.pages:
            for block in page.blocks:
                if isinstance(block, Quiz):
                    found.append(block)
                elif isinstance(block, Assessment):
                    found.extend(block.quizzes)
        return found


@dataclass
class Course:
    config: CourseConfig
    root: Path
    lessons: list[Lesson] = field(default_factory=list)
    assets: dict[str, Asset] = field(default_factory=dict)  # package_path -> asset

    @property
    def id(self) -> str:
        return self.config.id

    def pages(self) -> list[Page]:
        return [page for lesson in self.lessons for page in lesson.pages]

    def quizzes(self) -> list[Quiz]:
        return [quiz for lesson in self.lessons for quiz in lesson.quizzes()]

    def assessments(self) -> list[Assessment]:
        return [
            block for page in self.pages() for block in page.blocks if isinstance(block, Assessment)
        ]

    def scenarios(self) -> list[Scenario]:
        return [
            block for page in self.pages() for block in page.blocks if isinstance(block, Scenario)
        ]

    def assessment(self) -> Assessment | None:
        found = self.assessments()
        return found[0] if found else None

    def mastery_percent(self) -> float | None:
        """The pass mark written to manifests: course.yaml ``mastery``, else the assessment's."""
        if self.config.mastery is not None:
            return self.config.mastery
        assessment = self.assessment()
        return assessment.pass_percent if assessment else None
