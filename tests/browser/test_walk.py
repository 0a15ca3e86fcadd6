"""The learner walk of the sample course (web target) in every region, at phone to desktop widths.

Every page by Next, every practice quiz before / wrong / right, both scenarios to an ending, the
assessment to its result and review, the completion screen and its Exit; in a walk of its own
(the shown answer locks the quiz) every quiz wrong / revealed; in every state the checks of
``walk.Walker`` (no sideways scroll, focus kept and on the screen, axe-core clean, the heading on
the first screen and focused after a page turn, every control used tapped with a real click and
at least 44 x 44 px).

The matrix: every region of course.yaml at 320, 375, 768 and 1280 px (20 walks). axe-core runs
in every state at 375 and 1280; at 320 and 768 the document is the same (one build per region),
only the layout differs, and the layout checks run in every state there. About 45 s a walk with
axe, 20 s without, on one core: ``-n 2`` runs the 20 walks in about 6-8 minutes. Screenshots go to
``$COURSEC_WALK_SHOTS/<region>-<width>/`` (else a temporary folder): one per state, for a
reviewer (``bench/ui_contact.py`` composes them).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import SAMPLE_COURSE, build_course
from .test_layout import HEIGHTS, WIDTHS, open_course
from .walk import Walker
from .walk_keys import Keys

_CONFIG = yaml.safe_load((SAMPLE_COURSE / "course.yaml").read_text(encoding="utf-8"))
REGIONS: tuple[str, ...] = (str(_CONFIG["language"]), *map(str, _CONFIG.get("regions") or []))
#: every region at every width: the layout checks in every state, axe-core in every state at
#: the phone and the desktop widths (at 320 and 768 the document is the same, only the layout)
AXE_WIDTHS = (375, 1280)
MATRIX = [(r, w) for r in REGIONS for w in WIDTHS]


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's web package of every region (index.html by region), one build."""
    out = tmp_path_factory.mktemp("walk-web")
    build_course(SAMPLE_COURSE, out, ("web",), ",".join(REGIONS))
    found = {r: out / "customer-service" / r / "web" / "index.html" for r in REGIONS}
    missing = [r for r, p in found.items() if not p.exists()]
    assert not missing, f"no web package for {missing} in {out}"
    return found


def shots_for(name: str, tmp_path: Path) -> Path:
    root = os.environ.get("COURSEC_WALK_SHOTS")
    return (Path(root) if root else tmp_path) / name


@pytest.fixture
def course_page(browser: Any, web: dict[str, Path]) -> Iterator[Any]:
    opened: list[Any] = []

    def open_(region: str, width: int) -> Any:
        context, page = open_course(browser, web[region], width, HEIGHTS[width])
        opened.append(context)
        return page

    yield open_
    for context in opened:
        context.close()


def practice_quizzes(data: dict[str, Any]) -> list[str]:
    return [str(q["id"]) for q in data.get("quizzes") or [] if not q.get("inA")]


@pytest.mark.parametrize(("region", "width"), MATRIX, ids=[f"{r}-{w}" for r, w in MATRIX])
def test_walk(course_page: Any, region: str, width: int, tmp_path: Path) -> None:
    page = course_page(region, width)
    walker = Walker(page, f"{region} {width}px", shots_for(f"{region}-{width}", tmp_path),
                    axe=width in AXE_WIDTHS)
    pages = walker.walk()
    states = " | ".join(walker.states)
    expected = walker.learner.pages()  # then the completion screen, where there is one
    assert pages[:len(expected)] == expected and len(pages) <= len(expected) + 1, pages
    for quiz in practice_quizzes(walker.data):
        kind = next(q["kind"] for q in walker.data["quizzes"] if q["id"] == quiz)
        wanted = ("answered",) if kind == "likert" else ("before", "wrong", "right")
        for state in wanted:
            assert f" {quiz} {state}" in f" {states}", f"{quiz}: no {state!r} state: {states}"
    for sc in walker.data.get("scenarios") or []:
        assert f"{sc['id']} step" in states, f"scenario {sc['id']} not played: {states}"
    assert "exam result" in states, f"the assessment was not taken: {states}"
    assert page.js_errors == []
    assert walker.found == [], f"{len(walker.found)} problems:\n" + "\n".join(walker.found)
    print(f"{region} {width}px: {len(walker.states)} states", *walker.notes, sep="\n",
          file=sys.stderr)


#: the shown answers: every region on a phone, the source and the right-to-left region on a desktop
REVEAL = [(r, 375) for r in REGIONS] + [(r, 1280) for r in (REGIONS[0], "ar-SA")]


@pytest.mark.parametrize(("region", "width"), REVEAL, ids=[f"{r}-{w}" for r, w in REVEAL])
def test_show_answer(course_page: Any, region: str, width: int, tmp_path: Path) -> None:
    """Every practice quiz that shows its answer (cs-data ``show``): wrong, then the correct
    answer shown (Show answer, or the last try used up); checked and audited in that state."""
    page = course_page(region, width)
    walker = Walker(page, f"{region} {width}px", shots_for(f"{region}-{width}-revealed", tmp_path),
                    reveal=True)
    walker.walk()
    states = " | ".join(walker.states)
    for quiz in walker.data.get("quizzes") or []:
        if quiz.get("show") and not quiz.get("inA"):
            assert f"{quiz['id']} revealed" in states, f"{quiz['id']}: not revealed: {states}"
    assert page.js_errors == []
    assert walker.found == [], f"{len(walker.found)} problems:\n" + "\n".join(walker.found)


@pytest.mark.parametrize("width", [1280, 375])
def test_keyboard_only(course_page: Any, width: int) -> None:
    """Tab / Shift+Tab / Enter / Space / arrows only: every page turn, the first quiz of each
    kind (wrong, then right), the first scenario to an ending, the assessment submitted; focus
    always visible and never on <body>."""
    page = course_page("en-US", width)
    keys = Keys(page, f"en-US {width}px keyboard")
    walker = Walker(page, keys.label, axe=False, keys=keys, once=True)
    walker.walk()
    kinds = {str(q["kind"]) for q in walker.data["quizzes"] if not q.get("inA")}
    assert kinds <= walker._kinds, f"kinds not answered: {kinds - walker._kinds}"
    assert "exam result" in " | ".join(walker.states)
    assert page.js_errors == []
    found = walker.found + keys.found
    assert found == [], f"{len(found)} problems ({keys.presses} keys):\n" + "\n".join(found)
