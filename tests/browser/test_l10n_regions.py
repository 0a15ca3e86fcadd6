"""Regional packages of the sample course in the test LMS: de-DE (SCORM 2004) and ar-SA.

de-DE: the learner sees German text and German UI strings, answers German questions; the LMS
stores the German question text as the interaction descriptions, and a relaunch resumes where
the learner left. ar-SA: the page is ``dir="rtl"`` in Arabic, axe-core finds nothing on it, the
layout really runs right to left (the navigation sits to the right of the content), and a
screenshot is kept for a person to look at (``COURSEC_SCREENSHOTS=<dir>``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from .conftest import SAMPLE_COURSE, build_course
from .learner import CourseLearner
from .lmshost import Lms, collection
from .test_axe import axe_violations


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("regional-build")
    build_course(SAMPLE_COURSE, out, targets=("scorm2004",), region="de-DE,ar-SA")
    return out


def package(root: Path, region: str) -> Path:
    return root / "customer-service" / region / "scorm2004"


def _clean(result: Any) -> None:
    assert result.problems == [], "\n".join(result.problems)
    assert result.js_errors == [], "\n".join(result.js_errors)


def test_de_de_package_is_german_in_the_lms_and_resumes(lms: Lms, regional: Path) -> None:
    pkg = package(regional, "de-DE")
    player = lms.launch(pkg)
    learner = CourseLearner(player.sco)
    frame = player.sco
    assert frame.evaluate("document.documentElement.lang") == "de-DE"
    assert frame.evaluate("document.documentElement.dir") == "ltr"
    first_page = frame.locator("section[data-cs-page]:not([hidden])").inner_text()
    assert "Für viele Kundinnen und Kunden sind Sie das Unternehmen" in first_page
    assert frame.locator("button[data-cs-nav='next']").inner_text().strip() == "Weiter"

    pages = learner.pages()
    for _ in range(len(pages)):
        learner.answer_visible(correct=True)
        if len(learner.answered) >= 2:
            break
        learner.next()
    assert len(learner.answered) >= 2
    learner.next()
    left_on = learner.current()
    first = player.close()
    _clean(first)
    stored = first.stored
    rows = collection(stored, "cmi.interactions")
    described = {row["id"]: " ".join((row.get("description") or "").split()) for row in rows}
    assert described, "no interactions stored"
    # the question text the LMS stored is the German one the learner saw
    memory = next(d for i, d in described.items() if "touchpoint-memory" in i)
    assert memory.startswith("Das Paket einer Kundin kommt zwei Tage zu spät"), memory
    assert all(not re.search(r"\bthe\b|\bwhich\b", d, re.I) for d in described.values()), (
        f"English left in the stored descriptions: {described}")
    assert stored["cmi.exit"] == "suspend" and stored.get("cmi.suspend_data")

    second = lms.relaunch(first, pkg)
    assert second.api_cmi()["cmi.entry"] == "resume"
    again = CourseLearner(second.sco)
    again.f.wait_for_function(
        "id => { const v = document.querySelectorAll('section[data-cs-page]:not([hidden])');"
        " return v.length === 1 && v[0].getAttribute('data-cs-page') === id; }",
        arg=left_on, timeout=10_000,
    )
    for quiz in learner.answered:
        assert again.controls(quiz) == learner.answered[quiz].inputs, f"{quiz} not restored"
    _clean(second.close())


def test_ar_sa_page_is_right_to_left_and_accessible(lms: Lms, regional: Path) -> None:
    pkg = package(regional, "ar-SA")
    player = lms.launch(pkg)
    frame = player.sco
    CourseLearner(frame).current()
    assert frame.evaluate("document.documentElement.dir") == "rtl"
    assert frame.evaluate("document.documentElement.lang") == "ar-SA"
    assert "أساسيات خدمة العملاء" in frame.locator("h1").inner_text()
    # logical properties: in RTL the table of contents is on the right of the content
    toc = frame.locator("nav.cs-toc").bounding_box()
    main = frame.locator("main#cs-main").bounding_box()
    if toc and main and toc["width"] < 500:  # side by side (wide viewport)
        assert toc["x"] > main["x"], (toc, main)
    next_box = frame.locator("button[data-cs-nav='next']").bounding_box()
    back_box = frame.locator("button[data-cs-nav='prev']").bounding_box()
    assert next_box and back_box and next_box["x"] < back_box["x"], "Next must be on the left"
    violations = axe_violations(frame, "ar-SA first page")
    learner = CourseLearner(frame)
    learner.next()
    violations += axe_violations(frame, "ar-SA second page", "section[data-cs-page]:not([hidden])")
    # plural forms come from the Arabic catalog through Intl.PluralRules: submitting the
    # assessment with all six questions open shows the "few" form (3..10 in Arabic)
    learner.goto(next(p for p in learner.pages() if p.startswith("final-assessment")))
    if not learner.assessment().count():
        learner.next()
    drawn = learner.start_assessment()
    learner.show_question(drawn[-1])  # Submit is on the last question
    section = learner.assessment()
    section.locator("button[data-cs-submit]").click()
    note = section.locator("[data-cs-note]")
    note.wait_for(state="visible")
    # the draw decides how many are open (a sequencing question counts as answered as shown):
    # 5 or 6 here, both in Arabic's "few" plural category (3-10), whose form is "أسئلة"
    match = re.match(r"(\d+) أسئلة لم تُجب عنها بعد", note.inner_text())
    assert match and 3 <= int(match.group(1)) <= 10, note.inner_text()
    shots = os.environ.get("COURSEC_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        learner.goto(learner.pages()[1])
        frame.page.screenshot(path=str(Path(shots) / "ar-SA.png"), full_page=False)
    assert violations == [], "\n".join(violations)
    _clean(player.close())
