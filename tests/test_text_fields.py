"""A new text field is one line in the model: every stage that handles text sees it.

The test declares new fields on subclasses of the model's classes (a quiz-level block field
written as a ``:tip:`` option, a choice-level inline field, a scenario-choice field, a field
that is not translatable), makes the parser build those subclasses, and checks each consumer
without telling it about them: media checks and copying (``coursec.parse.media``), translation
segments and their write-back (``coursec.localize.segments``) and the template context
(``coursec.render``). A second test walks the model: every Markdown-looking field is declared,
so no stage can miss one.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import typing
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import coursec.model as model
from coursec.build import BuildOptions, load_and_check
from coursec.diagnostics import Code, Reporter
from coursec.localize import localize_regions
from coursec.localize.segments import Segment, rewrite, segments
from coursec.model import Choice, Course, Ending, Quiz, Scenario, ScenarioChoice
from coursec.parse.directives import Spec
from coursec.parse.markdown import make_markdown
from coursec.parse.quiz import parse_quiz, quiz_options
from coursec.parse.table import DIRECTIVES
from coursec.render.context import ContextBuilder
from coursec.render.markdown import MarkdownRenderer
from coursec.render.theme import load_theme
from coursec.texts import parts, text, text_fields

MEDIA = Path(__file__).parent / "fixtures" / "diagnostics" / "media"
LESSON = """# Fields

:::{quiz} q-new
:tip: ![A picture](../media/pic.svg) A tip.
Which one?

