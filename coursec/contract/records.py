"""``cs-data`` as typed records: the JSON the page's runtime reads (``<script id="cs-data">``).

In:  values the renderer computed (``render/data.py`` builds these records).
Out: ``CsData`` and its parts; ``CsData.plain()`` gives the JSON value in the page's key order
     (a field that defaults to None is left out when None; a required one is written as null);
     ``schema()`` the JSON Schema (``tests/fixtures/contract/cs-data.schema.json``).
     Nothing is reported.

Keys are short because every page carries them. New in the contract (CONTRACT.md): per quiz
``it`` (interaction type), ``rp`` (correct-response patterns as the target writes them), ``rid``
(response ids by choice index, ``coursec.contract.patterns``), ``skip`` (the target cannot
record it: reported at build time as CS503); the same ``it``/``rid``/``skip`` per scenario
decision node; top level ``format`` (response delimiters), ``limits.suspend`` and
``limits.text``, and for the adapters that send xAPI ``verbs`` (verb IRI -> display) with
``verbLang`` (the language tag of those displays). Only when the course has a ``releases/``
folder: ``releases``, the compact layouts (``coursec.release.embed``) the runtime migrates a
saved state from: the current one first, then the earlier ones, each named by its ``k``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from coursec.contract.base import Record
from coursec.contract.patterns import Rid

Number = int | float


class Course(Record):
    id: str
    title: str
    version: str


class PageRef(Record):
    k: str  # the page key (``<lesson>--<page>``)
    l: int  # noqa: E741 (the lesson index)


class LessonRef(Record):
    id: str
    first: int
    last: int
    quizzes: list[int]


class QuizData(Record):
    id: str
    kind: str
    page: int
    points: Number
    attempts: int
    shuffle: bool
    inA: bool
    text: str
    choices: list[str] | SkipJsonSchema[None] = None
    correct: list[int] | SkipJsonSchema[None] = None
    true: int | SkipJsonSchema[None] = None
    answers: list[str] | SkipJsonSchema[None] = None
    case: bool | SkipJsonSchema[None] = None
    ranges: list[tuple[Number, Number]] | SkipJsonSchema[None] = None
    pairs: list[str] | SkipJsonSchema[None] = None
    show: bool | SkipJsonSchema[None] = None  # ``:show-answer:`` (outside an assessment)
    it: str
    rp: list[str]
    rid: Rid
    skip: bool | SkipJsonSchema[None] = None


class AssessmentData(Record):
    id: str
    lesson: int
    pass_: Number = Field(alias="pass")
    attempts: int
    draw: int
    shuffle: bool
    pool: list[int]
    layout: str  # "one" | "all" (parse/assessment.py LAYOUTS)
    review: str  # "full" | "correctness" | "none" (REVIEWS)


class ScenarioChoiceData(Record):
    id: str
    to: int  # node index
    d: list[int]  # delta per competency
    s: list[int]  # flag indexes set
    u: list[int]  # flag indexes unset
    w: list[Any] | None  # condition (``Expr.to_json()``)
    t: str  # text


class NodeData(Record):
    """A decision node (``e`` null, ``text``) or an ending (``e`` its outcome, ``sc``, ``pa``)."""

    id: str
    e: str | None
    text: str | SkipJsonSchema[None] = None
    sc: bool | SkipJsonSchema[None] = None
    pa: bool | SkipJsonSchema[None] = None
    c: list[ScenarioChoiceData]
    it: str | SkipJsonSchema[None] = None
    rid: Rid | SkipJsonSchema[None] = None
    skip: bool | SkipJsonSchema[None] = None


class ScenarioData(Record):
    id: str
    page: int
    graded: bool
    retry: str
    start: int
    lo: int
    hi: int
    comps: list[str]
    names: list[str]  # display name per competency (declared, else the id humanised)
    need: list[list[Any] | None] | None  # per competency [kind, n] (condition.needs) or null
    ntot: list[Any] | None  # the bound on ``total``, if the rule needs one
    flags: list[str]
    pass_: list[Any] | None = Field(alias="pass")
    n: list[NodeData]


class Completion(Record):
    pages: str
    assessment: bool


class Numbers(Record):
    decimal: str
    group: str
    digits: str  # the CLDR numbering system (localize.values.NUMBERING)


class Limits(Record):
    fill: int
    num: int
    tries: int
    seed: int
    path: int
    steps: int
    suspend: int | None
    text: int | None


class XapiNamed(Record):
    id: str
    name: dict[str, str]


class XapiCourse(Record):
    id: str
    name: dict[str, str]
    description: dict[str, str]


class XapiQuiz(Record):
    id: str
    def_: dict[str, Any] = Field(alias="def")  # the xAPI interaction definition


class XapiScenario(Record):
    id: str
    name: dict[str, str]
    decisions: dict[str, str]  # node id -> description


class XapiData(Record):
    course: XapiCourse
    lang: str
    lessons: list[XapiNamed]
    pages: list[XapiNamed]
    quizzes: list[XapiQuiz]
    scenarios: dict[str, XapiScenario]


class Format(Record):
    list: str
    pair: str
    range: str


class ReleaseQuiz(Record):
    id: str
    kind: str
    key: str
    inA: bool


class ReleaseAssessment(Record):
    id: str
    pool: list[str]
    draw: int | None


class ReleaseScenario(Record):
    id: str
    start: str
    nodes: list[str]
    endings: list[str]
    flags: list[str]
    comps: list[str]
    range: list[int]
    graph: str


class ReleaseLayout(Record):
    k: str
    hash: str
    pages: list[str]
    quizzes: list[ReleaseQuiz]
    assessment: ReleaseAssessment | None
    scenarios: list[ReleaseScenario]


class CsData(Record):
    v: int
    hash: str
    course: Course
    lang: str
    adapter: str
    pages: list[PageRef]
    lessons: list[LessonRef]
    quizzes: list[QuizData]
    assessment: AssessmentData | None
    scenarios: list[ScenarioData]
    completion: Completion
    mastery: Number | None
    failedStatus: str
    numbers: Numbers
    limits: Limits
    strings: dict[str, str | dict[str, str]]
    xapi: XapiData | SkipJsonSchema[None] = None
    format: Format
    verbLang: str | SkipJsonSchema[None] = None
    verbs: dict[str, str] | SkipJsonSchema[None] = None
    releases: list[ReleaseLayout] | SkipJsonSchema[None] = None


def schema() -> dict[str, Any]:
    """The JSON Schema of ``cs-data`` (draft 2020-12, as pydantic writes it)."""
    out = CsData.model_json_schema(mode="validation", by_alias=True)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "coursec cs-data"
    return out
