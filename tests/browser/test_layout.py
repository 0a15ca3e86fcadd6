"""The layout on every screen size: the sample course (web target) walked with Next alone.

At 320, 375, 768 and 1280 px in en-US and ar-SA (and de-DE at 320, for its long words), on every
page: no horizontal scroll of the document, the new page's heading on the first screen and
focused after the turn, ``document.title`` "<page title> - <course title>", every control of
the page at least 44 x 44 px; Next and Back are pressed with real clicks. At 375 the contents
drawer opens and closes by keyboard (Enter, Escape, choosing a page). axe-core finds nothing on
any page at 375 and 1280 in en-US and ar-SA. Screenshots (phone 375 x 740, desktop 1280 x 800)
are written to ``$COURSEC_SCREENS`` (``docs/screens`` to refresh the committed ones), else to a
temporary folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import SAMPLE_COURSE, build_course
from .lmshost import AXE
from .test_axe import VISIBLE_SECTION, axe_violations

WIDTHS = (320, 375, 768, 1280)
HEIGHTS = {320: 640, 375: 740, 768: 1024, 1280: 800}
WALKS = [(r, w) for r in ("en-US", "ar-SA") for w in WIDTHS] + [("de-DE", 320)]
AXE_WIDTHS = (375, 1280)
TARGET = 44  # px: the smallest touch target

#: the state of the visible page, read in the page
PAGE_STATE = """() => {
  const s = document.querySelector('section[data-cs-page]:not([hidden])');
  const h = s.querySelector('[data-cs-heading]');
  const b = h.getBoundingClientRect();
  const small = [];
  const controls = s.querySelectorAll('button, select, input[type=text], .cs-choice label');
  document.querySelectorAll('.cs-pager button, [data-cs-menu-toggle]').forEach(c => small.push(c));
  const targets = Array.from(controls).concat(small).filter(c => c.getClientRects().length)
    .map(c => { const r = c.getBoundingClientRect();
                return {what: c.outerHTML.slice(0, 80), w: r.width, h: r.height}; })
    .filter(r => r.w < MIN || r.h < MIN);
  return {id: s.id, heading: h.textContent.trim(), top: b.top, bottom: b.bottom,
          focused: document.activeElement === h, title: document.title,
          course: document.querySelector('.cs-course-title').textContent.trim(),
          scrollWidth: document.scrollingElement.scrollWidth, width: innerWidth,
          height: innerHeight, small: targets};
}""".replace("MIN", str(TARGET))


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The sample's web package of a region (its index.html), built once per module."""
    built: dict[str, Path] = {}

    def get(region: str) -> Path:
        if region not in built:
            out = tmp_path_factory.mktemp(f"layout-{region}")
            build_course(SAMPLE_COURSE, out, ("web",), region)
            index = out / "customer-service" / region / "web" / "index.html"
            assert index.exists(), f"no web package for {region} in {out}"
            built[region] = index
        return built[region]

    return get


def open_course(browser: Any, index: Path, width: int, height: int) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": width, "height": height},
                                   reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors
    page.goto(index.as_uri())
    page.wait_for_function("() => document.documentElement.classList.contains('cs-js')")
    return context, page


def problems(state: dict[str, Any], turned: bool, label: str) -> list[str]:
    found = []
    if state["scrollWidth"] > state["width"]:
        found.append(f"{label}: the page scrolls sideways ({state['scrollWidth']} > "
                     f"{state['width']} px)")
    if state["top"] < 0 or state["bottom"] > state["height"]:
        found.append(f"{label}: heading off the first screen ({state['top']:.0f}-"
                     f"{state['bottom']:.0f} of {state['height']} px)")
    if turned and not state["focused"]:
        found.append(f"{label}: the heading is not focused after the page turn")
    want = f"{state['heading']} - {state['course']}"
    if state["title"] != want:
        found.append(f"{label}: document.title {state['title']!r}, expected {want!r}")
    for s in state["small"]:
        found.append(f"{label}: target {s['w']:.0f} x {s['h']:.0f} px: {s['what']}")
    return found