- [x] {#yes} Yes
- [ ] {#no} No
:::

::::{scenario} s-new
:start: start

:::{node} start
Hello.

- {#go} "Go." -> done
:::

:::{ending} done
:outcome: pass
:debrief: ![A picture](../media/pic.svg) Well done.
Done.
:::
::::
"""


@dataclass
class TipQuiz(Quiz):
    tip_md: str | None = field(default=None, metadata=text("block", "tip", option="tip"))
    note_md: str | None = field(default="*internal*", metadata=text("block", "note",
                                                                    translatable=False))


@dataclass
class NotedChoice(Choice):
    aside_md: str | None = field(default="![Gone](../media/gone.svg) aside",
                                 metadata=text("inline", "aside"))


@dataclass
class AsideScenarioChoice(ScenarioChoice):
    aside_md: str | None = field(default="![A picture](../media/pic.svg) Aside.",
                                 metadata=text("block", "aside"))


@dataclass
class DebriefEnding(Ending):
    debrief_md: str | None = field(
        default=None, metadata=text("block", "debrief", option="debrief")
    )


def _course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Course, Reporter]:
    monkeypatch.setattr("coursec.parse.quiz.Quiz", TipQuiz)
    # the table's options of {quiz} are computed from the model once, at import
    monkeypatch.setitem(DIRECTIVES, "quiz", Spec(quiz_options(TipQuiz), parse_quiz))
    monkeypatch.setattr("coursec.quizkinds.choices.Choice", NotedChoice)  # made by the kinds
    monkeypatch.setattr("coursec.parse.scenario.ScenarioChoice", AsideScenarioChoice)
    monkeypatch.setattr("coursec.parse.scenario.Ending", DebriefEnding)
    monkeypatch.setattr("coursec.parse.scenario.ENDING_OPTIONS", ("outcome", "show", "debrief"))
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: fields\ntitle: Fields\n")
    (tmp_path / "lessons" / "01-fields.md").write_text(LESSON)
    shutil.copytree(MEDIA, tmp_path / "media")
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=tmp_path, targets=["web"]), reporter)
    assert checked is not None
    return checked[0], reporter


def _blocks(course: Course) -> tuple[TipQuiz, Scenario]:
    quiz, scenario = course.lessons[0].pages[0].blocks
    assert isinstance(quiz, TipQuiz) and isinstance(scenario, Scenario)
    return quiz, scenario


def test_media_of_a_new_field_is_checked_and_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course, reporter = _course(tmp_path, monkeypatch)
    quiz, scenario = _blocks(course)
    assert quiz.tip_md == "![A picture](media/pic.svg) A tip."
    choice = scenario.nodes["start"].choices[0]
    assert isinstance(choice, AsideScenarioChoice)
    assert choice.aside_md == "![A picture](media/pic.svg) Aside."
    assert "media/pic.svg" in course.assets
    ending = scenario.endings["done"]
    assert isinstance(ending, DebriefEnding)
    assert ending.debrief_md == "![A picture](media/pic.svg) Well done."
    # the choices' new field names a missing file: reported at each choice's own line
    missing = [(d.code, d.span.line) for d in reporter.diagnostics if d.code is Code.CS401]
    assert missing == [(Code.CS401, 7), (Code.CS401, 8)]
    assert {d.code for d in reporter.diagnostics} == {Code.CS401}  # ':tip:' is a known option


def test_a_new_field_is_a_segment_and_is_written_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course, _ = _course(tmp_path, monkeypatch)
    found = {s.key: s for s in segments(course)}
    assert found["q-new.tip"].kind == "block" and found["q-new.tip"].block == "q-new"
    assert found["q-new.choice.yes.aside"].kind == "inline"
    aside = found["s-new.node.start.choice.go.aside"]
    assert aside.kind == "block" and aside.block == "s-new.node.start"
    assert "q-new.note" not in found  # declared translatable=False
    debrief = found["s-new.ending.done.debrief"]
    assert debrief.kind == "block" and debrief.block == "s-new.ending.done"
    assert [k for k in found if k.startswith("q-new")] == [
        "q-new.prompt", "q-new.tip", "q-new.choice.yes", "q-new.choice.yes.aside",
        "q-new.choice.no", "q-new.choice.no.aside",
    ]

    def translate(segment: Segment) -> str | None:
        return "T " + segment.text if segment.key.endswith((".tip", ".aside")) else None

    rewrite(course, translate, make_markdown())
    quiz, scenario = _blocks(course)
    assert quiz.tip_md == "T ![A picture](media/pic.svg) A tip."
    assert quiz.note_md == "*internal*"
    choice = scenario.nodes["start"].choices[0]
    assert isinstance(choice, AsideScenarioChoice)
    assert choice.aside_md.startswith("T ") if choice.aside_md else False


def test_a_new_field_reaches_the_template_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course, reporter = _course(tmp_path, monkeypatch)
    theme = load_theme(course, reporter)
    assert theme is not None
    context = ContextBuilder(course, theme, "local", MarkdownRenderer())
    quiz, scenario = _blocks(course)
    ctx = context.quiz(quiz, False)
    assert '<img src="media/pic.svg" alt="A picture"' in str(ctx["tip"])
    assert str(ctx["note"]) == "<p><em>internal</em></p>\n"
    assert [str(c["html"]) for c in ctx["choices"]] == ["Yes", "No"]
    assert all('alt="Gone"' in str(c["aside"]) for c in ctx["choices"])
    start, done = context.scenario(scenario)["nodes"]
    assert '<img src="media/pic.svg"' in str(start["choices"][0]["aside"])
    assert '<img src="media/pic.svg"' in str(done["debrief"])


def _model_classes() -> list[type]:
    return [
        value for value in vars(model).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value)
        and value.__module__ == model.__name__
    ]


def test_every_text_of_the_model_is_declared() -> None:
    """A field that looks like learner text (``*_md``, a title, markdown-it tokens, the answers)
    is declared ``text(...)``; a field holding model objects with text is declared a part. So
    a new field cannot be a text some stage forgets: it is declared, or this test fails."""
    not_parts = {("Lesson", "pages"), ("Course", "lessons"), ("Course", "assets")}
    holders = {cls for cls in _model_classes() if text_fields(cls)}
    checked = 0
    for cls in _model_classes():
        hints = typing.get_type_hints(cls, vars(model) | {"Token": object, "Expr": object,
                                                          "CourseConfig": object})
        declared = {f.name for f in text_fields(cls)}
        part_names = {p.name for p in parts(cls)}
        for f in dataclasses.fields(cls):
            shown = str(hints[f.name])
            looks_like_text = (
                f.name.endswith("_md") or f.name in ("title", "answers")
                or (shown == "list[object]" and f.name in ("tokens", "body"))
            )
            if looks_like_text:
                checked += 1
                assert f.name in declared, f"{cls.__name__}.{f.name} is text but not declared"
            holds_texts = any(re.search(rf"\.{h.__name__}\b", shown) for h in holders)
            if holds_texts and (cls.__name__, f.name) not in not_parts:
                assert f.name in part_names, f"{cls.__name__}.{f.name} holds texts: a part"
    assert checked >= 17


L10N_COURSE = Path(__file__).parent / "fixtures" / "l10n" / "course"


def test_a_region_override_checks_the_media_of_every_field(tmp_path: Path) -> None:
    """A scenario node replaced by a region override: the images of its choices and their
    feedback are resolved like the source's (they were left as written before the walk)."""
    root = tmp_path / "course"
    shutil.copytree(L10N_COURSE, root)
    path = root / "locales" / "es-MX.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "overrides:\n  refund-call.node.checked:\n    markdown: |\n"
        "      :::{node} checked\n"
        "      Encuentra el reembolso.\n\n"
        "      - «![Auriculares](../media/headset.svg) Ya va en camino.» -> resolved\n"
        "        > ![Auriculares](../media/headset.svg) Bien.\n"
        "      :::\n",
        encoding="utf-8",
    )
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=root, targets=["web"]), reporter)
    assert checked is not None
    mexican = dict(localize_regions(checked[0], ["es-MX"], reporter))["es-MX"]
    assert not reporter.has_errors, reporter.sorted()
    [choice] = mexican.scenarios()[0].nodes["checked"].choices
    assert "](media/headset.svg)" in choice.text_md
    assert choice.feedback_md is not None and "](media/headset.svg)" in choice.feedback_md
