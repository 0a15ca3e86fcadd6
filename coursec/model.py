"""The course model: Course > Lesson > Page > Block (Prose | Quiz | Assessment | Scenario).

In:  built by ``coursec.parse`` from course.yaml and the lesson files.
Out: plain dataclasses read by the checks, the renderer and the targets. Nothing here does I/O.

Ids: every addressable thing has a stable ``id`` (given in the source or derived from a slug of
its source text, never from a position or a translation) that is valid as an XML NCName, a
SCORM 1.2 CMIIdentifier and an IRI path segment (see ``coursec.parse.ids``).

Text: which fields hold learner-visible text is declared once, on the field
(``field(metadata=text(kind, key, translatable=..., media=..., option=...))``): Markdown or not
(inline, block, already-parsed ``tokens``), the localization key, translatable or not, whether
its images and links are media to check and copy, the directive option it is written in.
Fields holding objects with texts of their own are declared ``part(...)``. ``coursec.texts``
reads both, and so does every stage that handles text: media checks and copying
(``coursec.parse.media``), translation segments (``coursec.localize.segments``), rendering
(``coursec.render``). A new text field is one line here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from coursec.diagnostics import Span
from coursec.quizkinds import KIND_NAMES
from coursec.texts import part, text

if TYPE_CHECKING:
    from markdown_it.token import Token

    from coursec.condition import Expr
    from coursec.config import CourseConfig


if TYPE_CHECKING:  # a name of the kind table; the parser only makes quizzes of those
    QuizKind = str
else:  # Literal["single", ...] built from the table (coursec.quizkinds.KINDS)
    QuizKind = Literal[KIND_NAMES]


@dataclass
class Choice:
    """An option of a single/multiple/true-false/likert quiz, or a step of a sequencing quiz."""

    id: str
    text_md: str = field(metadata=text("inline", ""))
    correct: bool
    span: Span
    feedback_md: str | None = field(default=None, metadata=text("block", "feedback"))


@dataclass
class Pair:
    """One row of a matching quiz: ``term -> match``."""

    id: str
    term_md: str = field(metadata=text("inline", "term"))
    match_md: str = field(metadata=text("inline", "match"))
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
    prompt_md: str = field(metadata=text("block", "prompt"))  # may span paragraphs
    span: Span
    # choice kinds and sequencing (in order)
    choices: list[Choice] = field(default_factory=list, metadata=part("choice"))
    case_sensitive: bool = False  # fill-in
    ranges: list[NumericRange] = field(default_factory=list)  # numeric
    pairs: list[Pair] = field(default_factory=list, metadata=part("pair"))  # matching
    points: float = 1.0
    attempts: int = 0  # 0 = unlimited (inside an assessment: one submission per attempt)
    shuffle: bool = False
    #: ``:show-answer:``: after the last try (or on asking, with unlimited tries) the correct
    #: answer is shown in the form (graded quizzes outside an assessment)
    show_answer: bool = True
    hint_md: str | None = field(default=None, metadata=text("block", "hint", option="hint"))
    # feedback when answered correctly / incorrectly
    correct_md: str | None = field(
        default=None, metadata=text("block", "correct", option="correct")
    )
    incorrect_md: str | None = field(
        default=None, metadata=text("block", "incorrect", option="incorrect")
    )
    # fill-in accepted answers
    answers: list[str] = field(default_factory=list, metadata=text("answers", "answers"))


@dataclass
class Prose:
    id: str
    tokens: list[Token] = field(metadata=text("tokens"))
    span: Span


@dataclass
class Assessment:
    id: str
    title: str = field(metadata=text("plain", "title"))
    span: Span
    pass_percent: float = 80.0
    attempts: int = 0  # 0 = unlimited
    draw: int = 0  # 0 = every question of the pool
    shuffle: bool = False
    layout: str = "one"  # "one": a question per screen; "all": every drawn question at once
    review: str = "full"  # after submitting: "full" | "correctness" | "none"
    intro: list[Prose] = field(default_factory=list, metadata=part("intro", by_id=False))
    quizzes: list[Quiz] = field(default_factory=list, metadata=part(None))

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
    text_md: str = field(metadata=text("inline", ""))
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
    feedback_md: str | None = field(default=None, metadata=text("block", "feedback"))


@dataclass
class ScenarioNode:
    id: str
    body: list[Token] = field(metadata=text("tokens"))
    span: Span
    choices: list[ScenarioChoice] = field(default_factory=list, metadata=part("choice"))


@dataclass
class Ending:
    id: str
    outcome: Outcome
    body: list[Token] = field(metadata=text("tokens"))
    span: Span
    show_scores: bool = False
    show_path: bool = False


@dataclass
class Competency:
    """A competency's display name, declared once in ``:competencies: id = Name``: what the
    learner reads on the debrief (translatable like any text). Absent when the author wrote the
    id alone: the debrief then shows the id humanised (``Scenario.display_name``)."""

    id: str
    name: str = field(metadata=text("plain", ""))
    span: Span


@dataclass
class Scenario:
    """A graph of nodes; choices move between them and change competency scores.

    Scores are clamped to ``score_range`` after every choice, in the runtime and in the
    analysis alike: that keeps the state space finite (see ``coursec.check.scenario``).
    """

    id: str
    title: str = field(metadata=text("plain", "title"))
    start: str
    span: Span
    competencies: list[str] = field(default_factory=list)
    competency_spans: dict[str, Span] = field(default_factory=dict)
    #: the declared display names, by competency id (only those the author named)
    competency_names: dict[str, Competency] = field(
        default_factory=dict, metadata=part("competency")
    )
    pass_rule: Expr | None = None
    pass_text: str = ""
    pass_span: Span | None = None
    start_span: Span | None = None
    graded: bool = False
    retry: str = "best"  # which attempt counts: best | last
    score_range: tuple[int, int] = (-10, 10)
    intro: list[Prose] = field(default_factory=list, metadata=part("intro", by_id=False))
    nodes: dict[str, ScenarioNode] = field(default_factory=dict, metadata=part("node", unit=True))
    endings: dict[str, Ending] = field(
        default_factory=dict, metadata=part("ending", unit=True)
    )

    def node_ids(self) -> list[str]:
        return [*self.nodes, *self.endings]

    def display_name(self, competency: str) -> str:
        """What the learner reads for ``competency``: its declared name, else the id with
        underscores as spaces and the first letter upper-case (``de-escalation`` ->
        "De-escalation"; not a translation segment, so declare a name to translate it)."""
        declared = self.competency_names.get(competency)
        if declared is not None and declared.name:
            return declared.name
        plain = competency.replace("_", " ")
        return plain[:1].upper() + plain[1:]


Block = Prose | Quiz | Assessment | Scenario


@dataclass
class Page:
    """One screen of a lesson: the lesson opening, then one per second-level heading."""

    id: str
    title: str = field(metadata=text("plain", "title"))
    span: Span
    blocks: list[Block] = field(default_factory=list, metadata=part(None))


@dataclass
class Asset:
    """A media file referenced from the source, copied into the package at ``package_path``."""

    source: Path
    package_path: str  # ASCII, relative to the package root, e.g. "media/listening.svg"
    span: Span


@dataclass
class Lesson:
    id: str
    title: str = field(metadata=text("plain", "title"))
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
