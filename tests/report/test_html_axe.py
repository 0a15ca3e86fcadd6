"""The HTML report passes axe-core (WCAG 2.1 A/AA) with 0 violations and opens with no
network: every request other than the file itself is refused, and none is made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser.lmshost import AXE

from coursec.cli import main
from coursec.model import Course

from .simulate import SAMPLE, Simulator, write_ndjson

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_report_passes_axe_offline(browser: Any, sample: Course, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = write_ndjson(Simulator(sample, seed=4, definitions=False).statements(200),
                        tmp_path / "s.ndjson")
    assert main(["report", str(SAMPLE), "--statements", str(path), "--out",
                 str(tmp_path / "r"), "--format", "html"]) == 0
    capsys.readouterr()
    requests: list[str] = []
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()

        def route(r: Any) -> None:
            requests.append(r.request.url)
            if r.request.url.startswith("file://") and r.request.url.endswith(".html"):
                r.continue_()
            else:
                r.abort()

        page.route("**/*", route)
        page.goto((tmp_path / "r" / "report.html").as_uri())
        assert page.locator("h1").inner_text().startswith("Learner report")
        assert page.evaluate("() => [...document.images].every(i => i.naturalWidth > 0)")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found = page.evaluate(
            """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                               resultTypes: ['violations']})
               .then(r => r.violations.map(v => v.id + ': ' + v.help + ' at ' +
                     v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))""",
            TAGS)
    finally:
        context.close()
    assert found == []
    assert [u for u in requests if not u.endswith("report.html")] == []
