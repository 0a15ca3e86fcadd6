"""axe-core on every page of the sample course: zero WCAG 2.1 A/AA violations.

The course runs in the test LMS (SCORM 2004 package), and axe checks the SCO's document in each
state a learner sees: every page section (after its practice quizzes were answered, so the
feedback is shown too), the assessment started, the assessment's result; and the first page
opened without an LMS (the "no LMS" message shown).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import sample_package
from .learner import CourseLearner
from .lmshost import AXE, Lms

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


#: the visible page section only (the header, contents and pager are the same on every page and
#: checked by the whole-document runs); a whole-document run costs about five times as much
VISIBLE_SECTION = "section[data-cs-page]:not([hidden])"


def axe_violations(frame: Any, label: str, include: str | None = None) -> list[str]:
    """Run axe in a frame (or page), on the whole document or only on the elements matching
    ``include``; one line per violating node."""
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE))
    found = frame.evaluate(
        """([tags, include]) => axe.run(include ? {include: [[include]]} : document,
                                        {runOnly: {type: 'tag', values: tags},
                                         resultTypes: ['violations']})
                 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                                html: n.html.slice(0, 160),
                                                summary: n.failureSummary}))})))""",
        [TAGS, include],
    )
    lines = []
    for v in found:
        for n in v["nodes"]:
            summary = " ".join((n["summary"] or "").split())[:200]
            lines.append(f"[{label}] {v['id']} ({v['impact']}): {v['help']} at {n['target']}: "
                         f"{n['html']} -- {summary}")
    return lines


@pytest.fixture(scope="module")
def package(sample_build: Path) -> Path:
    return sample_package(sample_build, "scorm2004")


def test_every_page_in_the_lms(lms: Lms, package: Path) -> None:
    player = lms.launch(package)
    learner = CourseLearner(player.sco)
    pages = learner.pages()
    violations: list[str] = []
    checked: list[str] = []

    def audit(page_id: str) -> None:
        checked.append(page_id)
        whole = len(checked) == 1  # the first page: the whole document, header and pager too
        violations.extend(axe_violations(player.sco, page_id, None if whole else VISIBLE_SECTION))

    seen = learner.walk(correct=False, on_page=audit)  # wrong answers: feedback shown
    if learner.assessment().count():
        here = learner.current()
        learner.take_assessment(
            n_correct=1,
            before_submit=lambda: violations.extend(
                axe_violations(player.sco, f"{here} (assessment answered)", VISIBLE_SECTION)),
        )
        violations.extend(axe_violations(player.sco, f"{here} (result)", VISIBLE_SECTION))
        if learner.can_go_next():
            learner.next()
            seen += learner.walk(correct=False, stop_at_assessment=False, on_page=audit)
    # the whole document once more, at the end (pager state, progress, every id in the page)
    violations.extend(axe_violations(player.sco, f"{learner.current()} (whole document)"))
    player.close()
    assert set(checked) == set(pages), f"pages not reached: {sorted(set(pages) - set(checked))}"
    assert violations == [], f"{len(violations)} WCAG 2.1 A/AA violations:\n" + "\n".join(
        violations)


def test_without_lms(lms: Lms, package: Path) -> None:
    context, page = lms.new_page()
    try:
        page.goto(lms.url_of(package) + "index.html")
        page.locator("[data-cs-lms-status]").first.wait_for(state="visible", timeout=5000)
        violations = axe_violations(page, "no LMS")
    finally:
        context.close()
    assert violations == [], "\n".join(violations)
