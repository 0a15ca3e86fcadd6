"""The xapi and cmi5 targets: cmi5.xml (XSD + golden), tincan.xml (structure + golden), activity
ids, moveOn, the CS700/CS701 rules, and credentials never reaching a package."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from lxml import etree
from schemas import load_schema

from coursec.activities import (
    DESCRIPTION_LIMIT,
    NAME_LIMIT,
    ActivityIds,
    answer_key_hash,
    runtime_data,
    shorten,
)
from coursec.build import BuildOptions, build
from coursec.diagnostics import Code, Reporter
from coursec.localize import localize_regions
from coursec.model import Assessment, Course, Quiz
from coursec.parse import load_course_with_links
from coursec.render.markdown import MarkdownRenderer
from coursec.targets.cmi5 import CMI5, build_cmi5, move_on
from coursec.targets.xapi import TINCAN, build_tincan

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "courses" / "customer-service"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def sample() -> Course:
    loaded = load_course_with_links(SAMPLE, Reporter())
    assert loaded is not None
    return loaded[0]


REGIONS = ["en-US", "en-GB", "de-DE", "es-MX", "ar-SA"]


@pytest.fixture(scope="module")
def regional() -> dict[str, Course]:
    """The sample course as every region sees it (translated titles and descriptions)."""
    reporter = Reporter()
    loaded = load_course_with_links(SAMPLE, Reporter())
    assert loaded is not None
    courses = dict(localize_regions(loaded[0], None, reporter))
    assert not reporter.has_errors, reporter.sorted()
    assert sorted(courses) == sorted(REGIONS)
    return courses


@pytest.fixture(scope="module")
def cmi5_schema() -> etree.XMLSchema:
    return load_schema("cmi5")


def _golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("COURSEC_UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert data.decode() == path.read_text(encoding="utf-8"), f"{name} changed (golden)"


@pytest.mark.parametrize("lang", REGIONS)
def test_cmi5_xml_valid_and_golden(
    lang: str, regional: dict[str, Course], cmi5_schema: etree.XMLSchema
) -> None:
    sample = regional[lang]
    xml = build_cmi5(sample, lang)
    doc = etree.fromstring(xml)
    assert cmi5_schema.validate(doc), str(cmi5_schema.error_log)
    au = doc.find(f"{{{CMI5}}}au")
    assert au is not None
    assert au.get("masteryScore") == "0.8" and au.get("moveOn") == "CompletedAndPassed"
    assert {e.get("lang") for e in doc.iter(f"{{{CMI5}}}langstring")} == {lang}
    _golden(f"{sample.id}.{lang}.cmi5.xml", xml)


def test_cmi5_xml_per_lesson(sample: Course, cmi5_schema: etree.XMLSchema) -> None:
    config = sample.config.model_copy(
        update={"xapi": sample.config.xapi.model_copy(update={"au": "lesson"})})
    course = dataclasses.replace(sample, config=config)
    doc = etree.fromstring(build_cmi5(course, "en-US"))
    assert cmi5_schema.validate(doc), str(cmi5_schema.error_log)
    aus = doc.findall(f"{{{CMI5}}}au")
    assert len(aus) == len(sample.lessons)
    assert len({au.get("id") for au in aus}) == len(aus)
    # each AU is judged on what its lesson holds: only the assessment's has a mastery score
    # and needs a pass; the others are completed by their pages (issue 12, defect 12)
    rules = {au.findtext(f"{{{CMI5}}}url"): (au.get("moveOn"), au.get("masteryScore"))
             for au in aus}
    final = f"index.html?au={sample.lessons[-1].id}"
    assert rules.pop(final) == ("CompletedAndPassed", "0.8")
    assert set(rules.values()) == {("Completed", None)}, rules


def test_shorten_cuts_at_a_word_boundary() -> None:
    assert shorten("  What   should you\nsay first?  ", 100) == "What should you say first?"
    assert shorten("What should you say first?", 15) == "What should\u2026"
    assert shorten("What should, you say", 14) == "What should\u2026"
    assert shorten("Supercalifragilistic", 8) == "Superca\u2026"
    for n in range(2, 40):
        text = "The customer says the refund is late again and wants a manager now."
        cut = shorten(text, n)
        assert len(cut) <= n
        assert text.startswith(cut.rstrip("\u2026"))
        rest = text[len(cut.rstrip("\u2026")):]
        if " " in cut and cut.endswith("\u2026"):  # never inside a word
            assert not rest[:1].isalnum(), (n, cut)


def test_interaction_names_are_the_question_text(sample: Course) -> None:
    """Issue 12, defect 14: names are the question text, not the slug; scenario decisions
    carry the node text, cut at a word boundary (computed once, in Python)."""
    md = MarkdownRenderer(allow_html=False)
    data = runtime_data(sample, md, "en-US")
    quizzes = [q for lesson in sample.lessons for page in lesson.pages for b in page.blocks
               for q in (b.quizzes if isinstance(b, Assessment) else [b]) if isinstance(q, Quiz)]
    for quiz, entry in zip(quizzes, data["quizzes"], strict=True):
        name = entry["def"]["name"]["en-US"]
        assert name != quiz.id and len(name) <= NAME_LIMIT
        prompt = " ".join(md.plain_md(quiz.prompt_md).split())  # the name is the prompt, cut
        assert name == prompt or (name.endswith("\u2026") and prompt.startswith(name[:-1]))
    decisions = [text for sc in data["scenarios"].values() for text in sc["decisions"].values()]
    assert decisions and all(len(t) <= DESCRIPTION_LIMIT for t in decisions)
    for scenario in sample.scenarios():
        for node in scenario.nodes.values():
            full = " ".join(md.plain(md.tokens(node.body)).split())
            text = data["scenarios"][scenario.id]["decisions"][node.id]
            assert text == full or (text.endswith("\u2026") and full.startswith(text[:-1])
                                    and not full[len(text) - 1].isalnum())


@pytest.mark.parametrize("lang", REGIONS)
def test_tincan_xml_structure_and_golden(lang: str, regional: dict[str, Course]) -> None:
    sample = regional[lang]
    xml = build_tincan(sample, lang)
    doc = etree.fromstring(xml)
    acts = doc.findall(f"{{{TINCAN}}}activities/{{{TINCAN}}}activity")
    ids = ActivityIds(sample)
    assert acts[0].get("id") == ids.course
    assert acts[0].findtext(f"{{{TINCAN}}}launch") == "index.html"
    assert len({a.get("id") for a in acts}) == len(acts), "activity ids must be unique"
    quizzes = [a for a in acts if a.get("type", "").endswith("cmi.interaction")]
    assert len(quizzes) == len(sample.quizzes())
    for act in acts:
        assert act.find(f"{{{TINCAN}}}name").get("lang") == lang  # type: ignore[union-attr]
    _golden(f"{sample.id}.{lang}.tincan.xml", xml)


def test_changed_answer_key_gets_a_new_activity_id(sample: Course) -> None:
    quiz: Quiz = next(q for q in sample.quizzes() if len(q.choices) > 2)
    flipped = [dataclasses.replace(c, correct=not c.correct) for c in quiz.choices]
    changed = dataclasses.replace(quiz, choices=flipped)
    reworded = dataclasses.replace(quiz, prompt_md=quiz.prompt_md + " (reworded)")
    assert answer_key_hash(changed) != answer_key_hash(quiz)
    assert answer_key_hash(reworded) == answer_key_hash(quiz)


@pytest.mark.parametrize(("pages", "mastery", "expected"), [
    ("all", True, "CompletedAndPassed"), ("all", False, "Completed"),
    ("none", True, "Passed")])
def test_move_on_from_completion_rules(sample: Course, pages: str, mastery: bool,
                                       expected: str) -> None:
    completion = sample.config.completion.model_copy(update={"pages": pages})
    config = sample.config.model_copy(update={"completion": completion})
    course = dataclasses.replace(sample, config=config)
    if not mastery:
        course.mastery_percent = lambda: None  # type: ignore[method-assign]
    assert move_on(course) == expected


def test_credentials_never_reach_a_package(tmp_path: Path) -> None:
    course = tmp_path / "c"
    (course / "lessons").mkdir(parents=True)
    (course / "course.yaml").write_text(
        "id: c\ntitle: C\ntargets: [xapi]\nxapi:\n  base_iri: https://x.example\n")
    (course / "lessons" / "01.md").write_text(
        "---\nid: one\ntitle: One\n---\n\n# One\n\nSee `Authorization: Basic Y291cnNlYzpwdw==`.\n")
    reporter = Reporter()
    out = build(BuildOptions(course, out_dir=tmp_path / "out"), reporter)
    assert out == [] and [d.code for d in reporter.diagnostics] == [Code.CS700]
    assert not (tmp_path / "out").exists()
