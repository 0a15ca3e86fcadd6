"""Statements the real runtime sent (the xapi package played in Chromium against Ralph) go
through ``coursec report --lrs``: every page, question and scenario edge the scripted learner
touched appears with the right counts."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from browser.test_xapi_lrs import open_page, play_all
from lrs.lms import LrsLms
from lrs.ralph_server import PASSWORD, USER

from coursec.cli import main

from .simulate import SAMPLE

SCENARIO_IRIS = ("/late-refund/scenario", "/no-policy-fits/scenario")  # ActivityIds.scenario


def test_runtime_statements_are_reported(browser: Any, lrs_lms: LrsLms,
                                         lrs_packages: dict[str, str], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from browser.learner import CourseLearner

    launch = lrs_lms.xapi_launch("cs-xapi")
    context, page = open_page(browser, launch.url)
    play_all(CourseLearner(page))
    page.goto("about:blank")
    context.close()
    deadline = time.monotonic() + 30
    stored: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        stored = lrs_lms.stored(launch.registration)
        if any(s["verb"]["id"].endswith("/terminated") for s in stored):
            break
        time.sleep(0.25)
    assert stored
    monkeypatch.setenv("COURSEC_LRS_USER", USER)
    monkeypatch.setenv("COURSEC_LRS_PASSWORD", PASSWORD)
    monkeypatch.delenv("COURSEC_LRS_AUTH", raising=False)
    code = main(["report", str(SAMPLE), "--lrs", lrs_lms.ralph.url, "--lrs-all", "--out",
                 str(tmp_path), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 0, err
    mine = [s for s in stored]
    by_verb = Counter((s["verb"]["id"].rsplit("/", 1)[-1], s["object"]["id"]) for s in mine)

    def rows(name: str) -> list[dict[str, Any]]:
        return list(json.loads((tmp_path / f"{name}.json").read_text())["rows"])

    # other tests of the session may have played too: this learner's counts are at most theirs,
    # and everything this learner touched is there
    funnel = {r["step"]: r["learners"] for r in rows("funnel")}
    pages = {obj for verb, obj in by_verb if verb == "experienced"}
    assert pages and funnel["completed"] >= 1 and funnel["passed"] >= 1
    assert all(funnel[f"page:{key}"] >= 1 for key in _keys(pages))
    answered = {obj: n for (verb, obj), n in by_verb.items() if verb == "answered"}
    questions = {r["key"]: r for r in rows("questions")}
    edges = {(r["scenario"], r["node"], r["choice"]): r["times"] for r in rows("scenario_edges")}
    decisions = Counter((s["object"]["id"], s["result"]["response"]) for s in mine
                        if s["verb"]["id"].endswith("/answered")
                        and s["context"]["contextActivities"].get("parent", [{}])[0].get(
                            "id", "").endswith(SCENARIO_IRIS))
    assert decisions, "the learner played the scenarios"
    for (obj, choice), n in decisions.items():
        *_, lesson, scenario, _kind, node = obj.split("/")  # <scenario iri>/<node>
        assert edges[(f"{lesson}/{scenario}", node, choice)] >= n
    quiz_answers = {obj: n for obj, n in answered.items()
                    if not any(obj == o for o, _ in decisions)}
    assert quiz_answers
    for obj, n in quiz_answers.items():
        *_, lesson, quiz, _version = obj.split("/")
        assert questions[f"{lesson}/{quiz}"]["responses"] >= n, obj


def _keys(iris: set[str]) -> list[str]:
    return ["/".join(iri.split("/")[-2:]) for iri in iris]
