"""Competency display names and pass thresholds: parsed from ``:competencies:`` (the old
``id, id`` form still valid), translatable segments like any text (``l10n`` keys, region files
of the sample), shipped in cs-data with the bounds the pass rule needs (``condition.needs``),
and a practice scenario's endings worded without pass or fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from coursec.build import BuildOptions, load_and_check
from coursec.condition import needs
from coursec.content import content_bytes
from coursec.diagnostics import Code, Reporter
from coursec.localize import localize_regions
from coursec.localize.segments import segments
from coursec.model import Course, Scenario
from coursec.parse.expr import parse_expr
from coursec.render import render_site

SAMPLE = Path(__file__).resolve().parents[1] / "courses" / "customer-service"

LESSON = """# Practice

::::{scenario} call
:title: A call
:start: opening
:competencies: %s
:pass: %s
:graded: %s

:::{node} opening
Hello.

- "Listen." -> done {empathy +1}
:::

:::{ending} done
:outcome: pass
:show: scores
Done.
:::
::::
"""


def _course(tmp_path: Path, comps: str, rule: str = "empathy >= 1", graded: str = "true") -> Course:
    (tmp_path / "lessons").mkdir(parents=True)
    (tmp_path / "course.yaml").write_text("id: fixture\ntitle: Fixture course\n")
    (tmp_path / "lessons" / "01-a.md").write_text(LESSON % (comps, rule, graded))
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=tmp_path, targets=["web"]), reporter)
    assert checked is not None and not reporter.has_errors, [
        d.message for d in reporter.diagnostics]
    return checked[0]


def _scenario(course: Course) -> Scenario:
    found = [b for lesson in course.lessons for p in lesson.pages for b in p.blocks
             if isinstance(b, Scenario)]
    return found[0]


def _data(course: Course, adapter: str = "local") -> dict[str, Any]:
    reporter = Reporter()
    files = render_site(course, adapter, reporter)
    html = content_bytes(files["index.html"]).decode("utf-8")
    match = re.search(r'<script type="application/json" id="cs-data">(.*?)</script>', html, re.S)
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _html(course: Course) -> str:
    files = render_site(course, "local", Reporter())
    return content_bytes(files["index.html"]).decode("utf-8")


def test_names_declared_once_and_the_old_form_still_valid(tmp_path: Path) -> None:
    sc = _scenario(_course(tmp_path, "empathy = Empathy, policy = Policy knowledge, de-escalation"))
    assert sc.competencies == ["empathy", "policy", "de-escalation"]
    assert {k: v.name for k, v in sc.competency_names.items()} == {
        "empathy": "Empathy", "policy": "Policy knowledge"}
    assert sc.display_name("de-escalation") == "De-escalation"  # not declared: the id humanised
    span = sc.competency_spans["policy"]
    assert (span.line, span.col, span.length) == (6, 35, 6)
    data = _data(_course(tmp_path / "old", "empathy, team_spirit"))
    assert data["scenarios"][0]["names"] == ["Empathy", "Team spirit"]


def test_bad_items_are_cs224(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "course.yaml").write_text("id: fixture\ntitle: Fixture course\n")
    bad = LESSON % ("empathy =, 9lives, empathy", "empathy >= 1", "true")
    (tmp_path / "lessons" / "01-a.md").write_text(bad)
    reporter = Reporter()
    load_and_check(BuildOptions(course_dir=tmp_path, targets=["web"]), reporter)
    found = [(d.code, d.span.col) for d in reporter.diagnostics if d.code is Code.CS224]
    assert found == [(Code.CS224, 16), (Code.CS224, 27), (Code.CS224, 35)]


@pytest.mark.parametrize(("rule", "expected"), [
    ("empathy >= 3", {"empathy": ("min", 3)}),
    ("empathy > 2 and policy <= 4", {"empathy": ("min", 3), "policy": ("max", 4)}),
    ("empathy >= 1 and (policy == 2 and total >= 5)",
     {"empathy": ("min", 1), "policy": ("exact", 2), "total": ("min", 5)}),
    ("empathy >= 1 and empathy >= 3 and escalated", {"empathy": ("min", 3)}),
    ("empathy < 3 and empathy < 1", {"empathy": ("max", 0)}),
    ("empathy >= 1 and empathy <= 4", {}),  # two kinds on one name: no single bound to show
    ("empathy != 2", {}),
    ("empathy >= 3 or policy >= 2", None),  # no bound is needed on its own
    ("not empathy >= 3", None),
    ("empathy >= 1 and not escalated", None),
])
def test_thresholds_are_what_the_rule_needs(
    rule: str, expected: dict[str, tuple[str, int]] | None
) -> None:
    assert needs(parse_expr(rule)) == expected
    assert needs(None) is None


def test_thresholds_in_cs_data(tmp_path: Path) -> None:
    data = _data(_course(tmp_path, "empathy = Empathy, policy", "empathy >= 1 and total > 0"))
    sc = data["scenarios"][0]
    assert (sc["names"], sc["need"], sc["ntot"]) == (
        ["Empathy", "Policy"], [["min", 1], None], ["min", 1])
    data = _data(_course(tmp_path / "or", "empathy", "empathy >= 1 or empathy <= -3"))
    assert (data["scenarios"][0]["need"], data["scenarios"][0]["ntot"]) == (None, None)


def _headings(html: str) -> list[str]:
    return re.findall(r"<h4 [^>]*data-cs-sc-heading[^>]*>(.*?)</h4>", html)


def test_practice_endings_never_say_pass_or_fail(tmp_path: Path) -> None:
    assert _headings(_html(_course(tmp_path, "empathy", graded="false"))) == [
        "Situation", "Practice complete"]
    assert _headings(_html(_course(tmp_path / "g", "empathy", graded="true"))) == [
        "Situation", "Outcome: success"]


def test_names_are_segments_and_translated_in_the_sample_regions() -> None:
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=SAMPLE, targets=["web"]), reporter)
    assert checked is not None
    course = checked[0]
    keys = {s.key: s.text for s in segments(course)}
    assert keys["late-refund.competency.de-escalation"] == "De-escalation"
    assert keys["no-policy-fits.competency.judgment"] == "Judgment"
    regions = dict(localize_regions(course, ["de-DE", "ar-SA", "en-GB"], Reporter()))
    names = {tag: [sc["names"] for sc in _data(c)["scenarios"]] for tag, c in regions.items()}
    assert names["de-DE"] == [["Empathie", "Richtlinientreue", "Deeskalation"],
                              ["Empathie", "Urteilsvermögen", "Richtlinienkenntnis"]]
    assert names["ar-SA"][0] == ["التعاطف", "الدقة في تطبيق السياسة", "تهدئة الموقف"]
    assert names["en-GB"][1] == ["Empathy", "Judgement", "Policy knowledge"]
    need = [sc["need"] for sc in _data(regions["de-DE"])["scenarios"]]
    assert need == [[["min", 3], ["min", 1], ["min", 2]], [["min", 2], ["min", 3], None]]