@pytest.mark.parametrize(("region", "width"), WALKS, ids=[f"{r}-{w}" for r, w in WALKS])
def test_walk_with_next(browser: Any, course: Callable[[str], Path], region: str,
                        width: int) -> None:
    context, page = open_course(browser, course(region), width, HEIGHTS[width])
    audit = region in ("en-US", "ar-SA") and width in AXE_WIDTHS
    found: list[str] = []
    seen: list[str] = []
    try:
        if audit:
            page.add_script_tag(path=str(AXE))
        nxt = page.locator('[data-cs-nav="next"]')
        while True:
            state = page.evaluate(PAGE_STATE)
            label = f"{region} {width}px {state['id']}"
            found += problems(state, bool(seen), label)
            if audit:
                found += axe_violations(page, label, VISIBLE_SECTION if seen else None)
            seen.append(state["id"])
            nxt.click()  # a real click: the button must be where it is drawn and on top
            if page.locator("section[data-cs-completion]").is_visible():
                break  # Next on the last page: the completion screen
            assert len(seen) < 200, "Next never ends"
        done = page.locator("section[data-cs-completion] h2")
        assert page.evaluate("() => document.activeElement.id") == "cs-done-h"
        assert done.bounding_box()["y"] >= 0 and not nxt.is_visible()
        if audit:
            found += axe_violations(page, f"{region} {width}px completion", "#cs-done")
        page.locator('[data-cs-nav="prev"]').click()
        back = page.evaluate(PAGE_STATE)
        assert back["id"] == seen[-1], "Back did not return to the last page"
        found += problems(back, True, f"{region} {width}px back to {back['id']}")
        if audit:
            found += axe_violations(page, f"{region} {width}px (whole document at the end)")
        assert page.js_errors == []
    finally:
        context.close()
    assert len(seen) == len(set(seen)) > 20, f"pages walked: {seen}"
    assert found == [], f"{len(found)} layout problems:\n" + "\n".join(found)


@pytest.mark.parametrize("region", ["en-US", "ar-SA"])
def test_drawer_by_keyboard(browser: Any, course: Callable[[str], Path], region: str) -> None:
    context, page = open_course(browser, course(region), 375, 740)
    try:
        toggle = page.locator("[data-cs-menu-toggle]")
        toc = page.locator("#cs-toc")
        assert toggle.get_attribute("aria-controls") == "cs-toc"
        assert toggle.get_attribute("aria-expanded") == "false" and not toc.is_visible()
        # content first: the page's heading comes before anything of the menu on the screen
        heading = page.locator("section[data-cs-page]:not([hidden]) [data-cs-heading]")
        assert heading.bounding_box()["y"] < 740
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.hasAttribute('data-cs-menu-toggle')")
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true" and toc.is_visible()
        assert page.evaluate("() => document.activeElement.getAttribute('aria-current')") == "page"
        counts = page.locator("[data-cs-lesson-progress]").all_text_contents()
        done = [int(re.findall(r"\d+", c)[0]) for c in counts]  # "1 of 5 pages", "1 من 5 صفحة"
        assert done[0] == 1 and not any(done[1:]), counts
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false" and not toc.is_visible()
        assert page.evaluate("() => document.activeElement.hasAttribute('data-cs-menu-toggle')")
        page.keyboard.press(" ")  # Space opens it too
        assert toc.is_visible()
        links = page.locator("#cs-toc a[data-cs-toc]")
        for _ in range(3):
            page.keyboard.press("Tab")
        target = page.evaluate("() => document.activeElement.getAttribute('data-cs-toc')")
        assert target == links.nth(3).get_attribute("data-cs-toc")
        box = links.nth(3).bounding_box()
        assert box["height"] >= TARGET, f"menu entries are {box['height']} px high"
        page.keyboard.press("Enter")  # choosing a page closes the drawer, focus on its heading
        assert toggle.get_attribute("aria-expanded") == "false" and not toc.is_visible()
        state = page.evaluate(PAGE_STATE)
        assert state["id"] == target
        assert problems(state, True, f"{region} via the menu") == []
        toggle.click()
        counts = page.locator("[data-cs-lesson-progress]").all_text_contents()
        assert int(re.findall(r"\d+", counts[0])[0]) == 2, counts
        assert page.js_errors == []
    finally:
        context.close()


SHOTS = {"phone": (375, 740), "desktop": (1280, 800)}


@pytest.mark.parametrize("region", ["en-US", "ar-SA"])
def test_screenshots(browser: Any, course: Callable[[str], Path], region: str,
                     tmp_path: Path) -> None:
    """First page, a quiz page, a table page (each at its top) and the drawer open on a phone."""
    out = Path(os.environ.get("COURSEC_SCREENS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    for device, (width, height) in SHOTS.items():
        context, page = open_course(browser, course(region), width, height)
        try:
            keys = page.evaluate("""() => {
              const all = Array.from(document.querySelectorAll('section[data-cs-page]'));
              const quiz = all.find(s => s.querySelector('.cs-quiz:not(.cs-assessment .cs-quiz)'));
              const table = all.find(s => s.querySelector('.cs-prose table'));
              return [[all[0].id, ''], [quiz.id, '.cs-quiz'], [table.id, '.cs-prose table']]; }""")
            for name, (key, part) in zip(("first", "quiz", "table"), keys, strict=True):
                page.locator(f'#cs-toc a[data-cs-toc="{key}"]').evaluate("a => a.click()")
                if part:  # that part at the top of the screen
                    page.locator(f"#{key} {part}").first.evaluate(
                        "e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 16)")
                else:
                    page.evaluate("() => window.scrollTo(0, 0)")
                page.screenshot(path=str(out / f"{region}-{device}-{name}.png"))
            if device == "phone":
                page.locator("[data-cs-menu-toggle]").click()
                page.screenshot(path=str(out / f"{region}-{device}-menu.png"))
        finally:
            context.close()
    assert len(list(out.glob(f"{region}-*.png"))) == 7
