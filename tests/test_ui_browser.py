"""In Chromium: a fr-CA course shows its interface in French, its own strings included, with
the French plural form the runtime picks, and the brand colours and fonts applied, on a phone
and on a desktop. Screenshots go to the test's folder (or ``COURSEC_SCREENSHOTS``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from coursec.cli import main

ROOT = Path(__file__).resolve().parents[1]
UI_COURSE = ROOT / "tests" / "fixtures" / "ui" / "course"
CHROMIUM = os.environ.get("COURSEC_CHROMIUM", "/usr/bin/chromium")
VIEWPORTS = {"phone": (375, 740), "desktop": (1280, 800)}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ui-browser")
    course = root / "course"
    shutil.copytree(UI_COURSE, course)
    assert main(["build", str(course), "--target", "web", "--out", str(root / "build"),
                 "--quiet"]) == 0
    return next((root / "build").glob("*/fr-CA/web/index.html"))


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_fr_ca_course_shows_a_french_interface(
    browser: Any, index: Path, viewport: str, tmp_path: Path
) -> None:
    width, height = VIEWPORTS[viewport]
    shots = Path(os.environ.get("COURSEC_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(index.as_uri())
        page.wait_for_selector("[data-cs-progress-text]")
        assert page.get_attribute("html", "lang") == "fr-CA"
        assert page.inner_text(".cs-toc-title") == "Sommaire du cours"
        assert page.inner_text("[data-cs-nav=next]") == "Suivant"
        assert page.inner_text("[data-cs-nav=prev]") == "Précédent"
        assert page.inner_text("[data-cs-progress-text]") == "1 sur 3 pages consultées"
        page.screenshot(path=str(shots / f"ui-fr-CA-{viewport}-start.png"))

        page.click("[data-cs-nav=next]")
        page.wait_for_function(
            "document.querySelector('[data-cs-progress-text]').textContent"
            " === '2 sur 3 pages consultées'"
        )
        page.click("text=Vous terminez le courriel, puis vous la saluez.")
        page.click("button:has-text('Valider ma réponse')")  # the course's own string
        page.wait_for_selector("text=Pas tout à fait.")
        body = page.inner_text("body")
        assert "Encore 2 essais." in body  # tries_left, French 'other' form, from the course
        assert "Check answer" not in body and "Course contents" not in body
        colour = page.eval_on_selector(
            "[data-cs-nav=next]", "b => getComputedStyle(b).backgroundColor"
        )
        assert colour == "rgb(0, 84, 92)"  # theme.colors.primary #00545C
        heading_font = page.eval_on_selector(
            ".cs-page-title:not([hidden])", "h => getComputedStyle(h).fontFamily"
        )
        assert heading_font.startswith('Georgia, "DejaVu Serif"')
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width
        page.screenshot(path=str(shots / f"ui-fr-CA-{viewport}-quiz.png"))
    finally:
        page.close()


AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
DARK_THEME = (
    'theme:\n  colors:\n    primary: "#0B3D91"\n    text: "#F2F2F2"\n'
    '    background: "#121417"\n  logo: media/logo.svg\n'
)


@pytest.mark.parametrize("look", ["fixture", "dark"])
def test_axe_finds_no_contrast_problem_the_build_let_through(
    browser: Any, look: str, tmp_path: Path
) -> None:
    """The build's check (CS325) and axe-core agree: a theme that builds has no contrast
    violation, with a quiz's feedback shown and a control focused."""
    if not AXE.exists():
        pytest.skip("axe-core not installed (npm ci in tests/js)")
    course = tmp_path / "course"
    shutil.copytree(UI_COURSE, course)
    if look == "dark":
        config = (course / "course.yaml").read_text(encoding="utf-8")
        (course / "course.yaml").write_text(config.split("theme:", 1)[0] + DARK_THEME)
    assert main(["build", str(course), "--target", "web", "--out", str(tmp_path / "build"),
                 "--quiet"]) == 0
    index = next((tmp_path / "build").glob("*/fr-CA/web/index.html"))
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(index.as_uri())
        page.click("[data-cs-nav=next]")
        page.click("text=Vous terminez le courriel, puis vous la saluez.")
        page.click("button:has-text('Valider ma réponse')")
        page.wait_for_selector("text=Pas tout à fait.")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})
                 .then(r => r.violations.flatMap(v => v.nodes.map(n => n.failureSummary)))"""
        )
        assert found == []
    finally:
        page.close()
