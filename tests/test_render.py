"""coursec.render: the package page, its DOM contract, escaping, theme, determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from coursec.config import CourseConfig
from coursec.content import FileMap, content_bytes
from coursec.contract.keys import structure_hash
from coursec.diagnostics import Code, Reporter, Span
from coursec.model import (
    Assessment,
    Choice,
    Course,
    Lesson,
    NumericRange,
    Page,
    Pair,
    Prose,
    Quiz,
)
from coursec.parse import load_course
from coursec.parse.markdown import make_markdown
from coursec.render import render_site
from coursec.render.theme import contrast, ink_on_white, text_on
from coursec.runtime import page_script

SPAN = Span("lessons/01-a.md", 1, 1)


def prose(text: str, pid: str = "p") -> Prose:
    return Prose(pid, make_markdown().parse(text), SPAN)


def choices(*items: tuple[str, str, bool]) -> list[Choice]:
    return [Choice(cid, text, correct, SPAN) for cid, text, correct in items]


def sample_course(tmp_path: Path, **config: Any) -> Course:
    single = Quiz(
        "q-single",
        "single",
        "Which reply *shows* you listened?",
        SPAN,
        choices=choices(("calm", "Calm down", False), ("summ", "So the refund is late?", True)),
        correct_md="Yes.",
        incorrect_md="Not quite.",
        hint_md="Think about **facts**.",
    )
    single.choices[0].feedback_md = "Telling someone to calm down escalates."
    multiple = Quiz(
        "q-multi",
        "multiple",
        "Context paragraph.\n\nSelect all that apply.",
        SPAN,
        choices=choices(("a", "A", True), ("b", "B", True), ("c", "C", False)),
        shuffle=True,
    )
    tf = Quiz(
        "q-tf",
        "true-false",
        "Calm is natural.",
        SPAN,
        choices=choices(("true", "True", False), ("false", "False", True)),
    )
    fill = Quiz("q-fill", "fill-in", "The term?", SPAN, answers=["warm transfer"])
    numeric = Quiz("q-num", "numeric", "How many?", SPAN, ranges=[NumericRange(8, 10)])
    matching = Quiz(
        "q-match",
        "matching",
        "Match them.",
        SPAN,
        pairs=[Pair("p1", "Angry", "Calm voice", SPAN), Pair("p2", "Sad", "Empathy", SPAN)],
    )
    seq = Quiz(
        "q-seq",
        "sequencing",
        "Order the steps.",
        SPAN,
        choices=choices(("s1", "Listen", True), ("s2", "Ask", True), ("s3", "Summarize", True)),
    )
    likert = Quiz(
        "q-lik",
        "likert",
        "Confident?",
        SPAN,
        choices=choices(("lo", "Not", False), ("hi", "Very", False)),
    )
    pool = [
        Quiz(
            "a1", "single", "A1?", SPAN, choices=choices(("x", "X", True), ("y", "Y", False))
        ),
        Quiz("a2", "fill-in", "A2?", SPAN, answers=["yes"]),
        Quiz(
            "a3",
            "true-false",
            "A3?",
            SPAN,
            choices=choices(("true", "True", True), ("false", "False", False)),
        ),
    ]
    assessment = Assessment(
        "final",
        "Final check",
        SPAN,
        pass_percent=80,
        attempts=2,
        draw=2,
        intro=[prose("Answer two questions.")],
        quizzes=pool,
    )
    lesson1 = Lesson(
        "intro-lesson",
        "Intro lesson",
        tmp_path / "lessons" / "01-a.md",
        SPAN,
        pages=[
            Page(
                "intro", "Intro lesson", SPAN, [prose("Welcome <script>alert(1)</script> **bold**")]
            ),
            Page("quizzes", "Quizzes", SPAN, [single, multiple, tf, fill, numeric]),
            Page("more", "More", SPAN, [matching, seq, likert]),
        ],
    )
    lesson2 = Lesson(
        "final-lesson",
        "Final",
        tmp_path / "lessons" / "02-b.md",
        SPAN,
        pages=[Page("check", "Check", SPAN, [assessment])],
    )
    cfg = CourseConfig.model_validate({"id": "demo", "title": "Demo & <Course>", **config})
    return Course(cfg, tmp_path, [lesson1, lesson2])


def html_of(files: FileMap) -> str:
    return content_bytes(files["index.html"]).decode("utf-8")


def data_of(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="cs-data">(.*?)</script>', html, re.S)
    assert match
    result: dict[str, Any] = json.loads(match.group(1))
    return result


@pytest.mark.parametrize("adapter", ["scorm12", "scorm2004", "local"])
def test_package_files_and_determinism(tmp_path: Path, adapter: str) -> None:
    reporter = Reporter()
    files = render_site(sample_course(tmp_path), adapter, reporter)
    assert not reporter.diagnostics
    assert set(files) == {
        "index.html",
        "runtime/player.js",
        "runtime/coursec.css",
    }
    again = render_site(sample_course(tmp_path), adapter, Reporter())
    assert files == again
    html = html_of(files)
    assert html.count("<script src=") == 1 and 'src="runtime/player.js"' in html
    assert files["runtime/player.js"] == page_script(adapter, scenarios=False, releases=False)


def test_dom_contract(tmp_path: Path) -> None:
    html = html_of(render_site(sample_course(tmp_path, language="de-DE"), "scorm12", Reporter()))
    assert '<html lang="de-DE"' in html
    for hook in [
        'section class="cs-page" id="intro-lesson--intro" data-cs-page="intro-lesson--intro"',
        'data-cs-page="final-lesson--check"',
        'button type="button" class="cs-button" data-cs-nav="prev"',
        'data-cs-nav="next"',
        'form class="cs-quiz cs-quiz--single" data-cs-quiz="q-single"',
        'type="radio" id="cs-q0-c1" name="q-single" value="summ"',
        'type="checkbox" id="cs-q1-c0" name="q-multi" value="a"',
        'type="radio" id="cs-q2-c0" name="q-tf" value="true"',
        'data-cs-answer maxlength="50"',
        'inputmode="decimal"',
        'select id="cs-q5-p0" data-cs-pair="p1"',
        '<option value="p2">Empathy</option>',
        'data-cs-move="up"',
        "data-cs-check",
        "data-cs-feedback",
        'section class="cs-assessment" data-cs-assessment="final"',
        "data-cs-start",
        "data-cs-submit",
        "data-cs-score",
        "data-cs-retry",
        "data-cs-lms-status",
        'class="cs-skip" href="#cs-main"',
        '<main id="cs-main"',
        '<nav class="cs-toc"',
    ]:
        assert hook in html, hook
    assert html.count("data-cs-item=") == 3
    # quizzes inside the assessment have no check button of their own
    assessment = html[html.index('data-cs-assessment="final"') :]
    assert "data-cs-check" not in assessment
    assert 'data-cs-quiz="a1"' in assessment


def test_escaping_and_legend(tmp_path: Path) -> None:
    course = sample_course(tmp_path)
    course.lessons[0].pages[1].blocks[0].choices[0].text_md = '<img src=x onerror="alert(1)">'  # type: ignore[union-attr]
    html = html_of(render_site(course, "scorm12", Reporter()))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "<title>Demo &amp; &lt;Course&gt;</title>" in html
    # a one-paragraph prompt is the legend; a longer prompt puts the context above it
    assert '<legend class="cs-legend">Which reply <em>shows</em> you listened?</legend>' in html
    assert '<div class="cs-quiz-before" id="cs-q1-before"><p>Context paragraph.</p>' in html
    assert '<legend class="cs-legend">Select all that apply.</legend>' in html
    # feedback and hints are in the page, hidden
    assert (
        '<div class="cs-hint" id="cs-q0-hint" data-cs-hint hidden><p>Think about <strong>facts'
        in html
    )
    assert '<div data-cs-fb="c:calm"><p>Telling someone' in html


def test_allow_html_is_sanitized(tmp_path: Path) -> None:
    course = sample_course(tmp_path, allow_html=True)
    course.lessons[0].pages[0].blocks = [
        Prose("p", make_markdown(True).parse("<b>ok</b> <script>alert(1)</script>\n"), SPAN)
    ]
    html = html_of(render_site(course, "local", Reporter()))
    assert "<b>ok</b>" in html
    assert "<script>alert(1)" not in html


def test_runtime_data(tmp_path: Path) -> None:
    course = sample_course(tmp_path, mastery=75, failed_status="incomplete")
    fill = course.lessons[0].pages[1].blocks[3]
    assert isinstance(fill, Quiz)
    fill.answers.append("</script><!--")  # must not end the JSON script element
    html = html_of(render_site(course, "scorm2004", Reporter()))
    assert "</script><!--" not in html
    data = data_of(html)
    assert [p["k"] for p in data["pages"]] == [
        "intro-lesson--intro",
        "intro-lesson--quizzes",
        "intro-lesson--more",
        "final-lesson--check",
    ]
    quizzes = {q["id"]: q for q in data["quizzes"]}
    assert quizzes["q-single"]["correct"] == [1]
    assert quizzes["q-multi"]["correct"] == [0, 1]
    assert quizzes["q-tf"]["true"] == 0 and quizzes["q-tf"]["correct"] == [1]
    assert quizzes["q-num"]["ranges"] == [[8, 10]]
    assert (
        quizzes["q-fill"]["answers"] == ["warm transfer", "</script><!--"]
        and quizzes["q-fill"]["case"] is False
    )
    assert quizzes["q-single"]["text"] == "Which reply shows you listened?"
    assert data["assessment"] == {
        "id": "final",
        "lesson": 1,
        "pass": 80,
        "attempts": 2,
        "draw": 2,
        "shuffle": False,
        "pool": [8, 9, 10],
        "layout": "one",
        "review": "full",
    }
    assert data["lessons"][0] == {
        "id": "intro-lesson",
        "first": 0,
        "last": 2,
        "quizzes": [0, 1, 2, 3, 4, 5, 6, 7],
    }
    assert data["mastery"] == 75 and data["failedStatus"] == "incomplete"
    assert data["hash"] == structure_hash(course)
    assert data["strings"]["next"] == "Next"


def test_runtime_data_for_scorm(tmp_path: Path) -> None:
    """2004 gets its response ids (hyphens refused by Moodle); every adapter the number signs."""
    course = sample_course(tmp_path)
    course.quizzes()[0].choices[0].id = "calm-down"
    data = data_of(html_of(render_site(course, "scorm2004", Reporter())))
    ids = {c for q in data["quizzes"] for c in q.get("choices", []) + q.get("pairs", [])}
    hyphenated = {i for i in ids if "-" in i}
    assert "calm-down" in hyphenated
    written = {
        choice: rid
        for q in data["quizzes"]
        for ids, rids in ((q.get("choices", []), q["rid"].get("c", [])),
                          (q.get("pairs", []), q["rid"].get("s", [])))
        if q["kind"] != "true-false"
        for choice, rid in zip(ids, rids, strict=True)
    }
    assert {i: written[i] for i in hyphenated} == {i: i.replace("-", ".") for i in hyphenated}
    assert data["numbers"] == {"decimal": ".", "group": ",", "digits": "latn"}
    local = data_of(html_of(render_site(course, "scorm12", Reporter())))
    assert local["quizzes"][0]["rid"]["c"][0] == "a"  # 1.2: single characters, no ids


def test_structure_hash_changes_with_structure(tmp_path: Path) -> None:
    course = sample_course(tmp_path)
    before = structure_hash(course)
    assert structure_hash(sample_course(tmp_path)) == before
    course.lessons[0].pages[1].blocks[0].choices.append(Choice("new", "New", False, SPAN))  # type: ignore[union-attr]
    assert structure_hash(course) != before


def test_sequencing_is_not_shown_in_answer_order(tmp_path: Path) -> None:
    html = html_of(render_site(sample_course(tmp_path), "local", Reporter()))
    order = re.findall(r'data-cs-item="(s\d)"', html)
    assert sorted(order) == ["s1", "s2", "s3"] and order != ["s1", "s2", "s3"]


def test_theme_brand_colour_and_contrast(tmp_path: Path) -> None:
    html = html_of(
        render_site(sample_course(tmp_path, theme={"brand_color": "#FFD700"}), "local", Reporter())
    )
    match = re.search(r"--cs-brand:(#\w+);--cs-brand-text:(#\w+);--cs-brand-ink:(#\w+)", html)
    assert match
    brand, on_brand, ink = match.groups()
    assert brand == "#FFD700"
    assert contrast(brand, on_brand) >= 4.5
    assert contrast(ink, "#FFFFFF") >= 4.5
    assert text_on("#1F5F8B") == "#FFFFFF"
    assert ink_on_white("#1F5F8B") == "#1F5F8B"


def test_logo_and_missing_theme(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "logo.svg").write_text("<svg/>")
    files = render_site(
        sample_course(tmp_path, theme={"logo": "media/logo.svg"}), "local", Reporter()
    )
    assert files["media/logo.svg"] == b"<svg/>"
    assert '<img class="cs-logo" src="media/logo.svg" alt="">' in html_of(files)

    reporter = Reporter()
    assert render_site(sample_course(tmp_path, theme={"name": "nope"}), "local", reporter) == {}
    assert [d.code for d in reporter.diagnostics] == [Code.CS504]


def test_sample_course_renders(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1] / "courses" / "customer-service"
    reporter = Reporter()
    course = load_course(root, reporter)
    assert course is not None
    files = render_site(course, "scorm12", reporter)
    html = html_of(files)
    assert html.count("data-cs-page=") == len(course.pages())
    assert html.count('<form class="cs-quiz') == len(course.quizzes())
    for package_path in course.assets:
        assert package_path in files
